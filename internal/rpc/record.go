package rpc

import (
	"time"

	"github.com/tsymock/tsymock/internal/journal"
)

// record keeps a finished request's entry, and returns its journal id:
// the metrics count it, the journal keeps it, and coverage counts it when
// own (its sysid is a registered application). The metrics read it first,
// before the journal masks and owns it.
func (h *Handler) record(e *journal.Entry, d time.Duration, own bool) uint64 {
	h.Metrics.Record(e, d)
	id := h.Journal.Add(e, own)
	if own {
		h.Coverage.Record(e)
	}
	return id
}

// RecordPage keeps the entry of a browser page's request as a call's is
// kept (journal, coverage, metrics), and returns its journal id. An entry
// that names no method gets the one its page serves; it counts for
// coverage when its sysid is a registered application.
func (h *Handler) RecordPage(e *journal.Entry, d time.Duration) uint64 {
	if m, ok := h.Catalogue.Page(e.Page); ok && e.Service == "" {
		e.Service, e.Method = m.Service, m.Name
	}
	_, own := h.Apps.Get(e.SysID)
	return h.record(e, d, own && e.SysID != "")
}

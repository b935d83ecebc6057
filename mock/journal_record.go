package mock

import (
	"net/http"
	"time"
)

// finish records a finished exchange: its journal entry, its coverage
// count and its log line. body is what was written (nil for a fault that
// wrote its own).
func (s *Server) finish(r *http.Request, ex *exchange, start time.Time, body []byte) {
	d := time.Since(start)
	e := s.newEntry(r, ex, start, d, body)
	own := ex.app.SysID != ""
	ex.id = s.journal.Add(e, own)
	if own {
		s.coverage.Record(e)
	}
	s.logExchange(r.Context(), ex, d)
}

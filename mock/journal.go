package mock

import (
	"github.com/tsymock/tsymock/internal/emulator"
	"github.com/tsymock/tsymock/internal/journal"
)

// DefaultJournalSize is how many calls the journal keeps per application.
const DefaultJournalSize = journal.DefaultSize

// journalLimits are the journal's bounds: a quarter of JournalBytes for one
// application, so that one busy application leaves room for three others.
func (cfg Config) journalLimits() journal.Limits {
	l := journal.Limits{Entries: cfg.JournalSize, TotalBytes: cfg.JournalBytes}
	if cfg.JournalBytes > 0 {
		l.AppBytes = min(cfg.JournalBytes/4, journal.DefaultAppBytes)
	}
	return l
}

// The journal's types, as Server.Journal hands them out (package
// internal/journal defines them).
type (
	// JournalEntry is one call on /service/soa, or one request of a
	// browser page, as the journal keeps it. It never holds a full card or
	// identity number.
	JournalEntry = journal.Entry
	// JournalFilter selects journal entries; the zero filter selects
	// everything.
	JournalFilter = journal.Filter
	// DecodedReq is a call's req parameter decoded.
	DecodedReq = journal.DecodedReq
	// SignatureCheck is how a call's signature fared.
	SignatureCheck = journal.SignatureCheck
	// Portability is one thing tsymock let a call pass that Allinpay's
	// real test environment refuses (JournalEntry.Portability): its rule,
	// the code the real environment answers, and why.
	Portability = emulator.Portability
	// PortabilityRule documents one rule of Portability notes.
	PortabilityRule = emulator.PortabilityRule
)

// PortabilityAny is the JournalFilter.Portability of every call with a
// portability note, whatever its rule.
const PortabilityAny = journal.PortabilityAny

// PortabilityRules lists every rule under which tsymock notes a call that
// the real test environment would refuse (docs/methods.md, "Portability
// rules").
func PortabilityRules() []PortabilityRule { return emulator.PortabilityRules() }

// Outcomes of a call, as the journal, the log and coverage name them.
const (
	OutcomeOK    = journal.OutcomeOK
	OutcomeError = journal.OutcomeError
	OutcomeFault = journal.OutcomeFault
)

// Kinds of journal entry, and the actions of a page request.
const (
	KindSOA     = journal.KindSOA
	KindPage    = journal.KindPage
	PageOpen    = journal.PageOpen
	PageConfirm = journal.PageConfirm
	PageFail    = journal.PageFail
)

// Signature verdicts of a journal entry.
const (
	SignatureValid     = journal.SignatureValid
	SignatureInvalid   = journal.SignatureInvalid
	SignatureUnchecked = journal.SignatureUnchecked // the call failed before its signature was checked
)

// Journal returns copies of the journal entries that match f, oldest
// first.
func (s *Server) Journal(f JournalFilter) []JournalEntry { return s.journal.Find(f) }

// JournalEntry returns a copy of the entry with this id, if the journal
// still holds it.
func (s *Server) JournalEntry(id uint64) (JournalEntry, bool) { return s.journal.Get(id) }

// Calls counts the journal entries that match f: "was refund called once
// with amount 100?". It counts what the journal holds (the last
// JournalSize calls per application).
func (s *Server) Calls(f JournalFilter) int { return s.journal.Count(f) }

package coverage

import (
	"cmp"
	"maps"
	"slices"

	"github.com/tsymock/tsymock/internal/emulator"
	"github.com/tsymock/tsymock/internal/journal"
)

// PortabilityReport is one rule under which tsymock let calls pass that
// Allinpay's real test environment refuses ("would fail on the real test
// environment"): how many calls, by which methods, and the first one as an
// example, so that a team learns its test data is not portable before it
// points its suite at Allinpay.
type PortabilityReport struct {
	Rule string `json:"rule"`
	// Code is what the real test environment answers such a call.
	Code string `json:"code"`
	// Doc says what the rule is about (emulator.PortabilityRules).
	Doc   string `json:"doc,omitempty"`
	Calls int    `json:"calls"`
	// Methods counts the calls by "Service.method".
	Methods map[string]int `json:"methods"`
	// Example is the first call noted under the rule.
	Example PortabilityExample `json:"example"`
}

// PortabilityExample is one call noted under a rule: its journal id (the
// entry may have left the bounded journal since), its method and the note.
type PortabilityExample struct {
	JournalID uint64 `json:"journalId"`
	Call      string `json:"call"`
	Message   string `json:"message"`
}

// noteTally counts the notes of one rule.
type noteTally struct {
	code    string
	calls   int
	methods map[string]int
	example PortabilityExample
}

// recordNotes counts the portability notes of a journaled call; c.mu is
// held. A call with two notes of one rule counts once under it.
func (a *appTally) recordNotes(e *journal.Entry) {
	if len(e.Portability) == 0 {
		return
	}
	if a.notes == nil {
		a.notes = map[string]*noteTally{}
	}
	call := e.Service + "." + e.Method
	seen := make([]string, 0, len(e.Portability))
	for _, p := range e.Portability {
		if slices.Contains(seen, p.Rule) {
			continue
		}
		seen = append(seen, p.Rule)
		n, ok := a.notes[p.Rule]
		if !ok {
			n = &noteTally{code: p.Code, methods: map[string]int{},
				example: PortabilityExample{JournalID: e.ID, Call: call, Message: p.Message}}
			a.notes[p.Rule] = n
		}
		n.calls++
		n.methods[call]++
	}
}

// portability is the "would fail on the real test environment" list: one
// report per rule, the rules with the most calls first.
func (a *appTally) portability() []PortabilityReport {
	out := make([]PortabilityReport, 0, len(a.notes))
	for rule, n := range a.notes {
		r := PortabilityReport{Rule: rule, Code: n.code, Calls: n.calls, Methods: maps.Clone(n.methods),
			Example: n.example}
		if doc, ok := emulator.PortabilityRuleOf(rule); ok {
			r.Doc = doc.Doc
		}
		out = append(out, r)
	}
	slices.SortFunc(out, func(x, y PortabilityReport) int {
		return cmp.Or(cmp.Compare(y.Calls, x.Calls), cmp.Compare(x.Rule, y.Rule))
	})
	return out
}

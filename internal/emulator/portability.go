package emulator

import (
	"fmt"

	"github.com/tsymock/tsymock/internal/soa"
)

// Portability is one place where tsymock accepted a call that Allinpay's real
// test environment would refuse (specification V2.1.5: its test cards, test
// identities, amounts and SMS codes). A suite that relies on it passes here
// and fails there; the mock logs it, journals it and lists it in the coverage
// report, and with Config.Strict the call fails as the real one would.
type Portability struct {
	// Rule names the leniency, e.g. "test-card": stable, for filters and docs.
	Rule string `json:"rule"`
	// Code is the errorCode the real test environment would answer.
	Code string `json:"code"`
	// Message says what was accepted and what the real test environment
	// wants instead, citing the specification's section.
	Message string `json:"message"`
}

// String is "rule: message (the real test environment answers code)".
func (p Portability) String() string {
	return fmt.Sprintf("%s: %s (the real test environment answers %s)", p.Rule, p.Message, p.Code)
}

// Outcome is a call's answer and what tsymock let pass on the way.
type Outcome struct {
	Value       map[string]any
	Err         *soa.Error
	Portability []Portability
	// Triggers say which of tsymock's test triggers decided the call
	// (e.g. a companyName holding "reject"), for the log line and the
	// journal: the answer and the notifications carry only what the
	// platform would send.
	Triggers []string
}

// triggered records that one of tsymock's test triggers decided the call
// running now (see Outcome.Triggers).
func (a *app) triggered(format string, args ...any) {
	a.triggers = append(a.triggers, fmt.Sprintf(format, args...))
}

// lenient records that the call relies on something the real test
// environment refuses. Without Config.Strict it returns nil and the call goes
// on; with it, it returns the error the real environment would answer, which
// the handler must return at once.
func (a *app) lenient(rule, code, format string, args ...any) *soa.Error {
	p := Portability{Rule: rule, Code: code, Message: fmt.Sprintf(format, args...)}
	if a.strict {
		return p.Refusal()
	}
	a.notes = append(a.notes, p)
	return nil
}

// Refusal is the error --strict answers in place of the note: its code and
// message, naming the rule.
func (p Portability) Refusal() *soa.Error {
	return soa.Errorf(p.Code, "%s (tsymock --strict: the real test environment refuses this; rule %s)", p.Message, p.Rule)
}

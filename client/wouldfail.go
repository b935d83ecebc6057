package client

import (
	"net/http"

	"github.com/tsymock/tsymock/internal/soa"
)

// WouldFail is what tsymock let pass in a call that Allinpay's real test
// environment refuses: the portability rule (docs/methods.md, Portability
// rules), the errorCode the real environment answers and the reason (the
// log's text). tsymock names them in its X-Tsymock-Would-Fail and
// X-Tsymock-Would-Fail-Reason answer headers; the real platform sends none.
type WouldFail = soa.WouldFail

// WithWouldFail calls fn after each call that tsymock answered OK but
// that the real test environment would refuse, with what it let pass (an
// error answer carries no X-Tsymock-Would-Fail, so fn does not hear of a
// call that failed anyway). Without --strict tsymock answers such calls as
// they are meant and only marks them (log, journal, coverage); with this
// option a Go test can fail on them, or log them, call by call:
//
//	client.WithWouldFail(func(service, method string, notes []client.WouldFail) {
//		t.Errorf("%s.%s would not pass on Allinpay's test environment: %v", service, method, notes)
//	})
//
// fn runs on the calling goroutine, before the call returns.
func WithWouldFail(fn func(service, method string, notes []WouldFail)) Option {
	return func(c *Client) { c.wouldFail = fn }
}

// Rule names the scenario rule(s) that made or broke an answer of
// tsymock, from its X-Tsymock-Rule and X-Tsymock-Fault answer headers:
// ID is the rule as the journal and the log name it ("file:line name"),
// Fault the fault it asked for ("bad-signature", "empty-body", ...), or "".
// The real platform sends neither header.
type Rule struct {
	ID    string
	Fault string
}

// WithRule calls fn after each call a scenario rule answered or broke, before
// the call returns its answer or error: an error a rule caused on purpose
// (a fault: bad-signature, an errorCode it answers) is then told apart
// from the client's own mistake. fn runs on the calling goroutine.
func WithRule(fn func(service, method string, rule Rule)) Option {
	return func(c *Client) { c.rule = fn }
}

// ruleOf reads the rule headers of an answer; none is the zero Rule.
func ruleOf(h http.Header) Rule {
	v := h.Get(soa.HeaderRule)
	if v == "" {
		return Rule{}
	}
	return Rule{ID: soa.ParseRuleHeader(v), Fault: h.Get(soa.HeaderFault)}
}

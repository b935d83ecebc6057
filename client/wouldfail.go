package client

import "github.com/tsymock/tsymock/internal/soa"

// WouldFail is what tsymock let pass in a call that Allinpay's real test
// environment refuses: the portability rule (docs/methods.md, Portability
// rules) and the errorCode the real environment answers. tsymock names them
// in its X-Tsymock-Would-Fail answer header; the real platform sends none.
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

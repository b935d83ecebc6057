package coverage

import (
	"maps"

	"github.com/tsymock/tsymock/internal/journal"
	"github.com/tsymock/tsymock/internal/soa"
)

// PageReport is what one browser page (PROTOCOL.md §6) was asked: how
// often it was opened and its buttons carried out, the errors it answered,
// and what the tests never did with it.
type PageReport struct {
	Page    string `json:"page"` // its path, e.g. /yungateway/pwd/setPayPwd.html
	Service string `json:"service"`
	Method  string `json:"method"`
	// Requests counts every request of the page; Opened the times it was
	// shown, Confirmed and Failed the times its confirm and fail buttons
	// were carried out (the browser sent back to the merchant).
	Requests  int `json:"requests"`
	Opened    int `json:"opened"`
	Confirmed int `json:"confirmed"`
	Failed    int `json:"failed"`
	// ErrorCodes counts the error answers by errorCode: an error page, or
	// a wrong code or password typed.
	ErrorCodes map[string]int `json:"errorCodes,omitempty"`
	// Gaps name what the tests never did: "never opened", "never
	// confirmed", "never failed" (the fail button, the merchant's failure
	// path).
	Gaps []string `json:"gaps,omitempty"`
}

// Page coverage gaps; a page whose fail button was never carried out has
// GapNeverFailed.
const (
	GapNeverOpened    = "never opened"
	GapNeverConfirmed = "never confirmed"
)

// pageTally is what one page was asked: its requests counted as a
// method's calls are (by outcome and code), and what they did.
type pageTally struct {
	tally
	opened, confirmed, failed int
}

// recordPage counts one page request. c.mu is held.
func (a *appTally) recordPage(e *journal.Entry) {
	if a.pages == nil {
		a.pages = map[string]*pageTally{}
	}
	t, ok := a.pages[e.Page]
	if !ok {
		t = &pageTally{tally: tally{codes: map[string]int{}}}
		a.pages[e.Page] = t
	}
	t.calls++
	if e.Outcome != journal.OutcomeOK {
		t.codes[e.ErrorCode]++
		return
	}
	t.ok++
	switch e.Action {
	case journal.PageOpen:
		t.opened++
	case journal.PageConfirm:
		t.confirmed++
		if e.Req != nil { // signed params that confirm at once (frontTrans.do with a card order's code) open it too
			t.opened++
		}
	case journal.PageFail:
		t.failed++
	}
}

// pageReports are the catalogue's pages, in its order, with what each was
// asked.
func (a *appTally) pageReports(cat *soa.Catalogue) []PageReport {
	out := []PageReport{}
	for _, m := range cat.Methods() {
		if m.PageFlow {
			out = append(out, a.pageReport(m))
		}
	}
	return out
}

func (a *appTally) pageReport(m *soa.Method) PageReport {
	rep := PageReport{Page: m.Page, Service: m.Service, Method: m.Name}
	t, ok := a.pages[m.Page]
	if !ok {
		rep.Gaps = []string{GapNeverOpened}
		return rep
	}
	rep.Requests, rep.Opened, rep.Confirmed, rep.Failed = t.calls, t.opened, t.confirmed, t.failed
	if len(t.codes) > 0 {
		rep.ErrorCodes = maps.Clone(t.codes)
	}
	for _, g := range []struct {
		n   int
		gap string
	}{{t.opened, GapNeverOpened}, {t.confirmed, GapNeverConfirmed}, {t.failed, GapNeverFailed}} {
		if g.n == 0 {
			rep.Gaps = append(rep.Gaps, g.gap)
		}
	}
	return rep
}

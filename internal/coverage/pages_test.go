package coverage

import (
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/internal/journal"
	"github.com/tsymock/tsymock/internal/soa"
)

// pageEntry is a page request of sysid A on setPayPwd.html.
func pageEntry(action, outcome, code string) journal.Entry {
	return journal.Entry{Kind: journal.KindPage, SysID: "A", Page: "/yungateway/pwd/setPayPwd.html",
		Service: "MemberPwdService", Method: "setPayPwd", Action: action, Outcome: outcome, ErrorCode: code}
}

// TestRecordPages: page requests count under their page, by what they
// did; the page flow's line among the methods counts them too, and the
// text lists the pages asked and those never opened.
func TestRecordPages(t *testing.T) {
	c := New(soa.DefaultCatalogue())
	for _, e := range []journal.Entry{
		pageEntry(journal.PageOpen, journal.OutcomeOK, ""),
		pageEntry(journal.PageConfirm, journal.OutcomeError, "10000"),
		pageEntry(journal.PageConfirm, journal.OutcomeOK, ""),
		pageEntry(journal.PageOpen, journal.OutcomeError, "30032"),
	} {
		c.Record(&e)
	}
	rep := c.Report("A")
	assert.Zero(t, rep.Called, "pages are not /service/soa methods")
	var set PageReport
	for _, p := range rep.Pages {
		if p.Page == "/yungateway/pwd/setPayPwd.html" {
			set = p
		} else {
			assert.Equal(t, []string{GapNeverOpened}, p.Gaps, p.Page)
		}
	}
	assert.Equal(t, PageReport{Page: "/yungateway/pwd/setPayPwd.html", Service: "MemberPwdService", Method: "setPayPwd",
		Requests: 4, Opened: 1, Confirmed: 1, ErrorCodes: map[string]int{"10000": 1, "30032": 1},
		Gaps: []string{GapNeverFailed}}, set)
	for _, m := range rep.Methods {
		if m.Method == "setPayPwd" {
			assert.Equal(t, MethodReport{Service: "MemberPwdService", Method: "setPayPwd", PageFlow: true, Calls: 4, OK: 2,
				ErrorCodes: map[string]int{"10000": 1, "30032": 1}}, m)
		}
	}
	var b strings.Builder
	require.NoError(t, WriteText(&b, []Report{rep}))
	text := b.String()
	assert.Contains(t, text, "  pages (1 of 8 asked):\n")
	assert.Contains(t, text, "MemberPwdService.setPayPwd: 4 requests, 1 opened, 1 confirmed, 0 failed, errors 10000×1 30032×1; never failed\n")
	assert.Contains(t, text, "  pages never opened (7):\n    /yungateway/member/signContract.html (MemberService.signContract)\n")
	assert.Contains(t, text, "    /yungateway/frontTrans.do (OrderService.pay)\n")
	assert.NotContains(t, text, "  MemberPwdService.setPayPwd ", "a page flow is listed under pages only")
}

// TestSignedConfirmOpensThePage: frontTrans.do opened with the SMS code of
// a card order confirms at once (journaled as a confirm with its signed
// req): it counts as opened and confirmed, so the page is not listed as
// never opened.
func TestSignedConfirmOpensThePage(t *testing.T) {
	c := New(soa.DefaultCatalogue())
	e := journal.Entry{Kind: journal.KindPage, SysID: "A", Page: "/yungateway/frontTrans.do", Service: "OrderService",
		Method: "pay", Action: journal.PageConfirm, Outcome: journal.OutcomeOK, Req: &journal.DecodedReq{}}
	c.Record(&e)
	i := slices.IndexFunc(c.Report("A").Pages, func(p PageReport) bool { return p.Page == e.Page })
	require.GreaterOrEqual(t, i, 0)
	p := c.Report("A").Pages[i]
	assert.Equal(t, []int{1, 1, 0}, []int{p.Opened, p.Confirmed, p.Failed})
	assert.Equal(t, []string{GapNeverFailed}, p.Gaps)
}

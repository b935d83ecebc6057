package e2e

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/client"
	"github.com/tsymock/tsymock/mock"
)

// pageEntries are the journal's page requests of the env's application,
// read over HTTP as a CI script would.
func pageEntries(t *testing.T, e *notifyEnv, query string) []mock.JournalEntry {
	t.Helper()
	var page struct{ Entries []mock.JournalEntry }
	admin{t: t, base: e.URL}.get("journal?kind=page&sysid="+e.SysID+query, &page)
	return page.Entries
}

// TestPagesAreJournaled: each request of a page is one journal entry of
// kind page (issue 17.4): its method, action, outcome and HTTP status, the
// parameters as received with the passwords typed and the page's token
// masked, the req decoded and the signature's verdict of an opened page,
// where the browser was sent back. The calls filter counts them.
func TestPagesAreJournaled(t *testing.T) {
	e, c, rcv := pagesEnv(t)
	c.realNamed("sia")
	u := mustPageURL(t, c, client.PageSetPayPwd, "MemberPwdService", "setPayPwd", pwdParams(rcv))
	opened := getPage(t, u)
	require.Equal(t, http.StatusOK, opened.Status)
	differ := postPage(t, pageAt(t, u), url.Values{"token": {opened.token(t)}, "action": {"confirm"},
		"password": {"123456"}, "password2": {"654321"}})
	require.Equal(t, "10000", differ.Header.Get("X-Tsymock-Error-Code"))
	back := returned(t, c.Client, postPage(t, pageAt(t, u), url.Values{"token": {differ.token(t)}, "action": {"confirm"},
		"password": {"123456"}, "password2": {"123456"}}), rcv.URL+"/jump")
	require.True(t, back.OK())

	got := pageEntries(t, e, "")
	require.Len(t, got, 3)
	for i, want := range []struct {
		action, outcome, code string
		status                int
	}{
		{mock.PageOpen, mock.OutcomeOK, "", http.StatusOK},
		{mock.PageConfirm, mock.OutcomeError, "10000", http.StatusOK},
		{mock.PageConfirm, mock.OutcomeOK, "", http.StatusSeeOther},
	} {
		g := got[i]
		assert.Equal(t, []any{mock.KindPage, client.PageSetPayPwd, "MemberPwdService", "setPayPwd", e.SysID},
			[]any{g.Kind, g.Page, g.Service, g.Method, g.SysID}, "entry %d", i)
		assert.Equal(t, []any{want.action, want.outcome, want.code, want.status},
			[]any{g.Action, g.Outcome, g.ErrorCode, g.HTTPStatus}, "entry %d", i)
	}
	open, done := got[0], got[2]
	assert.Equal(t, mock.SignatureValid, open.Signature.Verdict)
	require.NotNil(t, open.Req)
	assert.Equal(t, "sia", open.Req.Param["bizUserId"])
	assert.NotEqual(t, personID, open.Req.Param["identityNo"], "the identity number stays the ciphertext received")
	assert.NotEmpty(t, open.Raw["sign"])
	assert.Equal(t, mock.SignatureUnchecked, done.Signature.Verdict, "a button carries no signature")
	assert.Equal(t, map[string]string{"token": "(token)", "action": "confirm", "password": "******", "password2": "******"}, done.Raw)
	assert.True(t, strings.HasPrefix(done.Response, rcv.URL+"/jump?"), "where the browser was sent: %s", done.Response)

	code, raw := admin{t: t, base: e.URL}.do(http.MethodGet, "journal?sysid="+e.SysID, "")
	require.Equal(t, http.StatusOK, code)
	assert.NotContains(t, string(raw), "123456", "no password typed is kept")
	assert.NotContains(t, string(raw), "654321")

	var count struct{ Count int }
	admin{t: t, base: e.URL}.get("calls?kind=page&action=confirm&outcome=OK&method=setPayPwd", &count)
	assert.Equal(t, 1, count.Count)
}

// TestPageFailuresAreJournaled: a page opened with a bad signature, a
// button pressed on a page that was never opened and a payInfo link of no
// order are journaled too, with what went wrong.
func TestPageFailuresAreJournaled(t *testing.T) {
	e, c, rcv := pagesEnv(t)
	c.realNamed("sia")
	u := mustPageURL(t, c, client.PageSignContract, "MemberService", "signContract",
		client.ContractPageParams{BizUserID: "sia", JumpURL: rcv.URL + "/jump", Source: client.SourcePC})
	forged, err := url.Parse(u)
	require.NoError(t, err)
	q := forged.Query()
	q.Set("req", strings.Replace(q.Get("req"), `"sia"`, `"sib"`, 1))
	forged.RawQuery = q.Encode()
	errorPage(t, getPage(t, forged.String()), "20019")
	errorPage(t, postPage(t, pageAt(t, u), url.Values{"token": {"nope"}, "action": {"fail"}}), "10000")
	errorPage(t, getPage(t, e.URL+client.PageFrontTrans+"?orderNo=404"), "40000")

	got := pageEntries(t, e, "")
	require.Len(t, got, 1, "the others name no application")
	bad := got[0]
	assert.Equal(t, []any{mock.PageOpen, mock.OutcomeError, "20019", http.StatusBadRequest, "MemberService", "signContract"},
		[]any{bad.Action, bad.Outcome, bad.ErrorCode, bad.HTTPStatus, bad.Service, bad.Method})
	assert.Equal(t, mock.SignatureInvalid, bad.Signature.Verdict)
	assert.Equal(t, "source-differs", bad.Signature.Reason)
	assert.NotEmpty(t, bad.Signature.Diagnosis)

	var all struct{ Entries []mock.JournalEntry }
	admin{t: t, base: e.URL}.get("journal?kind=page&errorCode=10000", &all)
	require.Len(t, all.Entries, 1)
	assert.Equal(t, []any{mock.PageFail, "", client.PageSignContract, "MemberService"},
		[]any{all.Entries[0].Action, all.Entries[0].SysID, all.Entries[0].Page, all.Entries[0].Service},
		"the page's method, from its path")
}

// TestPagesInCoverage: the coverage report counts each page's requests by
// what they did, lists the pages never opened, and the text says so.
func TestPagesInCoverage(t *testing.T) {
	e, c, rcv := pagesEnv(t)
	c.realNamed("sia")
	jump := rcv.URL + "/jump"
	params := client.ContractPageParams{BizUserID: "sia", JumpURL: jump, BackURL: rcv.URL + "/notify", Source: client.SourcePC}
	returned(t, c.Client, press(t, mustPageURL(t, c, client.PageSignContract, "MemberService", "signContract", params),
		"fail", nil), jump)
	returned(t, c.Client, press(t, mustPageURL(t, c, client.PageSignContract, "MemberService", "signContract", params),
		"confirm", nil), jump)
	errorPage(t, getPage(t, mustPageURL(t, c, client.PageSignContract, "MemberService", "signContract", params)), "30043")

	var reports []mock.Coverage
	admin{t: t, base: e.URL}.get("coverage?sysid="+e.SysID, &reports)
	require.Len(t, reports, 1)
	var sign mock.PageCoverage
	never := 0
	for _, p := range reports[0].Pages {
		switch {
		case p.Page == client.PageSignContract:
			sign = p
		case p.Requests == 0:
			never++
			assert.Equal(t, []string{mock.GapNeverOpened}, p.Gaps, p.Page)
		}
	}
	assert.Equal(t, mock.PageCoverage{Page: client.PageSignContract, Service: "MemberService", Method: "signContract",
		Requests: 5, Opened: 2, Confirmed: 1, Failed: 1, ErrorCodes: map[string]int{"30043": 1}}, sign)
	assert.Equal(t, 7, never)
	for _, m := range reports[0].Methods {
		if m.Method == "signContract" {
			assert.Equal(t, []int{5, 4}, []int{m.Calls, m.OK}, "the page flow's line counts its page")
		}
	}

	code, text := admin{t: t, base: e.URL}.do(http.MethodGet, "coverage?format=text&sysid="+e.SysID, "")
	require.Equal(t, http.StatusOK, code)
	assert.Contains(t, string(text), "  pages (1 of 8 asked):\n")
	assert.Contains(t, string(text), "MemberService.signContract: 5 requests, 2 opened, 1 confirmed, 1 failed, errors 30043×1\n")
	assert.Contains(t, string(text), "  pages never opened (7):\n")
	raw, err := json.Marshal(reports)
	require.NoError(t, err)
	assert.Contains(t, string(raw), `"pages":[`)
}

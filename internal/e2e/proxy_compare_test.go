package e2e

import (
	"net/http"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/client"
	"github.com/tsymock/tsymock/keys/demo"
	"github.com/tsymock/tsymock/mock"
	"github.com/tsymock/tsymock/scenarios"
)

// gapReal makes the stand-in of the real environment differ from the
// emulator on purpose: a member "gap-…" exists there already, and its
// balances carry a field the emulator does not have.
const gapReal = `rules:
  - when: {method: createMember, param: {bizUserId: {regex: "^gap-"}}}
    respond: {error: {code: "30000"}}
  - when: {method: queryBalance}
    respond: {ok: {allAmount: 0, freezenAmount: "0", realOnly: yes}}
`

// TestCompare: every call is answered by the emulator and forwarded too;
// the client gets the emulator's answer, and the differences (not the ids
// each side makes up) are in the journal entry, the log and
// GET /__tsymock/compare.
func TestCompare(t *testing.T) {
	t.Parallel()
	w := newProxyWorld(t)
	real := w.startReal(t, func(c *mock.Config) { c.Scenarios = []*scenarios.File{scenarioFile(t, gapReal)} })
	front, srv, _ := w.startFront(t, mock.UpstreamConfig{URL: real.URL, Compare: true})
	c := w.client(t, front, w.Demo.PlatformCert)

	_, err := c.CreateMember(testCtx(t), client.CreateMemberRequest{BizUserID: "same-a", MemberType: 3, Source: 1})
	require.NoError(t, err)
	assert.Empty(t, lastEntry(t, srv).Upstream.Differences, "userId differs by nature: ignored")
	_, err = c.CreateMember(testCtx(t), client.CreateMemberRequest{BizUserID: "gap-a", MemberType: 3, Source: 1})
	require.NoError(t, err, "the client gets the emulator's answer")
	diffs := lastEntry(t, srv).Upstream.Differences
	require.NotEmpty(t, diffs)
	assert.Equal(t, "status", diffs[0].Path)
	_, err = c.Call(testCtx(t), "OrderService", "queryBalance", map[string]any{"bizUserId": "same-a", "accountSetNo": "200126"})
	require.NoError(t, err)
	assert.Contains(t, w.Log.String(), "upstream answers differently")

	var report mock.CompareReport
	adminJSON(t, front, "compare", &report)
	assert.True(t, report.Enabled)
	assert.Equal(t, 3, report.Compared)
	assert.Equal(t, 2, report.Differed)
	gaps := map[string]string{}
	for _, g := range report.Gaps {
		gaps[g.Call+" "+g.Path] = g.Kind
	}
	assert.Equal(t, map[string]string{
		"MemberService.createMember status":                   "value",
		"MemberService.createMember errorCode":                "missing-local",
		"MemberService.createMember message":                  "missing-local",
		"OrderService.queryBalance signedValue.freezenAmount": "type",
		"OrderService.queryBalance signedValue.realOnly":      "missing-local",
	}, gaps)

	adminJSON(t, front, "compare?sysid=other", &report)
	assert.Zero(t, report.Compared, "per application")
	resp, err := http.Post(front+"/__tsymock/reset?sysid="+demo.SysID, "application/json", nil)
	require.NoError(t, err)
	resp.Body.Close()
	adminJSON(t, front, "compare", &report)
	assert.Empty(t, report.Gaps, "a reset forgets them")
}

// TestCompareOff: without compare mode the summary says so.
func TestCompareOff(t *testing.T) {
	t.Parallel()
	e := demoEnv(t)
	var report mock.CompareReport
	adminJSON(t, e.URL, "compare", &report)
	assert.False(t, report.Enabled)
	assert.Empty(t, report.Gaps)
}

// TestCompareOnTheWebPage: the page's Compare tab lists the gaps, each
// linked to the journal entry that shows it.
func TestCompareOnTheWebPage(t *testing.T) {
	t.Parallel()
	w := newProxyWorld(t)
	real := w.startReal(t, func(c *mock.Config) { c.Scenarios = []*scenarios.File{scenarioFile(t, gapReal)} })
	front, _, _ := w.startFront(t, mock.UpstreamConfig{URL: real.URL, Compare: true})
	_, err := w.client(t, front, w.Demo.PlatformCert).CreateMember(testCtx(t), client.CreateMemberRequest{BizUserID: "gap-web", MemberType: 3, Source: 1})
	require.NoError(t, err)

	ctx := adminBrowser(t)
	require.NoError(t, chromedp.Do(ctx,
		chromedp.Navigate(front+"/__tsymock/#compare"),
		chromedp.WaitVisible(chromedp.CSS(`#gaps tbody tr`)),
	))
	gaps := run(t, ctx, chromedp.Text(chromedp.CSS(`#gaps tbody`)))
	assert.Contains(t, gaps, "MemberService.createMember")
	assert.Contains(t, gaps, "errorCode")
	assert.Contains(t, gaps, `"30000"`)
	assert.Contains(t, run(t, ctx, chromedp.Text(chromedp.CSS(`#compare-summary`))), "1 calls compared")
	require.NoError(t, chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`#gaps tbody a`)),
		chromedp.Poll[chromedp.Void](`document.getElementById('detail').textContent.includes('Upstream (compare)')`),
	))
	assert.Contains(t, run(t, ctx, chromedp.Text(chromedp.CSS(`#detail`))), "missing-local")
}

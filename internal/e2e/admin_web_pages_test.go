package e2e

import (
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/client"
	"github.com/tsymock/tsymock/mock/mocktest"
)

// TestAdminWebPageShowsPages: a page request is in the web page's journal
// as "page Service.method action", its detail names the page, and the
// coverage tab lists the pages asked.
func TestAdminWebPageShowsPages(t *testing.T) {
	t.Parallel()
	srv := mocktest.New(t)
	require.NoError(t, createMember(t, srv.Client, "web-page"))
	u, err := srv.Client.PageURL("", client.PageSignContract, "MemberService", "signContract",
		client.ContractPageParams{BizUserID: "web-page", JumpURL: "http://127.0.0.1:1/jump", BackURL: "http://127.0.0.1:1/notify",
			Source: client.SourcePC})
	require.NoError(t, err)
	errorPage(t, getPage(t, u), "30008") // not real-named: an error page, journaled all the same

	ctx := adminBrowser(t)
	row := chromedp.CSS(`#journal tbody tr[data-id="2"]`)
	require.NoError(t, chromedp.Do(ctx,
		chromedp.Navigate(srv.URL+"/__tsymock/"),
		chromedp.WaitVisible(row),
		chromedp.Click(row),
		chromedp.WaitVisible(chromedp.CSS(`#detail-page`)),
	))
	assert.Contains(t, run(t, ctx, chromedp.Text(row)), "page MemberService.signContract open")
	assert.Equal(t, "page "+client.PageSignContract+", HTTP 400", run(t, ctx, chromedp.Text(chromedp.CSS(`#detail-page`))))
	assert.Contains(t, run(t, ctx, chromedp.Text(chromedp.CSS(`#detail-outcome`))), "error 30008")

	require.NoError(t, chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`nav a[data-tab="coverage"]`)),
		chromedp.Poll[chromedp.Void](`document.getElementById('coverage').textContent.includes('pages (1 of 8 asked)')`),
	))
	assert.Contains(t, run(t, ctx, chromedp.Text(chromedp.CSS(`#coverage`))), "MemberService.signContract: 1 request, 0 opened")
}

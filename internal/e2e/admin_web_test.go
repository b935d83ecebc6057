package e2e

import (
	"context"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/client"
	"github.com/tsymock/tsymock/internal/testtool"
	"github.com/tsymock/tsymock/keys/demo"
	"github.com/tsymock/tsymock/mock"
	"github.com/tsymock/tsymock/mock/mocktest"
)

// chromiumPath finds Debian's chromium; .ci/run installs it. A missing
// browser fails the test in CI and skips it elsewhere.
func chromiumPath(t *testing.T) string {
	t.Helper()
	return testtool.Need(t, "apt-get install -y chromium", "chromium", "/usr/bin/chromium", "chromium-browser")
}

// adminBrowser starts a headless Chromium for the test, with its own
// profile, and closes it (before its profile is removed) at cleanup. The
// returned context bounds the test's actions.
func adminBrowser(t *testing.T) context.Context {
	t.Helper()
	profile := t.TempDir()
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromiumPath(t)), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck, chromedp.UserDataDir(profile),
		chromedp.Flag("disable-quic", true), chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true),
		chromedp.WindowSize(1400, 1000),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	bctx, cancelBrowser := chromedp.NewContext(actx)
	t.Cleanup(func() {
		cancelBrowser()
		cancelAlloc()
	})
	require.NoError(t, chromedp.Do(bctx), "start chromium") // the browser lives as long as bctx
	ctx, cancel := context.WithTimeout(bctx, 60*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// TestAdminWebPage: the page loads, shows a call the test just made with
// its detail (escaped: a bizUserId full of markup stays text), arms an
// error that the next call gets, and redelivers a notification.
func TestAdminWebPage(t *testing.T) {
	t.Parallel()
	srv := mocktest.New(t) // notifications wait 5 s: only the redeliver button sends one in time
	rcv := newReceiver(t, srv.Client, nil)
	require.NoError(t, createMember(t, srv.Client, "web-alice"))
	const markup = `<img src=x id=pwned onerror="document.title='pwned'">`
	_ = createMember(t, srv.Client, markup)

	ctx := adminBrowser(t)
	require.NoError(t, chromedp.Do(ctx,
		chromedp.Navigate(srv.URL+"/__tsymock/"),
		chromedp.WaitVisible(chromedp.CSS(`#journal tbody tr[data-id="2"]`)),
		chromedp.Click(chromedp.CSS(`#journal tbody tr[data-id="2"]`)),
		chromedp.Poll[chromedp.Void](`document.getElementById('detail').textContent.includes('#2 ')`),
	))
	detail := run(t, ctx, chromedp.Text(chromedp.CSS(`#detail`)))
	assert.Contains(t, detail, `"bizUserId": "<img src=x id=pwned`, "markup in a request is shown as text")
	injected := run(t, ctx, chromedp.Evaluate[int](`document.querySelectorAll('#pwned, #journal img, #detail img').length`))
	assert.Zero(t, injected, "no element was made from a request")
	assert.Equal(t, "tsymock", run(t, ctx, chromedp.Title()))

	require.NoError(t, chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`#journal tbody tr[data-id="1"]`)),
		chromedp.Poll[chromedp.Void](`document.getElementById('detail').textContent.includes('#1 ')`),
	))
	journalText := run(t, ctx, chromedp.Text(chromedp.CSS(`#journal tbody`)))
	assert.Contains(t, journalText, "MemberService.createMember")
	journalTimeInChina(t, ctx, srv.URL)
	assert.Equal(t, "valid", run(t, ctx, chromedp.Text(chromedp.CSS(`#detail-signature`))))
	detail = run(t, ctx, chromedp.Text(chromedp.CSS(`#detail`)))
	assert.Contains(t, detail, "web-alice")
	assert.Contains(t, detail, "Base64(MD5(sysid+req+timestamp))")

	t.Run("arm an error", func(t *testing.T) { armFromPage(t, ctx, srv) })
	t.Run("redeliver", func(t *testing.T) { redeliverFromPage(t, ctx, srv, rcv) })
	t.Run("state and coverage", func(t *testing.T) { stateAndCoverage(t, ctx) })
	t.Run("a call that would fail on the real test environment", func(t *testing.T) { portabilityOnPage(t, ctx, srv) })
}

// stateAndCoverage reads the members, orders and balances of the chosen
// application, and the coverage report.
func stateAndCoverage(t *testing.T, ctx context.Context) {
	require.NoError(t, chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`nav a[data-tab="state"]`)),
		chromedp.WaitVisible(chromedp.CSS(`#orders tbody tr`)),
	))
	assert.Contains(t, run(t, ctx, chromedp.Text(chromedp.CSS(`#members tbody`))), "web-alice")
	assert.Contains(t, run(t, ctx, chromedp.Text(chromedp.CSS(`#orders tbody`))), "WC1")
	assert.Contains(t, run(t, ctx, chromedp.Text(chromedp.CSS(`#balances tbody`))), "web-shop")
	require.NoError(t, chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`nav a[data-tab="coverage"]`)),
		chromedp.Poll[chromedp.Void](`document.getElementById('coverage').textContent.includes('never called')`),
	))
	cov := run(t, ctx, chromedp.Text(chromedp.CSS(`#coverage`)))
	assert.Contains(t, cov, "sysid "+demo.SysID)
	assert.Contains(t, cov, "MemberService.createMember")
	assert.Contains(t, cov, "errors 30022×1", "the armed error")
}

// run runs one action that reads a value.
func run[T any](t *testing.T, ctx context.Context, a chromedp.Action[T]) T {
	t.Helper()
	v, err := chromedp.Run(ctx, a)
	require.NoError(t, err)
	return v
}

// change tells the page a select changed, as a user's pick would.
func change(id string) chromedp.Action[chromedp.Void] {
	return chromedp.Evaluate[chromedp.Void](`document.getElementById('` + id + `').dispatchEvent(new Event('change'))`)
}

// armFromPage fills the arm form for the demo app's next createMember.
func armFromPage(t *testing.T, ctx context.Context, srv *mocktest.Server) {
	require.NoError(t, chromedp.Do(ctx,
		chromedp.Query(chromedp.CSS(`#sysid option[value="`+demo.SysID+`"]`)),
		chromedp.SetValue(chromedp.CSS(`#sysid`), demo.SysID),
		change("sysid"),
		chromedp.Click(chromedp.CSS(`nav a[data-tab="scenarios"]`)),
		chromedp.WaitVisible(chromedp.CSS(`#arm-form`)),
		chromedp.Query(chromedp.CSS(`#arm-service option[value="MemberService"]`)),
		chromedp.SetValue(chromedp.CSS(`#arm-service`), "MemberService"),
		change("arm-service"),
		chromedp.SetValue(chromedp.CSS(`#arm-method`), "createMember"),
		chromedp.SendKeys(chromedp.CSS(`#arm-code`), "30022"),
		chromedp.Click(chromedp.CSS(`#arm-form button[type="submit"]`)),
		chromedp.Poll[chromedp.Void](`document.getElementById('arm-result').textContent.startsWith('armed')`),
	))
	result := run(t, ctx, chromedp.Text(chromedp.CSS(`#arm-result`)))
	assert.Contains(t, result, "armed for "+demo.SysID+": ", "armed for the sysid chosen on the page")
	assert.Equal(t, "30022", errorCodeOf(t, createMember(t, srv.Client, "web-bob")), "the armed error answers")
	require.NoError(t, createMember(t, srv.Client, "web-bob"), "once")
}

// redeliverFromPage makes an order notification and sends it with the
// page's button, long before its first scheduled attempt.
func redeliverFromPage(t *testing.T, ctx context.Context, srv *mocktest.Server, rcv *receiver) {
	cctx := context.Background()
	require.NoError(t, createMember(t, srv.Client, "web-payer"))
	require.NoError(t, bindPhone(srv.Client, "web-payer", phoneB)) // a payer has a bound phone (spec §4.2.1 三 note)
	require.NoError(t, createMember(t, srv.Client, "web-shop"))
	_, err := srv.Client.SetRealName(cctx, realName("web-shop", personID)) // a receiver is real-named (spec §4.2.4 note 3)
	require.NoError(t, err)
	_, err = srv.Client.ApplicationTransfer(cctx, client.ApplicationTransferRequest{BizTransferNo: "WT1",
		SourceAccountSetNo: standardSet, TargetBizUserID: "web-payer", TargetAccountSetNo: escrowSet, Amount: 1000})
	require.NoError(t, err)
	req := consume("web-payer", "web-shop", "WC1", 300, 0)
	req.BackURL = rcv.URL + "/notify"
	_, err = srv.Client.ConsumeApply(cctx, req)
	require.NoError(t, err)
	list := srv.Server.Notifications(demo.SysID)
	require.Len(t, list, 1)
	button := chromedp.CSS(`button.redeliver[data-id="` + list[0].ID + `"]`)

	require.NoError(t, chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`nav a[data-tab="notifications"]`)),
		chromedp.WaitVisible(button),
		chromedp.Click(button),
	))
	got := rcv.wait(t, 1)
	assert.Equal(t, "OrderService", got[0].Service)
	// The receiver has the POST before the server has read its answer
	// and recorded the attempt: wait for the record.
	var n mock.Notification
	require.Eventually(t, func() bool {
		got, ok := srv.Server.Notification(list[0].ID)
		n = got
		return ok && len(got.Attempts) > 0
	}, 5*time.Second, 10*time.Millisecond)
	assert.True(t, n.Attempts[0].Manual, "sent by the button, not the schedule")
	require.NoError(t, chromedp.Do(ctx, chromedp.Poll[chromedp.Void](
		`[...document.querySelectorAll('#notifications tbody td')].some(td => td.textContent === 'delivered')`)))
}

// journalTimeInChina: a journal row shows the server clock as the page's
// header does, China time in 24 hours, whatever the browser's zone (the
// test's Chromium runs in the machine's, UTC in CI), and its short cells
// keep each number on one line.
func journalTimeInChina(t *testing.T, ctx context.Context, base string) {
	var entry struct {
		ServerTime time.Time `json:"serverTime"`
	}
	admin{t: t, base: base}.get("journal/1", &entry)
	china := time.FixedZone("CST", 8*3600) // China keeps no daylight saving time
	want := entry.ServerTime.In(china).Format("15:04:05")
	cell := run(t, ctx, chromedp.Text(chromedp.CSS(`#journal tbody tr[data-id="1"] td:nth-child(2)`)))
	assert.Equal(t, want, cell)
	wrapped := run(t, ctx, chromedp.Evaluate[int](`[...document.querySelectorAll('#journal tbody tr td')]
		.filter((td) => [0, 1, 2, 4, 5, 7].includes(td.cellIndex)).filter((td) => {
			const r = document.createRange(); r.selectNodeContents(td);
			return new Set([...r.getClientRects()].map((b) => Math.round(b.top))).size > 1; // lines, not boxes
		}).length`))
	assert.Zero(t, wrapped, "no short cell wraps")
}

// TestAdminStateOfTheOnlyApplication: with no sysid picked, the State tab
// shows the server's only application (make run's demo app) instead of an
// empty page (probe-R), and says so.
func TestAdminStateOfTheOnlyApplication(t *testing.T) {
	t.Parallel()
	srv := mocktest.New(t)
	require.NoError(t, createMember(t, srv.Client, "only-alice"))
	ctx := adminBrowser(t)
	require.NoError(t, chromedp.Do(ctx,
		chromedp.Navigate(srv.URL+"/__tsymock/#state"),
		chromedp.Poll[chromedp.Void](`document.querySelector('#members tbody').textContent.includes('only-alice')`),
	))
	assert.Contains(t, run(t, ctx, chromedp.Text(chromedp.CSS(`#state-hint`))), demo.SysID)
}

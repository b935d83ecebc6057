package e2e

import (
	"context"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/client"
)

// chromium finds Debian's chromium, which .ci/run installs.
func chromium(t *testing.T) string {
	t.Helper()
	return chromiumPath(t)
}

// browser starts a headless Chromium with a fresh profile for the test.
// Besides chromedp's defaults it switches off everything that talks to the
// network on its own, and points any such request at a dead loopback
// proxy: the test's pages are on loopback, which bypasses proxies, and
// nothing else may leave the machine. Without a D-Bus session it starts in
// half the time.
func browser(t *testing.T) context.Context {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium(t)),
		chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("dns-prefetch-disable", true),
		chromedp.ProxyServer("http://127.0.0.1:9"),
		chromedp.Env("DBUS_SESSION_BUS_ADDRESS=disabled:"),
		chromedp.UserDataDir(t.TempDir()),
	)
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(alloc)
	ctx, cancelTimeout := context.WithTimeout(ctx, 60*time.Second)
	t.Cleanup(func() { cancelTimeout(); cancelCtx(); cancelAlloc() })
	return ctx
}

// TestFrontTransInChromium: a user opens the SMS payment page in a real
// browser, types the code and clicks confirm; the browser lands on the
// merchant's jumpUrl with a result whose signature verifies, and the order
// is paid.
func TestFrontTransInChromium(t *testing.T) {
	_, c, rcv := pagesEnv(t)
	jump := rcv.URL + "/jump"
	c.funded("sia", 10000)
	c.person("shop")
	c.pendingConsume("sia", "c1", client.ValidateSMS, rcv.URL+"/notify")
	page := payPage(t, c, client.PageFrontTrans, "c1", jump)

	ctx := browser(t)
	require.NoError(t, chromedp.Do(ctx,
		chromedp.Navigate(page),
		chromedp.WaitVisible(chromedp.ID("verificationCode")),
	))
	title, err := chromedp.Run(ctx, chromedp.Title())
	require.NoError(t, err)
	require.NoError(t, chromedp.Do(ctx,
		chromedp.SendKeys(chromedp.ID("verificationCode"), smsCode),
		chromedp.Click(chromedp.ID("confirm")),
		chromedp.WaitVisible(chromedp.ID("verified")),
	))
	landed, err := chromedp.Run(ctx, chromedp.Location())
	require.NoError(t, err)
	verified, err := chromedp.Run(ctx, chromedp.Text(chromedp.ID("verified")))
	require.NoError(t, err)
	assert.Contains(t, title, "短信确认支付")
	assert.Equal(t, "sign OK: OrderService.pay OK", verified)
	require.True(t, strings.HasPrefix(landed, jump+"?"), landed)
	u, err := url.Parse(landed)
	require.NoError(t, err)
	n, err := c.VerifyNotificationValues(u.Query())
	require.NoError(t, err, "the redirect to jumpUrl carries a valid signature")
	o, err := n.Order()
	require.NoError(t, err)
	assert.Equal(t, "c1", o.BizOrderNo)
	assert.Equal(t, client.OrderSucceeded, c.status("c1"))
}

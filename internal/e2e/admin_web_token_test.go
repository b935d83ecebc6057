package e2e

import (
	"context"
	"net"
	"net/http"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/keys/demo"
	"github.com/tsymock/tsymock/mock"
)

// TestAdminWebPageAsksForTheToken: on a server with an admin token, a
// browser that is not on loopback is asked for the token once; the page
// keeps it for the tab's session (sessionStorage, not the URL), sends it
// as a header, and a reload does not ask again.
func TestAdminWebPageAsksForTheToken(t *testing.T) {
	t.Parallel()
	m, err := demo.Load()
	require.NoError(t, err)
	srv, err := mock.New(mock.Config{PlatformKey: m.PlatformKey, AdminToken: "s3cret",
		Apps: []mock.App{{SysID: demo.SysID, Key: &m.MerchantKey.PublicKey}}})
	require.NoError(t, err)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	done := make(chan error, 1)
	go func() { done <- srv.Serve(remoteListener{ln}) }() // the browser looks remote
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		require.NoError(t, srv.Shutdown(ctx))
		require.NoError(t, <-done)
	})
	base := "http://" + ln.Addr().String()
	code, body := admin{t: t, base: base, token: "s3cret"}.do(http.MethodPost, "arm?sysid="+demo.SysID,
		`{"when":{"method":"createMember"},"respond":{"error":{"code":"30022"}}}`)
	require.Equal(t, http.StatusCreated, code, "%s", body)

	ctx := adminBrowser(t)
	require.NoError(t, chromedp.Do(ctx,
		chromedp.Navigate(base+"/__tsymock/#scenarios"),
		chromedp.WaitVisible(chromedp.CSS(`#token-form`)),
		chromedp.SendKeys(chromedp.CSS(`#token-input`), "s3cret"),
		chromedp.Click(chromedp.CSS(`#token-form button[type="submit"]`)),
		chromedp.WaitNotVisible(chromedp.CSS(`#token-form`)),
		chromedp.Poll[chromedp.Void](`document.querySelector('#rules tbody').textContent.includes('30022')`),
	))
	assert.Equal(t, "s3cret", run(t, ctx, chromedp.Evaluate[string](`sessionStorage.getItem('tsymock-token')`)))
	assert.NotContains(t, run(t, ctx, chromedp.Evaluate[string](`location.href`)), "s3cret", "never in the URL")

	require.NoError(t, chromedp.Do(ctx,
		chromedp.Reload(),
		chromedp.Poll[chromedp.Void](`document.querySelector('#rules tbody').textContent.includes('30022')`),
	))
	assert.False(t, run(t, ctx, chromedp.Evaluate[bool](`!document.getElementById('token-form').hidden`)), "asked once per session")
}

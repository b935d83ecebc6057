package e2e

import (
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/client"
)

// pageResp is a page's answer as a browser receives it, redirects not
// followed.
type pageResp struct {
	Status   int
	Body     string
	Header   http.Header
	Location string
}

// plainBrowser follows no redirect, so that the test sees where the page
// sends the browser.
func plainBrowser() *http.Client {
	return &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

func readPage(t *testing.T, resp *http.Response, err error) pageResp {
	t.Helper()
	require.NoError(t, err)
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return pageResp{Status: resp.StatusCode, Body: string(body), Header: resp.Header, Location: resp.Header.Get("Location")}
}

// getPage opens a page.
func getPage(t *testing.T, rawURL string) pageResp {
	t.Helper()
	resp, err := plainBrowser().Get(rawURL)
	return readPage(t, resp, err)
}

// postPage presses a button: the form goes to the page's own path.
func postPage(t *testing.T, pageURL string, form url.Values) pageResp {
	t.Helper()
	resp, err := plainBrowser().PostForm(pageURL, form)
	return readPage(t, resp, err)
}

var tokenPattern = regexp.MustCompile(`name="token" value="([^"]+)"`)

// token is the page's hidden token.
func (p pageResp) token(t *testing.T) string {
	t.Helper()
	m := tokenPattern.FindStringSubmatch(p.Body)
	require.NotNil(t, m, "no token in the page (HTTP %d): %s", p.Status, p.Body)
	return m[1]
}

// pageAt is the page's address without its query: where its forms post.
func pageAt(t *testing.T, rawURL string) string {
	t.Helper()
	u, err := url.Parse(rawURL)
	require.NoError(t, err)
	u.RawQuery = ""
	return u.String()
}

// press opens a page, presses action (confirm or fail) with fields, and
// returns the answer.
func press(t *testing.T, pageURL, action string, fields url.Values) pageResp {
	t.Helper()
	opened := getPage(t, pageURL)
	require.Equal(t, http.StatusOK, opened.Status, "%s", opened.Body)
	form := url.Values{"token": {opened.token(t)}, "action": {action}}
	for k, v := range fields {
		form[k] = v
	}
	return postPage(t, pageAt(t, pageURL), form)
}

// returned checks that the answer is a 303 to jumpUrl with a signed
// result and returns that result, verified as the merchant would.
func returned(t *testing.T, c *client.Client, p pageResp, jumpURL string) *client.Notification {
	t.Helper()
	require.Equal(t, http.StatusSeeOther, p.Status, "%s", p.Body)
	require.True(t, strings.HasPrefix(p.Location, jumpURL+"?"), "redirect to %s, got %s", jumpURL, p.Location)
	u, err := url.Parse(p.Location)
	require.NoError(t, err)
	require.Equal(t, []string{"sysid", "rps", "timestamp", "v", "sign"}, keysInOrder(u.RawQuery))
	n, err := c.VerifyNotificationValues(u.Query())
	require.NoError(t, err)
	return n
}

// errorPage checks that the answer is an error page with code.
func errorPage(t *testing.T, p pageResp, code string) {
	t.Helper()
	require.Equal(t, http.StatusBadRequest, p.Status, "%s", p.Body)
	require.Equal(t, code, p.Header.Get("X-Tsymock-Error-Code"), "%s", p.Body)
	require.Contains(t, p.Header.Get("Content-Type"), "text/html")
	require.Contains(t, p.Body, `<span id="errorCode">`+code+`</span>`)
}

package e2e

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/keys/demo"
	"github.com/tsymock/tsymock/mock"
	"github.com/tsymock/tsymock/mock/mocktest"
)

// evilPage is a page of another origin that tries the admin API of a
// tsymock on loopback the ways a browser lets any page: fetches that need
// no preflight (text/plain, no type, a form type) and a form submitted
// as text/plain. TSY is replaced by the server's URL.
const evilPage = `<!doctype html><title>evil</title>
<iframe name="sink"></iframe>
<form id="f" method="POST" action="TSY/__tsymock/reset" enctype="text/plain" target="sink"><input name='{"x":"' value='"}'></form>
<script>
const tries = [
  fetch("TSY/__tsymock/clock", {method: "POST", mode: "no-cors", headers: {"Content-Type": "text/plain"}, body: '{"advance":"240h"}'}),
  fetch("TSY/__tsymock/arm", {method: "POST", mode: "no-cors", body: '{"when":{"method":"createMember"},"respond":{"error":{"code":"30022"}}}'}),
  fetch("TSY/__tsymock/reset", {method: "POST", mode: "no-cors", headers: {"Content-Type": "application/x-www-form-urlencoded"}}),
];
Promise.allSettled(tries).then(() => {
  document.querySelector("iframe").onload = () => { document.title = "tried"; };
  document.getElementById("f").submit();
});
</script>`

// TestAdminRefusesOtherSites: in Chromium, a page of another origin
// cannot reset the state, move the clock or arm an error on a tsymock on
// loopback; before, its text/plain POSTs did all three.
func TestAdminRefusesOtherSites(t *testing.T) {
	t.Parallel()
	srv := mocktest.New(t)
	require.NoError(t, createMember(t, srv.Client, "kept"))
	clockBefore := srv.Server.Clock().Now()
	evil := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		_, _ = io.WriteString(w, strings.ReplaceAll(evilPage, "TSY", srv.URL))
	}))
	t.Cleanup(evil.Close)

	ctx := adminBrowser(t)
	require.NoError(t, chromedp.Do(ctx,
		chromedp.Navigate(evil.URL+"/"),
		chromedp.Poll[chromedp.Void](`document.title === "tried"`), // the fetches settled, the form's answer came
	))
	assert.WithinDuration(t, clockBefore, srv.Server.Clock().Now(), time.Hour, "the clock did not move")
	members := srv.Server.Journal(mock.JournalFilter{SysID: demo.SysID, Method: "createMember"})
	require.Len(t, members, 1)
	require.NoError(t, createMember(t, srv.Client, "kept"[:2]), "no error was armed")
	state := admin{t: t, base: srv.URL}
	var list []map[string]any
	state.get("state/"+demo.SysID+"/members", &list)
	assert.Len(t, list, 2, "nothing was reset")
}

package e2e

import (
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestWrongServerURLIsLogged: a Java SDK whose serverUrl lacks /service/soa
// posts its form to "/" and reports the 404 as no data; the server's log
// says what happened and what to set, once however often it retries, and
// the journal stays the application's calls (probe-R finding 5).
func TestWrongServerURLIsLogged(t *testing.T) {
	e := demoEnv(t)
	form := signed(t, e.Merchant, e.SysID, memberReq, vectorTime).Encode()
	for range 3 {
		resp, err := http.Post(e.URL+"/", "application/x-www-form-urlencoded;charset=utf-8", strings.NewReader(form))
		require.NoError(t, err)
		body, err := io.ReadAll(resp.Body)
		require.NoError(t, err)
		require.NoError(t, resp.Body.Close())
		assert.Equal(t, http.StatusNotFound, resp.StatusCode)
		assert.Contains(t, string(body), "The API is POST /service/soa")
	}
	waitForLog(t, e, `msg="no such address: answered 404" method=POST path=/ remote=127.0.0.1:`)
	assert.Equal(t, 1, strings.Count(e.Log.String(), "no such address"), "once a minute per path")
	assert.Contains(t, e.Log.String(), `hint="The API is POST /service/soa (set your SDK's server URL to http://HOST:PORT/service/soa`)
	var count struct{ Count int }
	admin{t: t, base: e.URL}.get("calls", &count)
	assert.Zero(t, count.Count, "not an application's call")
}

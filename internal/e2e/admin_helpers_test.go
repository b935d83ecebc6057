package e2e

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// admin calls a server's admin API over HTTP, as a CI script would.
type admin struct {
	t     testing.TB
	base  string // the server's base URL
	token string // sent as Authorization: Bearer, when set
}

// do sends one request and returns the status and body.
func (a admin) do(method, path, body string) (int, []byte) {
	a.t.Helper()
	req, err := http.NewRequest(method, a.base+"/__tsymock/"+path, strings.NewReader(body))
	require.NoError(a.t, err)
	if method != http.MethodGet && method != http.MethodHead {
		req.Header.Set("Content-Type", "application/json")
	}
	if a.token != "" {
		req.Header.Set("Authorization", "Bearer "+a.token)
	}
	resp, err := http.DefaultClient.Do(req)
	require.NoError(a.t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(a.t, err)
	return resp.StatusCode, b
}

// json sends a request, requires status want and decodes the answer into v
// (unless v is nil).
func (a admin) json(method, path, body string, want int, v any) {
	a.t.Helper()
	code, b := a.do(method, path, body)
	require.Equal(a.t, want, code, "%s %s: %s", method, path, b)
	if v != nil {
		require.NoError(a.t, json.Unmarshal(b, v), "%s", b)
	}
}

// get is json for a GET that must answer 200.
func (a admin) get(path string, v any) {
	a.t.Helper()
	a.json(http.MethodGet, path, "", http.StatusOK, v)
}

// ruleList is GET /__tsymock/scenarios as tests read it.
type ruleList struct {
	Rules []struct {
		ID    string `json:"id"`
		Added bool   `json:"added"`
		Uses  int64  `json:"uses"`
	} `json:"rules"`
}

package admin_test

import (
	"cmp"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/internal/wiretest"
	"github.com/tsymock/tsymock/mock"
)

// request is one admin request of TestAdminAccess.
type request struct {
	token   string // configured
	hosts   []string
	method  string
	remote  string
	host    string
	headers map[string]string
	path    string
}

// TestAdminAccess: loopback clients use the admin API freely; others need
// the token, and without one configured they are told how to enable it;
// "Bearer" is case-insensitive. The SOA endpoint, health and the page's
// static files are unaffected.
func TestAdminAccess(t *testing.T) {
	tests := []struct {
		name     string
		req      request
		wantCode int
		wantText string
	}{
		{"loopback v4", request{}, 200, ""},
		{"loopback v6", request{remote: "[::1]:4000"}, 200, ""},
		{"remote without a token configured", request{remote: "10.1.2.3:4000"}, 403, "TSYMOCK_ADMIN_TOKEN"},
		{"remote sending a token nobody configured", request{remote: "10.1.2.3:4000", headers: map[string]string{"Authorization": "Bearer s3cret"}}, 403, "10.1.2.3"},
		{"remote without the token", request{token: "s3cret", remote: "10.1.2.3:4000"}, 401, "Authorization: Bearer"},
		{"remote with a wrong token", request{token: "s3cret", remote: "10.1.2.3:4000", headers: map[string]string{"X-Tsymock-Token": "guess"}}, 401, ""},
		{"remote with a bearer token", request{token: "s3cret", remote: "10.1.2.3:4000", headers: map[string]string{"Authorization": "Bearer s3cret"}}, 200, ""},
		{"bearer in lower case", request{token: "s3cret", remote: "10.1.2.3:4000", headers: map[string]string{"Authorization": "bearer s3cret"}}, 200, ""},
		{"BEARER in capitals", request{token: "s3cret", remote: "10.1.2.3:4000", headers: map[string]string{"Authorization": "BEARER  s3cret"}}, 200, ""},
		{"loopback with a wrong token is as without one", request{token: "s3cret", headers: map[string]string{"X-Tsymock-Token": "stale"}}, 200, ""},
		{"another scheme", request{token: "s3cret", remote: "10.1.2.3:4000", headers: map[string]string{"Authorization": "Basic s3cret"}}, 401, ""},
		{"remote with the token header", request{token: "s3cret", remote: "10.1.2.3:4000", headers: map[string]string{"X-Tsymock-Token": "s3cret"}}, 200, ""},
		{"a spoofed forwarding header does not help", request{remote: "10.1.2.3:4000", headers: map[string]string{"X-Forwarded-For": "127.0.0.1"}}, 403, ""},
		{"remote apps refused", request{remote: "10.1.2.3:4000", path: "/__tsymock/apps"}, 403, ""},
		{"remote health is open", request{remote: "10.1.2.3:4000", host: "evil.example", path: "/__tsymock/health"}, 200, ""},
		{"remote page shell is open", request{remote: "10.1.2.3:4000", path: "/__tsymock/"}, 200, "<title>tsymock"},
		{"remote page script is open", request{remote: "10.1.2.3:4000", path: "/__tsymock/web/app.js"}, 200, "textContent"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkAccess(t, tt.req, tt.wantCode, tt.wantText) })
	}
}

// TestAdminCrossSite: a page on another site cannot use the admin API of
// a server on loopback: not by DNS rebinding (its own name in Host), not
// with a form or text/plain POST, not with any change carrying its Origin.
// Before, a page on another origin reset all state, registered an app,
// armed errors and moved the clock, and Host: evil.example answered 200.
func TestAdminCrossSite(t *testing.T) {
	jsonType := map[string]string{"Content-Type": "application/json"}
	tests := []struct {
		name     string
		req      request
		wantCode int
		wantText string
	}{
		{"rebinding: a GET for another name", request{host: "evil.example:6900"}, 403, "DNS rebinding"},
		{"rebinding: a change for another name", request{host: "evil.example", method: "POST", path: "/__tsymock/reset", headers: jsonType}, 403, "--admin-host evil.example"},
		{"a configured name", request{host: "tsymock:6900", hosts: []string{"tsymock"}}, 200, ""},
		{"localhost", request{host: "localhost:6900"}, 200, ""},
		{"a name under .localhost", request{host: "app.localhost"}, 200, ""},
		{"an IPv6 address", request{host: "[::1]:6900"}, 200, ""},
		{"another name with the token", request{token: "s3cret", host: "devbox:6900", headers: map[string]string{"X-Tsymock-Token": "s3cret"}}, 200, ""},
		{"a text/plain POST", request{method: "POST", path: "/__tsymock/reset", headers: map[string]string{"Content-Type": "text/plain"}}, 415, "text/plain, which a page of any site could send"},
		{"a form POST", request{method: "POST", path: "/__tsymock/reset", headers: map[string]string{"Content-Type": "application/x-www-form-urlencoded"}}, 415, ""},
		{"a multipart POST", request{method: "POST", path: "/__tsymock/reset", headers: map[string]string{"Content-Type": "multipart/form-data; boundary=x"}}, 415, ""},
		{"a POST without a type", request{method: "POST", path: "/__tsymock/reset"}, 415, "no Content-Type"},
		{"a DELETE without a type", request{method: "DELETE", path: "/__tsymock/journal"}, 415, ""},
		{"a JSON POST", request{method: "POST", path: "/__tsymock/reset", headers: jsonType}, 200, ""},
		{"a YAML POST", request{method: "POST", path: "/__tsymock/reset", headers: map[string]string{"Content-Type": "application/yaml"}}, 200, ""},
		{"a POST with the token and no type", request{token: "s3cret", method: "POST", path: "/__tsymock/reset", headers: map[string]string{"Authorization": "Bearer s3cret"}}, 200, ""},
		// probe-R finding 11: the token is checked first, so its mismatch is said first.
		{"a POST with a wrong token and no type: the token first", request{token: "s3cret", method: "POST", path: "/__tsymock/reset",
			headers: map[string]string{"Authorization": "Bearer guess"}}, 415, "tsymock: the admin token this request sent does not match the server's " +
			"(--admin-token, $TSYMOCK_ADMIN_TOKEN), and from loopback a wrong token counts as none; so: a change to the admin API needs Content-Type"},
		{"another name with a wrong token: the token first", request{token: "s3cret", host: "devbox:6900",
			headers: map[string]string{"X-Tsymock-Token": "guess"}}, 403, "tsymock: the admin token this request sent does not match"},
		{"a POST from another origin with a wrong token: the token first", request{token: "s3cret", method: "POST", path: "/__tsymock/reset",
			headers: map[string]string{"Content-Type": "application/json", "Origin": "http://evil.example", "Authorization": "Bearer guess"}}, 403,
			"tsymock: the admin token this request sent does not match the server's (--admin-token, $TSYMOCK_ADMIN_TOKEN), and from loopback " +
				"a wrong token counts as none; so: the admin API takes no changes from a page of another origin"},
		{"a POST without a token and no type: no word of a token", request{token: "s3cret", method: "POST", path: "/__tsymock/reset"}, 415,
			"tsymock: a change to the admin API needs Content-Type"},
		{"a JSON POST from another origin", request{method: "POST", path: "/__tsymock/reset",
			headers: map[string]string{"Content-Type": "application/json", "Origin": "http://evil.example"}}, 403, "another origin"},
		{"an opaque origin", request{method: "POST", path: "/__tsymock/reset",
			headers: map[string]string{"Content-Type": "application/json", "Origin": "null"}}, 403, ""},
		{"the same origin", request{method: "POST", path: "/__tsymock/reset",
			headers: map[string]string{"Content-Type": "application/json", "Origin": "http://127.0.0.1:6900"}}, 200, ""},
		{"a GET from another origin reads nothing anyway", request{headers: map[string]string{"Origin": "http://evil.example"}}, 200, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkAccess(t, tt.req, tt.wantCode, tt.wantText) })
	}
}

// checkAccess sends req to a new server and checks the answer.
func checkAccess(t *testing.T, req request, wantCode int, wantText string) {
	t.Helper()
	s, _ := newServer(t, func(c *mock.Config) { c.AdminToken, c.AdminHosts = req.token, req.hosts })
	r := httptest.NewRequest(cmp.Or(req.method, http.MethodGet), cmp.Or(req.path, "/__tsymock/journal"), nil)
	r.RemoteAddr, r.Host = cmp.Or(req.remote, "127.0.0.1:4000"), cmp.Or(req.host, "127.0.0.1:6900")
	for k, v := range req.headers {
		r.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, r)
	assert.Equal(t, wantCode, rec.Code, "%s", rec.Body)
	assert.Contains(t, rec.Body.String(), wantText)
}

// TestWrongTokenIsLoggedWithoutIt: a wrong token is logged, with the
// client, never the token.
func TestWrongTokenIsLoggedWithoutIt(t *testing.T) {
	var log strings.Builder
	s, _ := newServer(t, func(c *mock.Config) {
		c.AdminToken = "s3cret"
		c.Logger = slog.New(slog.NewTextHandler(&log, nil))
	})
	r := httptest.NewRequest(http.MethodGet, "/__tsymock/journal", nil)
	r.RemoteAddr = "10.1.2.3:4000"
	r.Header.Set("Authorization", "Bearer guess-s3cre")
	rec := httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, r)
	require.Equal(t, http.StatusUnauthorized, rec.Code)
	assert.Contains(t, log.String(), "admin request with a wrong token")
	assert.Contains(t, log.String(), "10.1.2.3")
	assert.NotContains(t, log.String(), "guess")
	assert.NotContains(t, log.String(), "s3cre")
}

// TestSOAUnaffectedByAdminAccess: a remote client calls /service/soa with
// no token at all.
func TestSOAUnaffectedByAdminAccess(t *testing.T) {
	s, m := newServer(t)
	req := httptest.NewRequest(http.MethodPost, "/service/soa", nil)
	req.URL.RawQuery = wiretest.SignedForm(t, m, wiretest.CreateMemberReq("remote"))
	req.RemoteAddr = "203.0.113.9:5000"
	rec := httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, req)
	body := wiretest.CheckAnswer(t, m, rec)
	require.Equal(t, "OK", body["status"], "%v", body)
}

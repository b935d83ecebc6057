package admin_test

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/internal/wiretest"
	"github.com/tsymock/tsymock/mock"
)

// TestAdminAccess: loopback clients use the admin API freely; others need
// the token, and without one configured they are told how to enable it.
// The SOA endpoint, health and the page's static files are unaffected.
func TestAdminAccess(t *testing.T) {
	tests := []struct {
		name     string
		token    string // configured
		remote   string
		header   string
		value    string
		path     string
		wantCode int
		wantText string
	}{
		{"loopback v4", "", "127.0.0.1:4000", "", "", "/__tsymock/journal", 200, ""},
		{"loopback v6", "", "[::1]:4000", "", "", "/__tsymock/journal", 200, ""},
		{"remote without a token configured", "", "10.1.2.3:4000", "", "", "/__tsymock/journal", 403, "--admin-token"},
		{"remote sending a token nobody configured", "", "10.1.2.3:4000", "Authorization", "Bearer s3cret", "/__tsymock/journal", 403, "10.1.2.3"},
		{"remote without the token", "s3cret", "10.1.2.3:4000", "", "", "/__tsymock/journal", 401, "Authorization: Bearer"},
		{"remote with a wrong token", "s3cret", "10.1.2.3:4000", "X-Tsymock-Token", "guess", "/__tsymock/journal", 401, ""},
		{"remote with a bearer token", "s3cret", "10.1.2.3:4000", "Authorization", "Bearer s3cret", "/__tsymock/journal", 200, ""},
		{"remote with the token header", "s3cret", "10.1.2.3:4000", "X-Tsymock-Token", "s3cret", "/__tsymock/journal", 200, ""},
		{"a spoofed forwarding header does not help", "", "10.1.2.3:4000", "X-Forwarded-For", "127.0.0.1", "/__tsymock/journal", 403, ""},
		{"remote apps refused", "", "10.1.2.3:4000", "", "", "/__tsymock/apps", 403, ""},
		{"remote health is open", "", "10.1.2.3:4000", "", "", "/__tsymock/health", 200, ""},
		{"remote page shell is open", "", "10.1.2.3:4000", "", "", "/__tsymock/", 200, "<title>tsymock"},
		{"remote page script is open", "", "10.1.2.3:4000", "", "", "/__tsymock/web/app.js", 200, "textContent"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, _ := newServer(t, func(c *mock.Config) { c.AdminToken = tt.token })
			req := httptest.NewRequest(http.MethodGet, tt.path, nil)
			req.RemoteAddr = tt.remote
			if tt.header != "" {
				req.Header.Set(tt.header, tt.value)
			}
			rec := httptest.NewRecorder()
			s.Handler().ServeHTTP(rec, req)
			assert.Equal(t, tt.wantCode, rec.Code, "%s", rec.Body)
			assert.Contains(t, rec.Body.String(), tt.wantText)
		})
	}
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

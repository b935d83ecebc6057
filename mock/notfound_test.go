package mock_test

import (
	"bytes"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/mock"
)

// TestNotFoundSaysWhy: a path tsymock does not serve is a 404 that names
// it and says what the client probably meant, in plain text that echoes
// nothing as markup.
func TestNotFoundSaysWhy(t *testing.T) {
	s, _ := newTestServer(t)
	for _, tt := range []struct {
		name, method, path string
		want               []string
	}{
		{"an older environment's page", http.MethodGet, "/pwd/setPayPwd.html",
			[]string{`GET "/pwd/setPayPwd.html"`, "served at /yungateway/pwd/setPayPwd.html", "older environment"}},
		{"an older environment's frontTrans.do", http.MethodPost, "/service/gateway/frontTrans.do",
			[]string{"served at /yungateway/frontTrans.do"}},
		{"the open-platform gateway", http.MethodPost, "/op/gateway",
			[]string{"open-platform gateway", "not emulated", "the /service/soa protocol"}},
		{"a path under the endpoint", http.MethodPost, "/service/soa/more",
			[]string{"The API is POST /service/soa", "server URL"}},
		{"markup in the path", http.MethodGet, "/<script>alert(1)</script>",
			[]string{`"/<script>alert(1)</script>"`}},
		{"a long path", http.MethodGet, "/" + strings.Repeat("a", 5000),
			[]string{"aaaa…"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			rec := httptest.NewRecorder()
			s.Handler().ServeHTTP(rec, httptest.NewRequest(tt.method, tt.path, nil))
			require.Equal(t, http.StatusNotFound, rec.Code)
			assert.Equal(t, "text/plain; charset=utf-8", rec.Header().Get("Content-Type"))
			assert.Equal(t, "nosniff", rec.Header().Get("X-Content-Type-Options"))
			assert.Equal(t, "dev", rec.Header().Get("X-Tsymock-Version"))
			body := rec.Body.String()
			assert.True(t, strings.HasPrefix(body, "tsymock: no such address: "), body)
			assert.Less(t, len(body), 1000, "the path is cut, not copied whole")
			for _, w := range tt.want {
				assert.Contains(t, body, w)
			}
		})
	}
}

// TestNotFoundIsLogged: a 404 leaves a warning with the hint, once per
// path a minute (probe-R finding 5: a Java SDK whose server URL lacks
// /service/soa sees an empty answer and the server said nothing).
func TestNotFoundIsLogged(t *testing.T) {
	var log bytes.Buffer
	s, _ := newTestServer(t, func(c *mock.Config) { c.Logger = slog.New(slog.NewTextHandler(&log, nil)) })
	for range 3 {
		rec := httptest.NewRecorder()
		s.Handler().ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/", strings.NewReader("sysid=1")))
		require.Equal(t, http.StatusNotFound, rec.Code)
	}
	rec := httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/service", nil))
	require.Equal(t, http.StatusNotFound, rec.Code)

	lines := strings.Split(strings.TrimSpace(log.String()), "\n")
	require.Len(t, lines, 2, "one line per path: %s", log.String())
	for i, path := range []string{`path=/`, `path=/service`} {
		assert.Contains(t, lines[i], "level=WARN")
		assert.Contains(t, lines[i], `msg="no such address: answered 404"`)
		assert.Contains(t, lines[i], "method=POST "+path+" ")
		assert.Contains(t, lines[i], "The API is POST /service/soa")
	}
}

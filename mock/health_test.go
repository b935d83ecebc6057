package mock

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestHealth(t *testing.T) {
	s, _ := newTestServer(t)
	for _, method := range []string{http.MethodGet, http.MethodHead} {
		t.Run(method, func(t *testing.T) {
			rec := httptest.NewRecorder()
			s.Handler().ServeHTTP(rec, httptest.NewRequest(method, HealthPath, nil))
			require.Equal(t, http.StatusOK, rec.Code)
			assert.Equal(t, "application/json", rec.Header().Get("Content-Type"))
			assert.Equal(t, "dev", rec.Header().Get("X-Tsymock-Version"))
			if method == http.MethodHead {
				return
			}
			var h Health
			require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &h), rec.Body.String())
			assert.Equal(t, "ok", h.Status)
			assert.Equal(t, "dev", h.Version)
			assert.Equal(t, []string{"100000000002"}, h.Apps)
			assert.NotEmpty(t, h.Uptime)
			assert.GreaterOrEqual(t, h.UptimeSeconds, 0.0)
		})
	}
}

func TestHealthListsAppsRegisteredLater(t *testing.T) {
	s, m := newTestServer(t)
	require.NoError(t, s.RegisterApp(App{SysID: "0001", Key: &m.MerchantKey.PublicKey}))
	rec := httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, HealthPath, nil))
	var h Health
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &h))
	assert.Equal(t, []string{"0001", "100000000002"}, h.Apps)
}

// TestVersionHeaderOnEveryAnswer: the header is on answers that do not come
// from a handler of ours too, such as a 404 from the mux.
func TestVersionHeaderOnEveryAnswer(t *testing.T) {
	s, _ := newTestServer(t)
	for _, tc := range []struct {
		method, path string
		code         int
	}{
		{http.MethodGet, "/no/such/page", http.StatusNotFound},
		{http.MethodGet, HealthPath, http.StatusOK},
	} {
		rec := httptest.NewRecorder()
		s.Handler().ServeHTTP(rec, httptest.NewRequest(tc.method, tc.path, nil))
		assert.Equal(t, tc.code, rec.Code, tc.path)
		assert.Equal(t, "dev", rec.Header().Get("X-Tsymock-Version"), "%s %s", tc.method, tc.path)
	}
}

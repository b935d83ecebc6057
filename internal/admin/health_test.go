package admin_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/mock"
)

func TestHealth(t *testing.T) {
	s, _ := newServer(t)
	for _, method := range []string{http.MethodGet, http.MethodHead} {
		t.Run(method, func(t *testing.T) {
			rec := httptest.NewRecorder()
			s.Handler().ServeHTTP(rec, httptest.NewRequest(method, mock.HealthPath, nil))
			require.Equal(t, http.StatusOK, rec.Code)
			assert.Equal(t, "application/json", rec.Header().Get("Content-Type"))
			assert.Equal(t, "dev", rec.Header().Get("X-Tsymock-Version"))
			if method == http.MethodHead {
				return
			}
			var h mock.Health
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
	s, m := newServer(t)
	require.NoError(t, s.RegisterApp(mock.App{SysID: "0001", Key: &m.MerchantKey.PublicKey}))
	rec := httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, mock.HealthPath, nil))
	var h mock.Health
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &h))
	assert.Equal(t, []string{"0001", "100000000002"}, h.Apps)
}

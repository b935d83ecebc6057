package mock

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/keys/demo"
)

func TestPProfIsOffByDefault(t *testing.T) {
	s, _ := newTestServer(t)
	rec := httptest.NewRecorder()
	req := httptest.NewRequest(http.MethodGet, PProfPrefix, nil)
	req.RemoteAddr = "127.0.0.1:40000"
	s.Handler().ServeHTTP(rec, req)
	assert.Equal(t, http.StatusNotFound, rec.Code)
}

func TestPProfAnswersLoopbackOnly(t *testing.T) {
	m, err := demo.Load()
	require.NoError(t, err)
	s, err := New(Config{PlatformKey: m.PlatformKey, PProf: true})
	require.NoError(t, err)
	h := s.Handler()
	tests := []struct {
		remote, path string
		want         int
	}{
		{"127.0.0.1:40000", PProfPrefix, http.StatusOK},
		{"[::1]:40000", PProfPrefix + "heap?debug=1", http.StatusOK},
		{"127.0.0.1:40000", PProfPrefix + "cmdline", http.StatusOK},
		{"192.0.2.7:40000", PProfPrefix, http.StatusForbidden},
		{"192.0.2.7:40000", PProfPrefix + "profile?seconds=1", http.StatusForbidden},
	}
	for _, tt := range tests {
		t.Run(tt.remote+tt.path, func(t *testing.T) {
			rec := httptest.NewRecorder()
			req := httptest.NewRequest(http.MethodGet, tt.path, nil)
			req.RemoteAddr = tt.remote
			h.ServeHTTP(rec, req)
			assert.Equal(t, tt.want, rec.Code, rec.Body.String())
		})
	}
}

package form

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestReadParamsHeld: the parameters read straight from a POST body are
// exactly ParamsFrom of ReadHeld's values, errors alike, for every shape
// of request (the path without url.Values is only a shortcut).
func TestReadParamsHeld(t *testing.T) {
	for _, tc := range []struct {
		name, method, target, contentType, body string
	}{
		{"signed call", http.MethodPost, "/service/soa", "application/x-www-form-urlencoded", "sysid=1&sign=a%2Bb&timestamp=2026-12-06+17%3A25%3A38&v=2.0&req=%7B%7D"},
		{"repeated keys: the first wins", http.MethodPost, "/service/soa", "", "sysid=1&sysid=2&x=a&x=b&req=r"},
		{"privileged member", http.MethodPost, "/service/soa", "", "privSysid=9&privBizUserId=u&req=r"},
		{"sysid sent empty", http.MethodPost, "/service/soa", "", "sysid=&privSysid=9"},
		{"legacy extra key and CRLF", http.MethodPost, "/service/soa", "", "sysid=1&ssoid=s&\r\n"},
		{"query and body", http.MethodPost, "/service/soa?sysid=q&v=2.0", "", "sysid=b&req=r"},
		{"GET", http.MethodGet, "/service/soa?sysid=1&req=%7B%7D", "", ""},
		{"JSON body", http.MethodPost, "/service/soa", "application/json", `{"sysid":"1"}`},
		{"JSON content type, form body", http.MethodPost, "/service/soa", "application/json", "sysid=1&req=r"},
		{"bad escape", http.MethodPost, "/service/soa", "", "sysid=1&req=%zz"},
		{"empty", http.MethodPost, "/service/soa", "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req := func() *http.Request {
				r := httptest.NewRequest(tc.method, tc.target, strings.NewReader(tc.body))
				if tc.contentType != "" {
					r.Header.Set("Content-Type", tc.contentType)
				}
				return r
			}
			_, values, wantErr := ReadHeld(httptest.NewRecorder(), req(), 1<<20, nil)
			_, got, err := ReadParamsHeld(httptest.NewRecorder(), req(), 1<<20, nil)
			require.Equal(t, wantErr, err)
			if wantErr == nil {
				assert.Equal(t, ParamsFrom(values), got)
			}
		})
	}
}

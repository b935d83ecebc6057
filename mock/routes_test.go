package mock_test

import (
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/internal/wiretest"
	"github.com/tsymock/tsymock/keys/demo"
	"github.com/tsymock/tsymock/mock"
)

// TestRoutes pins down where every path goes, for a loopback client and a
// remote one: the status, and the Allow or Location header where there is
// one. The SOA endpoint answers its spellings (an SDK's server URL with a
// trailing slash, a doubled slash), the admin API stays behind its access
// check except for health, the page's files and the reconciliation files,
// and a path that is not in canonical form is redirected with its method
// kept (307), as net/http's mux did.
func TestRoutes(t *testing.T) {
	srv, _ := newTestServer(t, func(c *mock.Config) { c.PProf = true })
	h := srv.Handler()
	const soaAnswer, adminOnly = 200, -1 // adminOnly: 403 for the remote client
	tests := []struct {
		request string // METHOD PATH
		code    int    // for loopback; adminOnly is the loopback code in local
		local   int
		header  string // Allow or Location
	}{
		{"GET /service/soa", soaAnswer, 0, ""},
		{"POST /service/soa", soaAnswer, 0, ""},
		{"PUT /service/soa", 405, 0, "GET, POST"},
		{"HEAD /service/soa", 405, 0, "GET, POST"},
		{"GET //service/soa", soaAnswer, 0, ""},
		{"POST /service/soa/", soaAnswer, 0, ""},
		{"POST //service//soa/", soaAnswer, 0, ""},
		{"GET /a/../service/soa", soaAnswer, 0, ""},
		{"PUT //service/soa", 405, 0, "GET, POST"},
		{"POST /service/soa/more", 404, 0, ""},
		{"GET /service", 404, 0, ""},
		{"GET /service/soa/..", 307, 0, "/service"},
		{"GET /__tsymock/health", 200, 0, ""},
		{"HEAD /__tsymock/health", 200, 0, ""},
		{"POST /__tsymock/health", adminOnly, 404, ""},
		{"GET /__tsymock", 307, 0, "/__tsymock/"},
		{"GET /__tsymock/", 200, 0, ""},
		{"HEAD /__tsymock/", 200, 0, ""},
		{"POST /__tsymock/", adminOnly, 404, ""},
		{"GET /__tsymock/web/app.js", 200, 0, ""},
		{"GET /__tsymock/web/", 200, 0, ""},
		{"GET /__tsymock/web/nope", 404, 0, ""},
		{"POST /__tsymock/web/app.js", adminOnly, 404, ""},
		{"GET /__tsymock/journal", adminOnly, 200, ""},
		{"HEAD /__tsymock/journal", adminOnly, 200, ""},
		{"PUT /__tsymock/journal", adminOnly, 404, ""},
		{"DELETE /__tsymock/journal", adminOnly, 200, ""},
		{"GET /__tsymock/journal/1", adminOnly, 404, ""},
		{"GET /__tsymock/journal/x", adminOnly, 400, ""},
		{"GET /__tsymock/journal/1/2", adminOnly, 404, ""},
		{"GET /__tsymock//journal", 307, 0, "/__tsymock/journal"},
		{"GET /__tsymock/nope", adminOnly, 404, ""},
		{"GET /__tsymock/files/", adminOnly, 404, ""},
		{"GET /__tsymock/files/checkaccount/x", 404, 0, ""},
		{"POST /__tsymock/files/checkaccount/x", adminOnly, 404, ""},
		{"GET /__tsymock/files/checkaccount/" + demo.SysID + "/" + demo.SysID + "_20261128_allinpay.txt", 200, 0, ""},
		{"GET /__tsymock/files/checkaccount/" + demo.SysID + "/" + demo.SysID + "_20261128_allinpay_sum.txt", 200, 0, ""},
		{"GET /__tsymock/files/checkaccount/" + demo.SysID + "/" + demo.SysID + "_20261131_allinpay.txt", 404, 0, ""},
		{"GET /__tsymock/files/checkaccount/" + demo.SysID + "/20261128.txt", 404, 0, ""}, // the name of the old format: gone
		{"GET /__tsymock/state/x", adminOnly, 200, ""},
		{"GET /__tsymock/state/x/members", adminOnly, 200, ""},
		{"GET /__tsymock/state/x/y/z", adminOnly, 404, ""},
		{"GET /__tsymock/notifications/n1/redeliver", adminOnly, 404, ""},
		{"POST /__tsymock/notifications/deliver", adminOnly, 200, ""},
		{"GET /__tsymock/coverage", adminOnly, 200, ""},
		{"GET /__tsymock/clock", adminOnly, 200, ""},
		{"GET /__tsymock/calls", adminOnly, 200, ""},
		{"GET /__tsymock/apps", adminOnly, 200, ""},
		{"GET /__tsymock/scenarios", adminOnly, 200, ""},
		{"DELETE /__tsymock/scenarios", adminOnly, 400, ""},
		{"POST /__tsymock/reset", adminOnly, 200, ""},
		{"GET /yungateway/frontTrans.do", 400, 0, ""},
		{"PUT /yungateway/frontTrans.do", 405, 0, "GET, POST"},
		{"GET /yungateway/frontTrans.do/", 404, 0, ""},
		{"GET //yungateway/frontTrans.do", 307, 0, "/yungateway/frontTrans.do"},
		{"GET /yungateway/pwd/setPayPwd.html", 400, 0, ""},
		{"GET /yungateway/nope", 404, 0, ""},
		{"GET /debug/pprof", 307, 0, "/debug/pprof/"},
		{"GET /nope", 404, 0, ""},
		{"GET //nope?a=1", 307, 0, "/nope?a=1"},
		{"GET /", 404, 0, ""},
	}
	for _, tt := range tests {
		for _, remote := range []string{"127.0.0.1:1234", "10.0.0.1:1234"} {
			t.Run(tt.request+" from "+remote, func(t *testing.T) {
				rec := send(h, tt.request, remote)
				want := tt.code
				if want == adminOnly {
					want = tt.local
					if remote != "127.0.0.1:1234" {
						want = http.StatusForbidden
					}
				}
				assert.Equal(t, want, rec.Code, "%.80s", rec.Body)
				switch rec.Code {
				case http.StatusMethodNotAllowed:
					assert.Equal(t, tt.header, rec.Header().Get("Allow"))
				case http.StatusTemporaryRedirect:
					assert.Equal(t, tt.header, rec.Header().Get("Location"))
				}
			})
		}
	}
}

// send sends request ("METHOD PATH") to h from the client address remote,
// as a script would: to 127.0.0.1, a change as JSON.
func send(h http.Handler, request, remote string) *httptest.ResponseRecorder {
	method, target, _ := strings.Cut(request, " ")
	req := httptest.NewRequest(method, "http://127.0.0.1:6900"+target, nil)
	req.RemoteAddr = remote
	if method != http.MethodGet && method != http.MethodHead {
		req.Header.Set("Content-Type", "application/json")
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// TestPProfRoutes: the profiler's endpoints answer loopback clients only,
// and only when it is switched on.
func TestPProfRoutes(t *testing.T) {
	for _, on := range []bool{false, true} {
		srv, _ := newTestServer(t, func(c *mock.Config) { c.PProf = on })
		for _, tt := range []struct {
			request, remote string
			code            int
		}{
			{"GET /debug/pprof/", "127.0.0.1:1", 200},
			{"GET /debug/pprof/cmdline", "127.0.0.1:1", 200},
			{"GET /debug/pprof/heap", "[::1]:1", 200},
			{"POST /debug/pprof/symbol", "127.0.0.1:1", 200},
			{"GET /debug/pprof/", "10.0.0.1:1", 403},
			{"GET /debug/pprof/heap", "10.0.0.1:1", 403},
		} {
			rec := send(srv.Handler(), tt.request, tt.remote)
			want := tt.code
			if !on {
				want = http.StatusNotFound
			}
			assert.Equal(t, want, rec.Code, "pprof %v: %s from %s", on, tt.request, tt.remote)
		}
	}
}

// TestSOAPathSpellings: the endpoint answers under the paths a configured
// server URL with a trailing slash produces, with a Content-Length.
func TestSOAPathSpellings(t *testing.T) {
	s, m := newTestServer(t)
	for i, path := range []string{"/service/soa", "//service/soa", "/service/soa/", "//service//soa/"} {
		form := wiretest.SignedForm(t, m, `{"service":"MemberService","method":"createMember","param":{"bizUserId":"p`+
			strconv.Itoa(i)+`","memberType":3,"source":1}}`)
		rec := httptest.NewRecorder()
		s.Handler().ServeHTTP(rec, httptest.NewRequest(http.MethodPost, path, strings.NewReader(form)))
		require.Equal(t, http.StatusOK, rec.Code, path)
		assert.Equal(t, strconv.Itoa(rec.Body.Len()), rec.Header().Get("Content-Length"), path)
		assert.Equal(t, "OK", wiretest.CheckAnswer(t, m, rec)["status"], path)
	}
	rec := httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/service/soa/more", nil))
	assert.Equal(t, http.StatusNotFound, rec.Code, "only spellings of the endpoint itself")
}

package rpc

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/tsymock/tsymock/internal/wiretest"
)

// FuzzServeSOA: whatever arrives, the answer is a signed JSON envelope with
// HTTP 200, and the server does not panic.
func FuzzServeSOA(f *testing.F) {
	h, m := newTestHandler(f)
	f.Add("GET", wiretest.SignedForm(f, m, `{"service":"MemberService","method":"createMember","param":{"bizUserId":"f","memberType":3,"source":1}}`))
	f.Add("POST", wiretest.SignedForm(f, m, `{"service":"MemberService","method":"createMember","param":{"bizUserId":"f","memberType":"x","source":1}}`))
	f.Add("POST", "sysid=100000000002&v=2.0&timestamp=2026-11-28+12%3A00%3A00&sign=abc&req=%7B%7D&\r\n")
	f.Add("GET", "%zz&&=&sysid")
	f.Add("POST", "")
	f.Fuzz(func(t *testing.T, method, raw string) {
		var req *http.Request
		if method == "POST" {
			req = httptest.NewRequest(http.MethodPost, "/service/soa", strings.NewReader(raw))
		} else {
			req = httptest.NewRequest(http.MethodGet, "/service/soa", nil)
			req.URL.RawQuery = raw
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		wiretest.CheckAnswer(t, m, rec)
	})
}

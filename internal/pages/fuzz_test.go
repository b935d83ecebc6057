package pages_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/internal/pages"
	"github.com/tsymock/tsymock/internal/wiretest"
	"github.com/tsymock/tsymock/keys/demo"
	"github.com/tsymock/tsymock/mock"
)

// FuzzPage feeds arbitrary query strings and form bodies to every page:
// whatever arrives, a page answers with HTML (200, 303 or 400, never a
// crash or JSON), and markup in the request never comes back unescaped.
func FuzzPage(f *testing.F) {
	m := wiretest.Demo(f)
	srv, err := mock.New(mock.Config{PlatformKey: m.PlatformKey, Clock: mock.NewFixedClock(wiretest.Now(f)),
		Apps: []mock.App{{SysID: demo.SysID, Key: &m.MerchantKey.PublicKey}}})
	require.NoError(f, err)
	h := srv.Handler()
	// Sorted, so that which names the same page in every run and a
	// crasher found once reproduces as a regression input.
	paths := pages.Paths()
	f.Add(uint8(0), false, wiretest.SignedForm(f, m, `{"service":"MemberService","method":"signContract","param":{"bizUserId":"<b>x","backUrl":"http://127.0.0.1/"}}`))
	f.Add(uint8(1), false, "orderNo=1%3Cscript%3E")
	f.Add(uint8(2), true, "token=abc&action=confirm")
	f.Add(uint8(3), true, "sysid=1&sign=%zz&req=%7B")
	f.Add(uint8(4), false, "&&=&req=&sysid=\r\n")
	f.Fuzz(func(t *testing.T, which uint8, post bool, raw string) {
		path := paths[int(which)%len(paths)]
		var req *http.Request
		if post {
			req = httptest.NewRequest(http.MethodPost, path, strings.NewReader(raw))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		} else {
			req = httptest.NewRequest(http.MethodGet, path, nil)
			req.URL.RawQuery = raw
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		switch rec.Code {
		case http.StatusOK, http.StatusBadRequest:
			if !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/html") {
				t.Fatalf("%d with Content-Type %q", rec.Code, rec.Header().Get("Content-Type"))
			}
		case http.StatusSeeOther:
		default:
			t.Fatalf("status %d for %s %s?%q", rec.Code, req.Method, path, raw)
		}
		if strings.Contains(rec.Body.String(), "<script") {
			t.Fatalf("unescaped markup in the page for %q", raw)
		}
	})
}

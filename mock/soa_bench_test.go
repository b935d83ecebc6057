package mock_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/internal/wiretest"
	"github.com/tsymock/tsymock/keys/demo"
	"github.com/tsymock/tsymock/mock"
	"github.com/tsymock/tsymock/scenarios"
)

// newCannedServer is a test server answering from builtin:balances, as
// "tsymock serve --scenarios builtin:balances" does.
func newCannedServer(tb testing.TB) (*mock.Server, *demo.Material) {
	tb.Helper()
	s, m := newTestServer(tb)
	f, err := scenarios.Builtin("balances")
	require.NoError(tb, err)
	s.Scenarios().SetFiles([]*scenarios.File{f})
	return s, m
}

// BenchmarkServeCanned is a whole request answered by a scenario rule, in
// process: parse, verify, decode, match, encode, journal, log. The same
// signed request is sent every time, as "tsymock load --mode canned" does:
// its verdict comes from the verified-request cache and its answer's sign
// from the signature cache, so this is the server's cost without any RSA
// operation (a verify is about 20 µs more with the demo key).
func BenchmarkServeCanned(b *testing.B) {
	s, m := newCannedServer(b)
	h := s.Handler()
	form := wiretest.SignedForm(b, m, wiretest.CannedReq)
	b.ReportAllocs()
	for b.Loop() {
		req := httptest.NewRequest(http.MethodPost, "/service/soa", strings.NewReader(form))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if !strings.Contains(rec.Body.String(), `"status":"OK"`) {
			b.Fatalf("answer: %s", rec.Body)
		}
	}
}

package mock_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/internal/wiretest"
	"github.com/tsymock/tsymock/keys/demo"
	"github.com/tsymock/tsymock/mock"
	"github.com/tsymock/tsymock/scenarios"
)

// newTestServer is a server that knows the demo application, on a clock
// fixed at wiretest.Time, with change applied to its config.
func newTestServer(tb testing.TB, change ...func(*mock.Config)) (*mock.Server, *demo.Material) {
	tb.Helper()
	m := wiretest.Demo(tb)
	cfg := mock.Config{PlatformKey: m.PlatformKey, Apps: []mock.App{{SysID: demo.SysID, Key: &m.MerchantKey.PublicKey}},
		Clock: mock.NewFixedClock(wiretest.Now(tb))}
	for _, fn := range change {
		fn(&cfg)
	}
	s, err := mock.New(cfg)
	require.NoError(tb, err)
	return s, m
}

func TestVersionHeader(t *testing.T) {
	s, m := newTestServer(t)
	rec := httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/service/soa?"+wiretest.SignedForm(t, m, `{}`), nil))
	wiretest.CheckAnswer(t, m, rec)
	require.Equal(t, "dev", rec.Header().Get("X-Tsymock-Version"))
}

// BenchmarkCreateMember is a whole request in process: parse, verify,
// validate, emulate, sign, encode. Requests are signed before the timer.
func BenchmarkCreateMember(b *testing.B) {
	s, m := newTestServer(b)
	h := s.Handler()
	forms := make([]string, b.N)
	for i := range forms {
		forms[i] = wiretest.SignedForm(b, m, fmt.Sprintf(`{"service":"MemberService","method":"createMember","param":{"bizUserId":"b%d","memberType":3,"source":1}}`, i))
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		req := httptest.NewRequest(http.MethodPost, "/service/soa", strings.NewReader(forms[i]))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), `"status":"OK"`) {
			b.Fatalf("answer: %s", rec.Body)
		}
	}
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
		{http.MethodGet, mock.HealthPath, http.StatusOK},
	} {
		rec := httptest.NewRecorder()
		s.Handler().ServeHTTP(rec, httptest.NewRequest(tc.method, tc.path, nil))
		assert.Equal(t, tc.code, rec.Code, tc.path)
		assert.Equal(t, "dev", rec.Header().Get("X-Tsymock-Version"), "%s %s", tc.method, tc.path)
	}
}

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

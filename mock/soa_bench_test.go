package mock

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/scenarios"
)

// cannedReq is the call builtin:balances answers with a fixed body.
const cannedReq = `{"service":"OrderService","method":"queryBalance","param":{"bizUserId":"rich","accountSetNo":"200126"}}`

// BenchmarkServeCanned is a whole request answered by a scenario rule, in
// process: parse, verify, decode, match, encode. Its sign comes from the
// signature cache, so this is the server's cost apart from the one RSA
// verify per request (about 35 µs with the demo key).
func BenchmarkServeCanned(b *testing.B) {
	s, m := newTestServer(b)
	f, err := scenarios.Builtin("balances")
	require.NoError(b, err)
	s.Scenarios().SetFiles([]*scenarios.File{f})
	h := s.Handler()
	form := signedForm(b, m, cannedReq)
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

// BenchmarkSignCache is a repeated answer's sign, taken from the cache.
func BenchmarkSignCache(b *testing.B) {
	s, _ := newTestServer(b)
	text := `{"allAmount":100000000,"freezenAmount":0}`
	_, err := s.signs.sign(text)
	require.NoError(b, err)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := s.signs.sign(text); err != nil {
			b.Fatal(err)
		}
	}
}

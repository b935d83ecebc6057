package mock

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/internal/clock"
	"github.com/tsymock/tsymock/internal/soa"
	"github.com/tsymock/tsymock/keys"
	"github.com/tsymock/tsymock/keys/demo"
)

const testTime = "2026-11-28 12:00:00"

func newTestServer(tb testing.TB) (*Server, *demo.Material) {
	tb.Helper()
	m, err := demo.Load()
	require.NoError(tb, err)
	now, err := time.ParseInLocation("2006-01-02 15:04:05", testTime, soa.Shanghai())
	require.NoError(tb, err)
	s, err := New(Config{
		PlatformKey: m.PlatformKey,
		Apps:        []App{{SysID: demo.SysID, Key: &m.MerchantKey.PublicKey}},
		Clock:       clock.NewManual(now),
	})
	require.NoError(tb, err)
	return s, m
}

func signedForm(tb testing.TB, m *demo.Material, req string) string {
	tb.Helper()
	sign, err := keys.Sign(m.MerchantKey, demo.SysID+req+testTime)
	require.NoError(tb, err)
	return url.Values{"sysid": {demo.SysID}, "sign": {sign}, "timestamp": {testTime}, "v": {"2.0"}, "req": {req}}.Encode()
}

// checkAnswer asserts the promises every answer keeps: HTTP 200, JSON, a
// signedValue string with a valid platform sign.
func checkAnswer(tb testing.TB, m *demo.Material, rec *httptest.ResponseRecorder) map[string]any {
	tb.Helper()
	require.Equal(tb, http.StatusOK, rec.Code)
	require.Equal(tb, soa.ContentType, rec.Header().Get("Content-Type"))
	var body map[string]any
	require.NoError(tb, json.Unmarshal(rec.Body.Bytes(), &body), "%s", rec.Body)
	sv, ok := body["signedValue"].(string)
	require.True(tb, ok, "signedValue is a string: %s", rec.Body)
	sign, _ := body["sign"].(string)
	require.NoError(tb, keys.Verify(&m.PlatformKey.PublicKey, sv, sign))
	return body
}

func TestVersionHeader(t *testing.T) {
	s, m := newTestServer(t)
	rec := httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/service/soa?"+signedForm(t, m, `{}`), nil))
	checkAnswer(t, m, rec)
	require.Equal(t, "dev", rec.Header().Get("X-Tsymock-Version"))
}

// BenchmarkCreateMember is a whole request in process: parse, verify,
// validate, emulate, sign, encode. Requests are signed before the timer.
func BenchmarkCreateMember(b *testing.B) {
	s, m := newTestServer(b)
	h := s.Handler()
	forms := make([]string, b.N)
	for i := range forms {
		forms[i] = signedForm(b, m, fmt.Sprintf(`{"service":"MemberService","method":"createMember","param":{"bizUserId":"b%d","memberType":3,"source":1}}`, i))
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

// Package wiretest helps the tests of tsymock's packages speak the wire
// protocol to an in-process handler: sign a call with the bundled demo
// merchant key, send it with httptest, and check the signed answer. Only
// test files import it.
package wiretest

import (
	"crypto/rsa"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/internal/soa"
	"github.com/tsymock/tsymock/keys"
	"github.com/tsymock/tsymock/keys/demo"
)

// Time is when the test calls are signed, China time; a server under test
// has its clock fixed at Now.
const Time = "2026-11-28 12:00:00"

// Loopback is the client address Do sends from: the admin API answers it.
const Loopback = "127.0.0.1:50000"

// CannedReq is the call builtin:balances answers with a fixed body.
const CannedReq = `{"service":"OrderService","method":"queryBalance","param":{"bizUserId":"rich","accountSetNo":"200126"}}`

// Now is Time as a time.
func Now(tb testing.TB) time.Time {
	tb.Helper()
	now, err := time.ParseInLocation(soa.TimestampLayout, Time, soa.Shanghai())
	require.NoError(tb, err)
	return now
}

// Demo loads the bundled TEST ONLY key material.
func Demo(tb testing.TB) *demo.Material {
	tb.Helper()
	m, err := demo.Load()
	require.NoError(tb, err)
	return m
}

// CreateMemberReq is a createMember req for bizUserId.
func CreateMemberReq(bizUserID string) string {
	return `{"service":"MemberService","method":"createMember","param":{"bizUserId":"` + bizUserID + `","memberType":3,"source":1}}`
}

// SignedForm is the form of req from the demo application, signed at Time.
func SignedForm(tb testing.TB, m *demo.Material, req string) string {
	tb.Helper()
	return FormSignedBy(tb, m.MerchantKey, demo.SysID, req)
}

// FormSignedBy is the form of req from sysid, signed with key at Time.
func FormSignedBy(tb testing.TB, key *rsa.PrivateKey, sysid, req string) string {
	tb.Helper()
	sign, err := keys.Sign(key, sysid+req+Time)
	require.NoError(tb, err)
	return url.Values{"sysid": {sysid}, "sign": {sign}, "timestamp": {Time}, "v": {"2.0"}, "req": {req}}.Encode()
}

// CheckAnswer asserts the promises every answer keeps (HTTP 200, JSON, a
// signedValue string with a valid platform sign) and returns the body.
func CheckAnswer(tb testing.TB, m *demo.Material, rec *httptest.ResponseRecorder) map[string]any {
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

// Do sends a request with body from a loopback client, as a script on the
// same machine would: to 127.0.0.1, a change as JSON.
func Do(tb testing.TB, h http.Handler, method, target, body string) *httptest.ResponseRecorder {
	tb.Helper()
	req := httptest.NewRequest(method, target, strings.NewReader(body))
	req.RemoteAddr, req.Host = Loopback, "127.0.0.1:6900"
	if method != http.MethodGet && method != http.MethodHead {
		req.Header.Set("Content-Type", "application/json")
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// GetJSON sends a GET from a loopback client, requires 200 and decodes the
// JSON answer.
func GetJSON[T any](tb testing.TB, h http.Handler, target string) T {
	tb.Helper()
	rec := Do(tb, h, http.MethodGet, target, "")
	require.Equal(tb, http.StatusOK, rec.Code, "%s: %s", target, rec.Body)
	var v T
	require.NoError(tb, json.Unmarshal(rec.Body.Bytes(), &v), "%s", rec.Body)
	return v
}

// Post posts form to /service/soa as it is, as an SDK does (from a
// loopback client), and returns the checked answer.
func Post(tb testing.TB, h http.Handler, m *demo.Material, form string) map[string]any {
	tb.Helper()
	req := httptest.NewRequest(http.MethodPost, "/service/soa", strings.NewReader(form))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.RemoteAddr = Loopback
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return CheckAnswer(tb, m, rec)
}

// Call posts req, signed by the demo application, and returns the checked
// answer.
func Call(tb testing.TB, h http.Handler, m *demo.Material, req string) map[string]any {
	tb.Helper()
	return Post(tb, h, m, SignedForm(tb, m, req))
}

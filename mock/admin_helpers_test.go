package mock

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/keys/demo"
)

// adminDo sends an admin request from a loopback client.
func adminDo(tb testing.TB, h http.Handler, method, target, body string) *httptest.ResponseRecorder {
	tb.Helper()
	req := httptest.NewRequest(method, target, strings.NewReader(body))
	req.RemoteAddr = "127.0.0.1:50000"
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// adminGet sends an admin GET, requires 200 and decodes the JSON answer.
func adminGet[T any](tb testing.TB, h http.Handler, target string) T {
	tb.Helper()
	rec := adminDo(tb, h, http.MethodGet, target, "")
	require.Equal(tb, http.StatusOK, rec.Code, "%s: %s", target, rec.Body)
	var v T
	require.NoError(tb, json.Unmarshal(rec.Body.Bytes(), &v), "%s", rec.Body)
	return v
}

// soaPost posts a signed call of the demo application and returns the
// checked answer.
func soaPost(tb testing.TB, h http.Handler, m *demo.Material, req string) map[string]any {
	tb.Helper()
	r := httptest.NewRequest(http.MethodPost, "/service/soa", strings.NewReader(signedForm(tb, m, req)))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, r)
	return checkAnswer(tb, m, rec)
}

// createMemberReq is a createMember req for bizUserId.
func createMemberReq(bizUserID string) string {
	return `{"service":"MemberService","method":"createMember","param":{"bizUserId":"` + bizUserID + `","memberType":3,"source":1}}`
}

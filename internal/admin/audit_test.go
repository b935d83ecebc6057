package admin_test

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/internal/admin"
	"github.com/tsymock/tsymock/internal/emulator"
	"github.com/tsymock/tsymock/internal/wiretest"
	"github.com/tsymock/tsymock/keys"
	"github.com/tsymock/tsymock/keys/demo"
	"github.com/tsymock/tsymock/mock"
)

// submitCompany creates enterprise bizUserID and submits its data
// (spec §4.1.6), its verifyResult to backURL, and returns the answer's
// signedValue.
func submitCompany(t *testing.T, h http.Handler, m *demoMaterial, bizUserID, backURL string) map[string]any {
	t.Helper()
	wiretest.Call(t, h, m, fmt.Sprintf(`{"service":"MemberService","method":"createMember","param":{"bizUserId":%q,"memberType":2,"source":2}}`, bizUserID))
	enc := func(s string) string {
		v, err := keys.EncryptField(&m.PlatformKey.PublicKey, s)
		require.NoError(t, err)
		return v
	}
	ans := wiretest.Call(t, h, m, fmt.Sprintf(`{"service":"MemberService","method":"setCompanyInfo","param":{"bizUserId":%q,`+
		`"backUrl":%q,"isAuth":true,"companyBasicInfo":{"companyName":"甲公司","authType":2,"uniCredit":"91330100MA2XXXXX1",`+
		`"legalName":"张三","identityType":1,"legalIds":%q,"legalPhone":"13800000009","accountNo":%q,"parentBankName":"中国农业银行","bankName":"中国农业银行杭州分行","unionBank":"103331000000"}}}`,
		bizUserID, backURL, enc("110101199001011237"), enc("6228480000000000090")))
	require.Equal(t, "OK", ans["status"], "%v", ans)
	var sv map[string]any
	require.NoError(t, json.Unmarshal([]byte(ans["signedValue"].(string)), &sv))
	return sv
}

// audit is the company audit status of bizUserID in the state's view.
func audit(t *testing.T, h http.Handler, bizUserID string) int64 {
	t.Helper()
	for _, mv := range members(t, h, demo.SysID) {
		if mv.BizUserID == bizUserID {
			return mv.CompanyAudit
		}
	}
	return 0
}

// TestAdminCompanyAudit: with --company-audit manual, setCompanyInfo is
// pending (spec §4.1.6 note 4, §6.8) until POST /__tsymock/company-audit
// decides it: 201 with the verifyResult notification queued for the
// submission's backUrl (§4.1.7); no audit to decide is 404, one decided
// already 409, a malformed request 400.
func TestAdminCompanyAudit(t *testing.T) {
	s, m := newServer(t, func(cfg *mock.Config) { cfg.CompanyAudit = mock.CompanyAuditManual })
	defer shutdownNow(t, s)
	h := s.Handler()
	assert.NotContains(t, submitCompany(t, h, m, "c1", "http://127.0.0.1:1/verify"), "result", "仅自动审核时返回")
	submitCompany(t, h, m, "c2", "http://127.0.0.1:1/verify2")
	wiretest.Call(t, h, m, wiretest.CreateMemberReq("person"))
	wiretest.Call(t, h, m, `{"service":"MemberService","method":"createMember","param":{"bizUserId":"bare","memberType":2,"source":2}}`)
	assert.Equal(t, int64(1), audit(t, h, "c1"), "待审核")

	path := "/__tsymock/company-audit?sysid=" + demo.SysID
	rec := wiretest.Do(t, h, http.MethodPost, path, `{"bizUserId":"c1","decision":"approve","remark":"资料齐全"}`)
	require.Equal(t, http.StatusCreated, rec.Code, "%s", rec.Body)
	var n mock.Notification
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &n))
	assert.Equal(t, []string{"MemberService", "verifyResult", "OK", "http://127.0.0.1:1/verify"},
		[]string{n.Service, n.Method, n.Status, n.BackURL})
	assert.Contains(t, n.RPS, `"result":2`)
	assert.Contains(t, n.RPS, `"remark":"资料齐全"`)
	assert.Equal(t, int64(2), audit(t, h, "c1"))

	rec = wiretest.Do(t, h, http.MethodPost, path, `{"bizUserId":"c2","decision":"reject","failReason":"营业执照模糊"}`)
	require.Equal(t, http.StatusCreated, rec.Code, "%s", rec.Body)
	assert.Contains(t, rec.Body.String(), `\"failReason\":\"营业执照模糊\"`)
	assert.Equal(t, int64(3), audit(t, h, "c2"))

	for _, tc := range []struct {
		name, query, body string
		status            int
		want              string
	}{
		{"decided twice", "?sysid=" + demo.SysID, `{"bizUserId":"c1","decision":"reject"}`, http.StatusConflict, `"errorCode": "30023"`},
		{"a rejection decided again", "?sysid=" + demo.SysID, `{"bizUserId":"c2","decision":"approve"}`, http.StatusConflict, "its audit was decided on"},
		{"no such member", "?sysid=" + demo.SysID, `{"bizUserId":"nobody","decision":"approve"}`, http.StatusNotFound, `"errorCode": "30001"`},
		{"a person", "?sysid=" + demo.SysID, `{"bizUserId":"person","decision":"approve"}`, http.StatusNotFound, `"errorCode": "30006"`},
		{"no setCompanyInfo", "?sysid=" + demo.SysID, `{"bizUserId":"bare","decision":"approve"}`, http.StatusNotFound, `"errorCode": "30030"`},
		{"an unknown sysid", "?sysid=42", `{"bizUserId":"c1","decision":"approve"}`, http.StatusNotFound, `sysid \"42\"`},
		{"no sysid", "", `{"bizUserId":"c1","decision":"approve"}`, http.StatusBadRequest, "?sysid="},
		{"no bizUserId", "?sysid=" + demo.SysID, `{"decision":"approve"}`, http.StatusBadRequest, "bizUserId"},
		{"no decision", "?sysid=" + demo.SysID, `{"bizUserId":"c1"}`, http.StatusBadRequest, `want \"approve\" or \"reject\"`},
		{"another decision", "?sysid=" + demo.SysID, `{"bizUserId":"c1","decision":"later"}`, http.StatusBadRequest, `decision \"later\"`},
		{"an approval with a failReason", "?sysid=" + demo.SysID, `{"bizUserId":"c1","decision":"approve","failReason":"x"}`,
			http.StatusBadRequest, `"errorCode": "10000"`},
		{"a field of another name", "?sysid=" + demo.SysID, `{"bizUserId":"c1","result":2}`, http.StatusBadRequest, "result"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rec := wiretest.Do(t, h, http.MethodPost, "/__tsymock/company-audit"+tc.query, tc.body)
			assert.Equal(t, tc.status, rec.Code, "%s", rec.Body)
			assert.Contains(t, rec.Body.String(), tc.want)
		})
	}
	notes := wiretest.GetJSON[[]mock.Notification](t, h, "/__tsymock/notifications?sysid="+demo.SysID)
	assert.Len(t, notes, 2, "one verifyResult per decision, none for the refusals")
}

// TestAdminCompanyAuditAccess: the decision is behind the admin API's
// access rule like every change (docs/admin.md, Access).
func TestAdminCompanyAuditAccess(t *testing.T) {
	checkAccess(t, request{remote: "10.1.2.3:4000", method: http.MethodPost, path: "/__tsymock/company-audit?sysid=1"},
		http.StatusForbidden, "TSYMOCK_ADMIN_TOKEN")
}

// TestAdminAppCompanyAudit: an application registered at run time may
// have its own audit mode; GET /__tsymock/apps shows every application's,
// and registering again without one keeps it.
func TestAdminAppCompanyAudit(t *testing.T) {
	s, _ := newServer(t)
	h := s.Handler()
	certPEM, err := fs.ReadFile(demo.Files(), demo.MerchantCertFile)
	require.NoError(t, err)
	register := func(req admin.AppRequest) int {
		body, err := json.Marshal(req)
		require.NoError(t, err)
		return wiretest.Do(t, h, http.MethodPost, "/__tsymock/apps", string(body)).Code
	}
	require.Equal(t, http.StatusCreated, register(admin.AppRequest{SysID: "2000", Cert: string(certPEM), CompanyAudit: "manual"}))
	require.Equal(t, http.StatusCreated, register(admin.AppRequest{SysID: "2000", Cert: string(certPEM)}))
	assert.Equal(t, http.StatusBadRequest, register(admin.AppRequest{SysID: "3000", Cert: string(certPEM), CompanyAudit: "later"}))
	modes := map[string]string{}
	for _, a := range wiretest.GetJSON[[]mock.AppInfo](t, h, "/__tsymock/apps") {
		modes[a.SysID] = a.CompanyAudit
	}
	assert.Equal(t, map[string]string{demo.SysID: emulator.CompanyAuditAuto, "2000": emulator.CompanyAuditManual}, modes)
}

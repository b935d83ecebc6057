package emulator

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/internal/soa"
)

// manualEnv is an envTest whose application "a" audits by hand
// (--company-audit manual).
func manualEnv(t *testing.T, strict bool) *envTest {
	et := newEnvTest(t, strict)
	et.e.SetCompanyAudit("a", CompanyAuditManual)
	return et
}

// companyInfoOf is getMemberInfo's memberInfo of "c".
func (et *envTest) companyInfoOf() map[string]any {
	et.t.Helper()
	return et.ok("getMemberInfo", map[string]any{"bizUserId": "c"})["memberInfo"].(map[string]any)
}

// TestManualAuditIsPending: under --company-audit manual, setCompanyInfo
// leaves the audit to the back office, as the real test environment does
// (spec §4.1.6 note 4: 测试环境不支持线上认证，需通过管理后台菜单“企业会员管理”
// 审核), online (isAuth true) or not: the answer has no result (§4.1.6
// answer table: 仅自动审核时返回), no notification is queued yet, and
// getMemberInfo's status is 1 待审核 (§6.8) with no checkTime (§5.5: 否).
// tsymock's rejection trigger ("reject" in the name) waits too.
func TestManualAuditIsPending(t *testing.T) {
	for _, tc := range []struct {
		name    string
		isAuth  bool
		company string
	}{
		{"online", true, "甲公司"},
		{"manual", false, "甲公司"},
		{"the rejection trigger waits", true, "乙公司 reject"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			et := manualEnv(t, false)
			assert.Equal(t, map[string]any{"bizUserId": "c", "failReason": "", "remark": ""}, et.company(tc.company, tc.isAuth))
			assert.Empty(t, et.e.TakeEvents(), "verifyResult comes when the back office decides")
			info := et.companyInfoOf()
			assert.Equal(t, int64(auditPending), info["status"])
			for _, k := range []string{"checkTime", "failReason", "remark"} {
				assert.NotContains(t, info, k)
			}
			assert.Equal(t, auditPending, int(et.e.Members("a")[0].CompanyAudit))
		})
	}
}

// TestAutoAuditUnchanged: the default mode (and an application set back to
// it) answers as tsymock always did: result 2 at once, its notification
// queued.
func TestAutoAuditUnchanged(t *testing.T) {
	for _, tc := range []struct {
		name string
		mode string
	}{{"default", ""}, {"explicit auto", CompanyAuditAuto}} {
		t.Run(tc.name, func(t *testing.T) {
			et := newEnvTest(t, false)
			et.e.SetCompanyAudit("a", tc.mode)
			assert.Equal(t, CompanyAuditAuto, et.e.CompanyAuditOf("a"))
			assert.Equal(t, int64(auditApproved), et.company("甲公司", true)["result"])
			require.Len(t, et.e.TakeEvents(), 1)
			assert.Equal(t, int64(auditApproved), et.companyInfoOf()["status"])
		})
	}
}

// TestAuditModePerApplication: SetCompanyAudit gives one application its
// mode; the others keep the emulator's.
func TestAuditModePerApplication(t *testing.T) {
	e := New(Config{CompanyAudit: CompanyAuditManual})
	e.SetCompanyAudit("auto-app", CompanyAuditAuto)
	assert.Equal(t, CompanyAuditManual, e.CompanyAuditOf("any"))
	assert.Equal(t, CompanyAuditAuto, e.CompanyAuditOf("auto-app"))
	e.SetCompanyAudit("auto-app", "")
	assert.Equal(t, CompanyAuditManual, e.CompanyAuditOf("auto-app"), "\"\" follows the emulator's again")
	for _, mode := range []string{"", CompanyAuditAuto, CompanyAuditManual} {
		assert.NoError(t, CheckCompanyAudit(mode))
	}
	assert.ErrorContains(t, CheckCompanyAudit("later"), "want auto or manual")
}

// TestDecideAudit: the back office's decision (spec §4.1.6 note 4) sets
// getMemberInfo's status (§6.8, §5.5) with the clock's checkTime, and
// queues verifyResult (§4.1.7: bizUserId, result 2 or 3, checkTime,
// remark, failReason) for setCompanyInfo's backUrl.
func TestDecideAudit(t *testing.T) {
	for _, tc := range []struct {
		name     string
		decision AuditDecision
		status   int64
		reason   string
	}{
		{"approved", AuditDecision{Approve: true}, auditApproved, ""},
		{"approved with a remark", AuditDecision{Approve: true, Remark: "资料齐全"}, auditApproved, ""},
		{"rejected", AuditDecision{FailReason: "营业执照模糊", Remark: "请重新上传"}, auditRejected, "营业执照模糊"},
		{"rejected without a reason", AuditDecision{}, auditRejected, defaultFailReason},
	} {
		t.Run(tc.name, func(t *testing.T) {
			et := manualEnv(t, false)
			params := companyParams("甲公司", false)
			params["backUrl"] = "http://127.0.0.1/verify"
			et.ok("createMember", map[string]any{"bizUserId": "c", "memberType": 2, "source": 2})
			et.ok("setCompanyInfo", params)
			et.clock.Advance(time.Hour)
			tc.decision.BizUserID = "c"
			rv, serr := et.e.DecideAudit("a", tc.decision)
			require.Nil(t, serr)
			checkTime := soa.FormatTime(et.clock.Now())
			want := map[string]any{"bizUserId": "c", "result": tc.status, "checkTime": checkTime,
				"failReason": tc.reason, "remark": tc.decision.Remark}
			assert.Equal(t, want, rv)
			evs := et.e.TakeEvents()
			require.Len(t, evs, 1)
			ev := evs[0]
			assert.Equal(t, []string{soa.MemberService, "verifyResult", EventOK, "http://127.0.0.1/verify"},
				[]string{ev.Service, ev.Method, ev.Status, ev.BackURL})
			assert.Equal(t, want, ev.ReturnValue)
			assert.Equal(t, 1, ev.Attempts(), "sent once (spec §3.7 table: 通知 1 次)")

			info := et.companyInfoOf()
			assert.Equal(t, tc.status, info["status"])
			assert.Equal(t, checkTime, info["checkTime"])
			assert.Equal(t, tc.reason, asStr(info["failReason"]))
			assert.Equal(t, tc.decision.Remark, asStr(info["remark"]))
		})
	}
}

// TestDecideAuditRefusals: only a pending audit is decided. Each refusal
// has the platform's code for it, which the admin API turns into 404
// (nothing to decide) or 409 (decided already), and changes nothing.
func TestDecideAuditRefusals(t *testing.T) {
	et := manualEnv(t, false)
	_, serr := et.e.DecideAudit("a", AuditDecision{BizUserID: "c", Approve: true})
	assert.Equal(t, CodeNoMember, errCode(serr), "an application without state")
	assert.Empty(t, et.e.StateApps(), "the refusal made no state")

	et.person("p", validName, validID)
	et.ok("createMember", map[string]any{"bizUserId": "bare", "memberType": 2, "source": 2})
	et.company("甲公司", false)
	_, serr = et.e.DecideAudit("a", AuditDecision{BizUserID: "c", Approve: true})
	require.Nil(t, serr)
	et.e.SetCompanyAudit("a", CompanyAuditAuto)
	et.ok("createMember", map[string]any{"bizUserId": "auto", "memberType": 2, "source": 2})
	params := companyParams("丙公司", true)
	params["bizUserId"] = "auto"
	et.ok("setCompanyInfo", params)
	et.e.TakeEvents()

	for _, tc := range []struct {
		name     string
		decision AuditDecision
		code     string
		message  string
	}{
		{"decided twice", AuditDecision{BizUserID: "c"}, CodeAuditDecided, "its audit was decided on"},
		{"audited at once (auto)", AuditDecision{BizUserID: "auto", Approve: true}, CodeAuditDecided, "status 2"},
		{"no such member", AuditDecision{BizUserID: "nobody", Approve: true}, CodeNoMember, `"nobody"`},
		{"a person", AuditDecision{BizUserID: "p", Approve: true}, CodeNotEnterprise, "only enterprises are audited"},
		{"no setCompanyInfo", AuditDecision{BizUserID: "bare"}, CodeNoCompany, "has not called setCompanyInfo"},
		{"an approval with a failReason", AuditDecision{BizUserID: "c", Approve: true, FailReason: "x"}, "10000",
			"an approval has none"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, serr := et.e.DecideAudit("a", tc.decision)
			require.NotNil(t, serr)
			assert.Equal(t, tc.code, serr.Code)
			assert.Contains(t, serr.Message, tc.message)
			assert.Empty(t, et.e.TakeEvents())
		})
	}
	assert.Equal(t, int64(auditApproved), et.companyInfoOf()["status"], "the first decision stands")
}

// TestManualAuditResubmission: a pending enterprise may submit again (its
// data and backUrl replaced, still pending), a rejected one is pending
// again, an approved one is 30023 企业会员已审核 as in auto mode.
func TestManualAuditResubmission(t *testing.T) {
	et := manualEnv(t, false)
	et.company("甲公司", false)
	params := companyParams("甲公司二", false)
	params["backUrl"] = "http://127.0.0.1/second"
	et.ok("setCompanyInfo", params)
	assert.Equal(t, "甲公司二", et.companyInfoOf()["companyName"])
	_, serr := et.e.DecideAudit("a", AuditDecision{BizUserID: "c", FailReason: "资料不全"})
	require.Nil(t, serr)
	evs := et.e.TakeEvents()
	require.Len(t, evs, 1)
	assert.Equal(t, "http://127.0.0.1/second", evs[0].BackURL, "the latest submission's backUrl")

	et.ok("setCompanyInfo", params)
	info := et.companyInfoOf()
	assert.Equal(t, int64(auditPending), info["status"], "a rejected enterprise's new submission waits again")
	assert.NotContains(t, info, "failReason", "the old rejection is gone")
	_, serr = et.e.DecideAudit("a", AuditDecision{BizUserID: "c", Approve: true})
	require.Nil(t, serr)
	assert.Equal(t, "30023", errCode(et.call("setCompanyInfo", params).Err))
}

// TestPendingEnterpriseIsNotAudited: a pending enterprise is refused what
// needs its audit passed, as a rejected one is, with 30050 企业会员未审核:
// the e-contract (spec §4.1.4 note 5), a card (tsymock's rule for 小B),
// and with --strict bindPhone (§4.1.3 note 3), createBankSubAcctNo
// (§4.1.27) and orders (§4.1.6 note 1). Approved, it may.
func TestPendingEnterpriseIsNotAudited(t *testing.T) {
	et := manualEnv(t, true)
	et.company("甲公司", false)
	apply := map[string]any{"bizUserId": "c", "cardNo": "6228480000000000099", "phone": "13800000001", "name": "张三",
		"identityType": 1, "identityNo": "110101199001011237", "cardCheck": 7}
	checks := []struct {
		name string
		run  func() *soa.Error
	}{
		{"signContract", func() *soa.Error { return et.e.CanSignContract("a", "c") }},
		{"applyBindBankCard", func() *soa.Error { return et.call("applyBindBankCard", apply).Err }},
		{"bindPhone (strict)", func() *soa.Error {
			et.ok("sendVerificationCode", map[string]any{"bizUserId": "c", "phone": "13800000001", "verificationCodeType": 9})
			return et.call("bindPhone", map[string]any{"bizUserId": "c", "phone": "13800000001", "verificationCode": "111111"}).Err
		}},
		{"createBankSubAcctNo (strict)", func() *soa.Error {
			return et.call("createBankSubAcctNo", map[string]any{"bizUserId": "c", "accountSetNo": "200126", "acctOrgType": 1}).Err
		}},
	}
	for _, tc := range checks {
		t.Run(tc.name+" pending", func(t *testing.T) {
			serr := tc.run()
			require.NotNil(t, serr)
			assert.Equal(t, "30050", serr.Code, serr.Message)
		})
	}
	serr := et.e.CanSignContract("a", "c")
	require.NotNil(t, serr)
	assert.Contains(t, serr.Message, "pending (status 1 待审核, spec §6.8)")

	_, serr = et.e.DecideAudit("a", AuditDecision{BizUserID: "c", Approve: true})
	require.Nil(t, serr)
	for _, tc := range checks[:3] {
		t.Run(tc.name+" approved", func(t *testing.T) {
			assert.Nil(t, tc.run())
		})
	}
}

// TestManualAuditReplays: a data dir written under --company-audit manual
// replays into an emulator of either mode with the audits as they were:
// the setCompanyInfo op carries its mode (Op.ManualAudit), the decision is
// an op of its own, and its verifyResult is queued again under its key.
func TestManualAuditReplays(t *testing.T) {
	l := &memLog{}
	e := newKept(l)
	e.SetCompanyAudit("a", CompanyAuditManual)
	et := &envTest{t: t, e: e, cat: soa.DefaultCatalogue()}
	et.ok("createMember", map[string]any{"bizUserId": "c", "memberType": 2, "source": 2})
	params := companyParams("甲公司", true)
	params["backUrl"] = "http://127.0.0.1/verify"
	et.ok("setCompanyInfo", params)
	params["bizUserId"] = "d"
	et.ok("createMember", map[string]any{"bizUserId": "d", "memberType": 2, "source": 2})
	et.ok("setCompanyInfo", params)
	_, serr := e.DecideAudit("a", AuditDecision{BizUserID: "c", FailReason: "营业执照模糊", Remark: "请重新上传"})
	require.Nil(t, serr)
	_, serr = e.DecideAudit("a", AuditDecision{BizUserID: "c", Approve: true})
	require.NotNil(t, serr, "a refusal is logged with its code, and replays as refused")

	r := l.replayInto(t) // an emulator of the default mode, auto
	assert.Equal(t, CompanyAuditAuto, r.CompanyAuditOf("a"))
	assert.Equal(t, snapshot(e, "a"), snapshot(r, "a"))
	audits := map[string]int64{}
	for _, m := range r.Members("a") {
		audits[m.BizUserID] = m.CompanyAudit
	}
	assert.Equal(t, map[string]int64{"c": auditRejected, "d": auditPending}, audits)
	evs := r.PendingEvents("a")
	require.Len(t, evs, 1)
	assert.Equal(t, "营业执照模糊", evs[0].ReturnValue["failReason"])
	assert.NotEmpty(t, evs[0].Key)
}

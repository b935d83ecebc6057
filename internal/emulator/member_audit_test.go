package emulator

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/internal/soa"
)

// company creates an enterprise "c" and submits it: its audit passes, or
// is rejected (tsymock's trigger: "reject" in the name).
func (et *envTest) company(companyName string, isAuth bool) map[string]any {
	et.t.Helper()
	et.ok("createMember", map[string]any{"bizUserId": "c", "memberType": 2, "source": 2})
	return et.ok("setCompanyInfo", companyParams(companyName, isAuth))
}

// companyParams are setCompanyInfo's params for "c".
func companyParams(companyName string, isAuth bool) map[string]any {
	return map[string]any{"bizUserId": "c", "isAuth": isAuth, "companyBasicInfo": map[string]any{
		"companyName": companyName, "legalName": "张三", "identityType": 1, "legalIds": "110101199001011237",
		"legalPhone": "13800000000", "accountNo": "6228480000000000000", "parentBankName": "中国农业银行",
		"bankName": "中国农业银行杭州分行", "unionBank": "103331000000", "authType": 2, "uniCredit": "91330100MA2XXXXX1"}}
}

// TestPayPwdPagesArePersonal: the payment-password pages are for personal
// members only (spec §4.1.17 line 2894, §4.1.18 line 3080, §4.1.19 line
// 3254, §4.1.20 line 3437: 仅支持个人会员): an enterprise is 30006 when the
// page opens and when its button is pressed, and has no password after.
func TestPayPwdPagesArePersonal(t *testing.T) {
	et := newEnvTest(t, false)
	et.company("甲公司", true)
	et.withPhone("c", "13800000001")
	for _, tc := range []struct {
		name string
		run  func() *soa.Error
	}{
		{"identity", func() *soa.Error { return et.e.CheckIdentity("a", "c", "张三", 1, "110101199001011237") }},
		{"setPayPwd opens", func() *soa.Error { return et.e.CanChangePayPwd("a", "setPayPwd", "c") }},
		{"resetPayPwd opens", func() *soa.Error { return et.e.CanChangePayPwd("a", "resetPayPwd", "c") }},
		{"updatePhoneByPayPwd opens", func() *soa.Error { return et.e.CanChangePayPwd("a", "updatePhoneByPayPwd", "c") }},
		{"setPayPwd confirms", func() *soa.Error { return et.e.SetPayPwd("a", "c", "123456", "http://127.0.0.1/b") }},
		{"updatePayPwd confirms", func() *soa.Error { return et.e.UpdatePayPwd("a", "c", "123456", "654321", "") }},
		{"resetPayPwd confirms", func() *soa.Error { return et.e.ResetPayPwd("a", "c", "111111", "654321", "") }},
		{"updatePhoneByPayPwd confirms", func() *soa.Error {
			return et.e.UpdatePhoneByPayPwd("a", "c", "123456", "13900000002", "111111", "")
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			serr := tc.run()
			require.NotNil(t, serr)
			assert.Equal(t, "30006", serr.Code)
			assert.Contains(t, serr.Message, "personal members only (spec §4.1.17-§4.1.20 note 1)")
		})
	}
	info := et.ok("getMemberInfo", map[string]any{"bizUserId": "c"})["memberInfo"].(map[string]any)
	assert.Equal(t, "13800000001", info["phone"], "the phone did not change")
	assert.Empty(t, et.e.TakeEvents()[1:], "no notification but the audit's")
	et.person("p", validName, validID)
	assert.Nil(t, et.e.SetPayPwd("a", "p", "123456", ""), "a person still sets one")
}

// TestSignContractNeedsApproval: an enterprise signs the e-contract once
// its company is approved (spec §4.1.4 note 5, line 1404): a rejected one
// is 30050 until it submits again and passes.
func TestSignContractNeedsApproval(t *testing.T) {
	et := newEnvTest(t, false)
	et.company("乙公司 reject", true)
	serr := et.e.CanSignContract("a", "c")
	require.NotNil(t, serr)
	assert.Equal(t, "30050", serr.Code)
	assert.Contains(t, serr.Message, "(spec §4.1.4 note 5)")
	_, serr = et.e.SignContract("a", "c", "")
	assert.Equal(t, "30050", errCode(serr), "the page's button refuses it too")

	et.ok("setCompanyInfo", companyParams("乙公司", true))
	no, serr := et.e.SignContract("a", "c", "")
	require.Nil(t, serr)
	assert.NotEmpty(t, no)
}

// TestCompanyResultOnlyOnline: setCompanyInfo answers the audit's result
// to an online audit only (spec §4.1.6 answer table, line 1859: 仅自动审核时
// 返回); the notification and getMemberInfo carry it either way.
func TestCompanyResultOnlyOnline(t *testing.T) {
	for _, tc := range []struct {
		name      string
		isAuth    bool
		company   string
		answer    map[string]any
		status    int64
		hasReason bool
	}{
		{"online, approved", true, "甲公司", map[string]any{"bizUserId": "c", "result": int64(auditApproved),
			"failReason": "", "remark": ""}, auditApproved, false},
		{"manual, approved", false, "甲公司", map[string]any{"bizUserId": "c", "failReason": "", "remark": ""},
			auditApproved, false},
		{"manual, rejected", false, "乙公司 reject", map[string]any{"bizUserId": "c", "failReason": "", "remark": ""},
			auditRejected, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			et := newEnvTest(t, false)
			assert.Equal(t, tc.answer, et.company(tc.company, tc.isAuth))
			evs := et.e.TakeEvents()
			require.Len(t, evs, 1)
			assert.Equal(t, tc.status, evs[0].ReturnValue["result"])
			info := et.ok("getMemberInfo", map[string]any{"bizUserId": "c"})["memberInfo"].(map[string]any)
			assert.Equal(t, tc.status, info["status"])
			assert.Equal(t, tc.hasReason, info["failReason"] != nil)
		})
	}
}

// TestSubAcctSets: createBankSubAcctNo opens sub-accounts in the sets spec
// §4.1.27 lists (line 4540: an escrow set, 100001, 2000000, 100006): an
// unknown set is 30019, the deposit, reserve and intermediate sets 30018,
// whether a member or the platform asks.
func TestSubAcctSets(t *testing.T) {
	for _, tc := range []struct {
		who, set, code string
	}{
		{"p", "200126", ""},
		{OwnerPlatform, "100001", ""},
		{OwnerPlatform, "2000000", ""},
		{OwnerPlatform, "100006", ""},
		{"p", "999999", "30019"},
		{OwnerPlatform, "999999", "30019"},
		{"p", "100002", "30018"},
		{"p", "100003", "30018"},
		{OwnerPlatform, "100004", "30018"},
		{OwnerPlatform, "100005", "30018"},
	} {
		t.Run(fmt.Sprintf("%s in %s", tc.who, tc.set), func(t *testing.T) {
			et := newEnvTest(t, true)
			et.person("p", validName, validID)
			et.withPhone("p", "13800000001")
			out := et.call("createBankSubAcctNo", map[string]any{"bizUserId": tc.who, "accountSetNo": tc.set, "acctOrgType": 1})
			assert.Equal(t, tc.code, errCode(out.Err))
			assert.Empty(t, out.Portability)
			if tc.code == "30018" {
				assert.Contains(t, out.Err.Message, "spec §4.1.27")
			}
		})
	}
}

// TestCardParamFormats: a card's validate is MMYY, its cvv2 3 digits
// (spec §4.1.10 lines 2219 and 2231, §4.1.11 line 2369,
// §4.1.25 line 4302, §4.1.26 line 4437), a unionBank
// 12 digits (§4.1.10 line 2249, §5.4 line 12749): other values are noted
// param-format, never with the secret in the message.
func TestCardParamFormats(t *testing.T) {
	for _, tc := range []struct {
		name   string
		method string
		param  map[string]any
		code   string // "" for no note
	}{
		{"applyBindBankCard, good values", "applyBindBankCard", apply("p", ccbCredit, validName, validID, "13800000001", 7,
			map[string]any{"validate": "1229", "cvv2": "007", "unionBank": "103331000000"}), ""},
		{"applyBindBankCard, month 13", "applyBindBankCard", apply("p", ccbCredit, validName, validID, "13800000001", 7,
			map[string]any{"validate": "1329", "cvv2": "007"}), "10000"},
		{"applyBindBankCard, validate with a slash", "applyBindBankCard", apply("p", ccbCredit, validName, validID,
			"13800000001", 7, map[string]any{"validate": "12/29", "cvv2": "007"}), "10000"},
		{"applyBindBankCard, unionBank with letters", "applyBindBankCard", apply("p", abcCard, validName, validID,
			"13800000001", 7, map[string]any{"unionBank": "10333100000A"}), "40037"},
		{"bankCardChangeBindPhone, cvv2 of 2 digits", "bankCardChangeBindPhone", apply("p", ccbCredit, validName, validID,
			"13900000002", 7, map[string]any{"validate": "1229", "cvv2": "07"}), "10000"},
	} {
		for _, strict := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s, strict %v", tc.name, strict), func(t *testing.T) {
				et := newEnvTest(t, strict)
				et.person("p", validName, validID)
				et.withPhone("p", "13800000001")
				out := et.call(tc.method, tc.param)
				if tc.code == "" {
					require.Nil(t, out.Err)
					assert.Empty(t, out.Portability)
					return
				}
				msg := ""
				if strict {
					require.NotNil(t, out.Err)
					assert.Equal(t, tc.code, out.Err.Code)
					msg = out.Err.Message
				} else {
					require.Nil(t, out.Err)
					require.Len(t, out.Portability, 1)
					assert.Equal(t, []string{ruleParamFormat, tc.code}, []string{out.Portability[0].Rule, out.Portability[0].Code})
					msg = out.Portability[0].Message
				}
				assert.Contains(t, msg, "spec §4.1.")
				for _, secret := range []string{"validate", "cvv2"} {
					if v, ok := tc.param[secret].(string); ok {
						assert.NotContains(t, msg, v, "the %s itself is never shown", secret)
					}
				}
			})
		}
	}
}

// TestConfirmationFormats: bindBankCard and verifyBankCardChangeBindPhone
// note a malformed validate as applyBindBankCard does (spec §4.1.11,
// §4.1.26).
func TestConfirmationFormats(t *testing.T) {
	et := newEnvTest(t, false)
	et.person("p", validName, validID)
	et.withPhone("p", "13800000001")
	ap := et.ok("applyBindBankCard", apply("p", abcCard, validName, validID, "13800000001", 7, nil))
	out := et.call("bindBankCard", map[string]any{"bizUserId": "p", "tranceNum": ap["tranceNum"], "phone": "13800000001",
		"verificationCode": "111111", "validate": "0000"})
	require.Nil(t, out.Err)
	assert.Equal(t, []string{ruleParamFormat}, rules(out))
	assert.Contains(t, out.Portability[0].Message, "validate: spec §4.1.11")

	ch := et.ok("bankCardChangeBindPhone", apply("p", abcCard, validName, validID, "13900000002", 7, nil))
	out = et.call("verifyBankCardChangeBindPhone", map[string]any{"bizUserId": "p", "tranceNum": ch["tranceNum"],
		"phone": "13900000002", "verificationCode": "111111", "cvv2": "12a"})
	require.Nil(t, out.Err)
	assert.Equal(t, []string{ruleParamFormat}, rules(out))
	assert.Contains(t, out.Portability[0].Message, "cvv2: spec §4.1.26")
}

// TestCompanyUnionBankFormat: setCompanyInfo notes a unionBank that is
// not 12 digits (spec §5.4 line 12749), naming it in companyBasicInfo.
func TestCompanyUnionBankFormat(t *testing.T) {
	out := companyCall(t, newTest(), map[string]any{"unionBank": "1033310000", "authType": 2, "uniCredit": "9133"})
	require.Nil(t, out.Err)
	assert.Equal(t, []string{ruleParamFormat}, rules(out))
	assert.Equal(t, "40037", out.Portability[0].Code)
	assert.Contains(t, out.Portability[0].Message, "companyBasicInfo.unionBank: spec §5.4 wants 12 digits")
}

// TestCreditPhoneChangeStartNeedsBoth: bankCardChangeBindPhone of a credit
// card wants both validate and cvv2 (spec §4.1.25 lines 4299 and 4311: 信用卡必填),
// even with cardCheck 6, which binds a credit card with either (§6.18):
// noted required-param, 10001 with --strict and nothing pending.
func TestCreditPhoneChangeStartNeedsBoth(t *testing.T) {
	for _, strict := range []bool{false, true} {
		t.Run(fmt.Sprintf("strict %v", strict), func(t *testing.T) {
			et := newEnvTest(t, strict)
			et.person("p", validName, validID)
			et.withPhone("p", "13800000001")
			out := et.call("bankCardChangeBindPhone", apply("p", abcCredit, validName, validID, "13900000002", 6,
				map[string]any{"cvv2": "123"}))
			if strict {
				require.NotNil(t, out.Err)
				assert.Equal(t, "10001", out.Err.Code)
				assert.Contains(t, out.Err.Message, "validate: spec §4.1.25 requires it to start the phone change")
				et.e.view("a", func(a *app) { assert.Empty(t, a.members["p"].changes) })
				return
			}
			require.Nil(t, out.Err)
			assert.Equal(t, int64(cardCredit), out.Value["cardType"])
			assert.Equal(t, []string{ruleRequired}, rules(out))
		})
	}
}

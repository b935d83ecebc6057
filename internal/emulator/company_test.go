package emulator

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/internal/soa"
)

// TestVerifyResultCarriesEveryKey: the verifyResult notification always
// has bizUserId, result, checkTime, failReason and remark (PROTOCOL.md §5),
// the empty ones as "". A rejection's failReason is the platform-like
// 企业信息审核不通过 (§4.1.7: free text); the trigger that rejected it is
// said in the Outcome's Triggers (log line, journal), never on the wire.
func TestVerifyResultCarriesEveryKey(t *testing.T) {
	for _, tc := range []struct {
		name, company string
		result        int64
		failReason    string
		trigger       bool
	}{
		{"approved", "甲公司", auditApproved, "", false},
		{"rejected", "乙公司 reject", auditRejected, "企业信息审核不通过", true},
		{"rejected in Chinese", "丙公司驳回", auditRejected, "企业信息审核不通过", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newTest()
			_, serr := memberCall(t, e, "a", "createMember", map[string]any{"bizUserId": "e1", "memberType": 2, "source": 2})
			require.Nil(t, serr)
			out := e.Call(t.Context(), Request{SysID: "a", Service: soa.MemberService, Method: "setCompanyInfo",
				Param: map[string]any{"bizUserId": "e1", "isAuth": true,
					"backUrl": "http://merchant.test/e1", "companyBasicInfo": map[string]any{
						"companyName": tc.company, "legalName": "张三", "identityType": 1, "legalIds": "110101199001011237",
						"legalPhone": "13800000000", "accountNo": "6228480000000000000", "parentBankName": "中国农业银行"}}})
			answer, serr := out.Value, out.Err
			require.Nil(t, serr)
			if tc.trigger {
				require.Len(t, out.Triggers, 1)
				assert.Contains(t, out.Triggers[0], `setCompanyInfo of "e1" rejected by tsymock's automatic audit`)
				assert.Contains(t, out.Triggers[0], `companyName contains "reject" or "驳回"`)
			} else {
				assert.Empty(t, out.Triggers)
			}
			info, serr := memberCall(t, e, "a", "getMemberInfo", map[string]any{"bizUserId": "e1"})
			require.Nil(t, serr)
			if tc.failReason != "" {
				assert.Equal(t, tc.failReason, info["memberInfo"].(map[string]any)["failReason"], "getMemberInfo")
			}
			assert.Equal(t, map[string]any{"bizUserId": "e1", "result": tc.result, "failReason": tc.failReason, "remark": ""},
				answer, "the synchronous answer has the same keys (§7)")
			evs := e.TakeEvents()
			require.Len(t, evs, 1)
			assert.Equal(t, "verifyResult", evs[0].Method)
			assert.Equal(t, map[string]any{"bizUserId": "e1", "result": tc.result, "checkTime": "2026-11-28 12:00:00",
				"failReason": tc.failReason, "remark": ""}, evs[0].ReturnValue)
			assert.Empty(t, evs[0].Extra)
		})
	}
}

// TestRejectedAuditOfARulesDec2026cLog: an automatic rejection logged under
// RulesDec2026c replays with the failReason it had then, which named the
// trigger, in the state and the verifyResult notification.
func TestRejectedAuditOfARulesDec2026cLog(t *testing.T) {
	const legacyReason = "企业信息审核不通过 (tsymock: companyName contains \"reject\" or \"驳回\")"
	l := &memLog{}
	old := newKept(l)
	old.answerAs = RulesDec2026c
	enterprise(t, old, "app", "e1", "乙公司 reject")
	assert.Equal(t, legacyReason, lastEvent(t, old).ReturnValue["failReason"])

	r := l.replayInto(t)
	assert.Equal(t, snapshot(old, "app"), snapshot(r, "app"))
	assert.Equal(t, legacyReason, lastEvent(t, r).ReturnValue["failReason"])
	info, serr := memberCall(t, r, "app", "getMemberInfo", map[string]any{"bizUserId": "e1"})
	require.Nil(t, serr)
	assert.Equal(t, legacyReason, info["memberInfo"].(map[string]any)["failReason"])
}

package emulator

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestVerifyResultCarriesEveryKey: the verifyResult notification always
// has bizUserId, result, checkTime, failReason and remark (PROTOCOL.md §5),
// the empty ones as "".
func TestVerifyResultCarriesEveryKey(t *testing.T) {
	for _, tc := range []struct {
		name, company string
		result        int64
		failReason    string
	}{
		{"approved", "甲公司", auditApproved, ""},
		{"rejected", "乙公司 reject", auditRejected,
			"企业信息审核不通过 (tsymock: companyName contains \"reject\" or \"驳回\")"},
		{"rejected in Chinese", "丙公司驳回", auditRejected,
			"企业信息审核不通过 (tsymock: companyName contains \"reject\" or \"驳回\")"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newTest()
			_, serr := memberCall(t, e, "a", "createMember", map[string]any{"bizUserId": "e1", "memberType": 2, "source": 2})
			require.Nil(t, serr)
			answer, serr := memberCall(t, e, "a", "setCompanyInfo", map[string]any{"bizUserId": "e1", "isAuth": true,
				"backUrl": "http://merchant.test/e1", "companyBasicInfo": map[string]any{
					"companyName": tc.company, "legalName": "张三", "identityType": 1, "legalIds": "110101199001011237",
					"legalPhone": "13800000000", "accountNo": "6228480000000000000", "parentBankName": "中国农业银行"}})
			require.Nil(t, serr)
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

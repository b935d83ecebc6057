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
			enterprise(t, e, "a", "e1", tc.company)
			evs := e.TakeEvents()
			require.Len(t, evs, 1)
			assert.Equal(t, "verifyResult", evs[0].Method)
			assert.Equal(t, map[string]any{"bizUserId": "e1", "result": tc.result, "checkTime": "2026-11-28 12:00:00",
				"failReason": tc.failReason, "remark": ""}, evs[0].ReturnValue)
			assert.Empty(t, evs[0].Extra)
		})
	}
}

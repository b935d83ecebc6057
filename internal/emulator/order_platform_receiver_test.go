package emulator

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestPlatformReceivesNoCollection: a collection's recieverList (spec
// §5.8) and a payout's payee (§4.2.6 bizUserId: 支持个人会员、企业会员;
// §5.11) are members: naming the platform is 30059 收款人不能为平台 (§7),
// where a collection used to be taken and its money stranded in escrow,
// and a payout answered 30001. A batch item to the platform fails with it
// and is notified as failed items are.
func TestPlatformReceivesNoCollection(t *testing.T) {
	e := newTest()
	funded(t, e, 10_000, "buyer", "shop")
	ok(t, e, "agentCollectApply", collectFor("buyer", "k1", 100, 0, `{"bizUserId":"shop","amount":100}`))
	tests := []struct {
		name, method, param string
	}{
		{"collection for the platform", "agentCollectApply",
			collectFor("buyer", "k2", 100, 0, `{"bizUserId":"#yunBizUserId_B2C#","amount":100}`)},
		{"collection for a member and the platform", "agentCollectApply",
			collectFor("buyer", "k3", 100, 0, `{"bizUserId":"shop","amount":60},{"bizUserId":"#yunBizUserId_B2C#","amount":40}`)},
		{"payout to the platform", "signalAgentPay", payout("#yunBizUserId_B2C#", "p1", "k1", 100)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, serr := do(t, e, tt.method, tt.param)
			require.NotNil(t, serr)
			assert.Equal(t, "30059", serr.Code)
			assert.Contains(t, serr.Message, "收款人不能为平台")
		})
	}
	t.Run("batch item to the platform", func(t *testing.T) {
		ok(t, e, "batchAgentPay", `{"bizBatchNo":"B1","tradeCode":"4001","batchPayList":[`+payout("#yunBizUserId_B2C#", "b1", "k1", 100)+`]}`)
		evs := orderEvents(e, "b1")
		require.Len(t, evs, 1)
		assert.Equal(t, "30059", evs[0].ErrorCode)
	})
	all, _ := balance(t, e, "buyer")
	assert.EqualValues(t, 9_900, all, "only k1 was collected")
	ok(t, e, "signalAgentPay", payout("shop", "p2", "k1", 100))
}

package e2e

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/client"
)

// TestCollectionAmountIsSharesPlusFee: over the wire, a collection whose
// recieverList adds up to its amount (a fee on top of the shares is
// missing) is 40020, and one whose shares plus fee make the amount is
// taken and pays each receiver its whole share (spec §4.2.5, amount:
// 订单金额=收款列表总金额+手续费).
func TestCollectionAmountIsSharesPlusFee(t *testing.T) {
	c := orders(t)
	c.funded("payer", 10000)
	c.person("shop")
	_, err := c.AgentCollectApply(c.ctx, collect("payer", "k1", 1000, 10, client.Receiver{BizUserID: "shop", Amount: 1000}))
	code, msg := answerCode(t, err)
	assert.Equal(t, "40020", code)
	assert.Contains(t, msg, "§4.2.5")

	_, err = c.AgentCollectApply(c.ctx, collect("payer", "k1", 1010, 10, client.Receiver{BizUserID: "shop", Amount: 1000}))
	require.NoError(t, err)
	_, err = c.SignalAgentPay(c.ctx, payout("shop", "p1", "k1", 1000, 0))
	require.NoError(t, err)
	assert.Equal(t, []int64{8990, 1000}, c.balances("payer", "shop"), "the whole share reaches the receiver")
}

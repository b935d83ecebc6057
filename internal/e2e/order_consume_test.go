package e2e

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/client"
)

// TestConsumeWithSplitJourney: a balance payment with a split rule pays at
// once: the split receiver its share less its fee, the platform both fees
// in its standard balance set (spec §4.3.2 手续费: 资金入平台标准余额账户集),
// the receiver the rest; no money appears or vanishes.
func TestConsumeWithSplitJourney(t *testing.T) {
	c := orders(t)
	c.funded("payer", 10000)
	c.person("shop")
	c.person("agent")

	got, err := c.ConsumeApply(c.ctx, consume("payer", "shop", "c1", 6000, 100,
		client.SplitRule{BizUserID: "agent", Amount: 1000, Fee: 50}))
	require.NoError(t, err)
	assert.Equal(t, client.OrderResponse{PayStatus: client.PayStatusSuccess, BizUserID: "payer",
		OrderNo: got.OrderNo, BizOrderNo: "c1"}, *got)
	assert.Equal(t, []int64{4000, 4900, 950}, c.balances("payer", "shop", "agent"), "6000 - 100 fee - 1000 split = 4900; 1000 - 50 = 950")
	assert.Equal(t, int64(platformFunds-10000+150), c.platform(standardSet),
		"what funded the payer, plus the order's fee and the split's fee")
	assert.Zero(t, c.platform(escrowSet), "no fee in the order's set")

	detail, err := c.GetOrderDetail(c.ctx, "c1")
	require.NoError(t, err)
	assert.Equal(t, []any{client.OrderSucceeded, int64(6000), "payer", "2026-11-28 12:00:00"},
		[]any{detail.OrderStatus, detail.Amount, detail.BuyerBizUserID, detail.PayDatetime})

	c.consumed(consume("payer", client.PlatformBizUserID, "c2", 1000, 0))
	assert.Equal(t, int64(1000), c.platform(escrowSet), "the platform's member receives too, in the order's set")
	assert.Equal(t, []int64{3000, 4900, 950}, c.balances("payer", "shop", "agent"))
	assert.Equal(t, int64(10000), 3000+4900+950+c.platform(escrowSet)+c.platform(standardSet)-(platformFunds-10000),
		"conserved")
}

// TestConsumeRefusals: a split that does not fit, an unknown receiver and
// a short payer change nothing.
func TestConsumeRefusals(t *testing.T) {
	c := orders(t)
	c.funded("payer", 1000)
	c.person("shop")
	c.person("agent")
	for _, tc := range []struct {
		name string
		req  client.ConsumeApplyRequest
		code string
	}{
		{"split larger than what the fee leaves", consume("payer", "shop", "x1", 1000, 100,
			client.SplitRule{BizUserID: "agent", Amount: 901}), "40020"},
		{"split fee larger than its share", consume("payer", "shop", "x2", 1000, 0,
			client.SplitRule{BizUserID: "agent", Amount: 10, Fee: 11}), "40020"},
		{"unknown split receiver", consume("payer", "shop", "x3", 1000, 0,
			client.SplitRule{BizUserID: "ghost", Amount: 10}), "30058"},
		{"unknown receiver", consume("payer", "ghost", "x4", 100, 0), "30058"},
		{"unknown payer", consume("ghost", "shop", "x5", 100, 0), "30001"},
		{"more than the balance", consume("payer", "shop", "x6", 1001, 0), "40014"},
		{"from an unknown account set", func() client.ConsumeApplyRequest {
			r := consume("payer", "shop", "x7", 100, 0)
			r.PayMethod = client.Balance("999999", 100)
			return r
		}(), "30019"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := c.ConsumeApply(c.ctx, tc.req)
			assert.Equal(t, tc.code, apiCode(t, err))
		})
	}
	assert.Equal(t, []int64{1000, 0, 0}, c.balances("payer", "shop", "agent"))
	assert.Equal(t, int64(0), c.platform(escrowSet))
}

package e2e

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/client"
)

// TestRefundJourney: a consumption is refunded in two parts from the
// receiver to the payer, never more than what is left; the original shows
// status 5 and the refund names it.
func TestRefundJourney(t *testing.T) {
	c := orders(t)
	c.funded("payer", 10000)
	c.person("shop")
	c.consumed(consume("payer", "shop", "c1", 3000, 0))
	ori, err := c.GetOrderDetail(c.ctx, "c1")
	require.NoError(t, err)

	got, err := c.Refund(c.ctx, refund("payer", "r1", "c1", 1000))
	require.NoError(t, err)
	assert.Equal(t, client.RefundResponse{PayStatus: client.PayStatusSuccess, OrderNo: got.OrderNo, BizOrderNo: "r1",
		Amount: 1000}, *got)
	assert.Equal(t, []int64{8000, 2000}, c.balances("payer", "shop"))
	assert.Equal(t, client.OrderRefunded, c.status("c1"))
	detail, err := c.GetOrderDetail(c.ctx, "r1")
	require.NoError(t, err)
	assert.Equal(t, client.OrderDetail{OrderNo: got.OrderNo, BizOrderNo: "r1", OrderStatus: client.OrderSucceeded,
		Amount: 1000, PayDatetime: "2026-11-28 12:00:00", BuyerBizUserID: "payer", OriOrderNo: ori.OrderNo,
		OriBizOrderNo: "c1", RefundWhereabouts: client.RefundToBalance}, *detail, "a balance payment is refunded to the balance")

	_, err = c.Refund(c.ctx, refund("payer", "r2", "c1", 2001))
	assert.Equal(t, "40020", apiCode(t, err), "2000 is left to refund")
	_, err = c.Refund(c.ctx, refund("shop", "r2", "c1", 100))
	assert.Equal(t, "40022", apiCode(t, err), "the shop did not pay c1")
	_, err = c.Refund(c.ctx, refund("payer", "r1", "c1", 100))
	assert.Equal(t, "40017", apiCode(t, err), "the same bizOrderNo")

	_, err = c.Refund(c.ctx, refund("payer", "r2", "c1", 2000))
	require.NoError(t, err)
	assert.Equal(t, []int64{10000, 0}, c.balances("payer", "shop"))
	assert.Equal(t, client.OrderRefunded, c.status("c1"))
	_, err = c.Refund(c.ctx, refund("payer", "r3", "c1", 1))
	assert.Equal(t, "40020", apiCode(t, err), "nothing left to refund")
}

// TestRefundRefusals: only a succeeded deposit, consumption or collection
// is refunded; nothing moves otherwise.
func TestRefundRefusals(t *testing.T) {
	c := orders(t)
	c.funded("payer", 10000)
	c.person("shop")
	pending := consume("payer", "shop", "c-sms", 100, 0)
	pending.ValidateType = client.ValidateSMS
	got, err := c.ConsumeApply(c.ctx, pending)
	require.NoError(t, err)
	require.Equal(t, client.ValidateSMS, got.ValidateType)
	c.cardHolder("wendy")
	c.give("wendy", 500)
	_, err = c.WithdrawApply(c.ctx, withdraw("wendy", "w1", cardABC, 100, 0))
	require.NoError(t, err)

	for _, tc := range []struct {
		name, payer, ori, code string
	}{
		{"a pending order", "payer", "c-sms", "40041"},
		{"an unknown order", "payer", "nope", "40000"},
		{"a withdrawal", "wendy", "w1", "40039"},
	} {
		_, err := c.Refund(c.ctx, refund(tc.payer, "r-"+tc.code, tc.ori, 100))
		assert.Equal(t, tc.code, apiCode(t, err), tc.name)
		if tc.ori == "nope" { // the platform's own text, naming the param that holds it
			assert.ErrorContains(t, err, `订单不存在: oriBizOrderNo "nope", the order to refund`)
		}
	}
	assert.Equal(t, []int64{10000, 0, 400}, c.balances("payer", "shop", "wendy"))
}

// TestRefundOfDepositAndCollection: a deposit's refund leaves the member's
// balance for the card; a collection's comes out of escrow, and what is
// refunded can no longer be paid out.
func TestRefundOfDepositAndCollection(t *testing.T) {
	c := orders(t)
	c.cardHolder("dora")
	c.person("shop")
	c.deposited("dora", "d1", 5000, 0)
	_, err := c.Refund(c.ctx, refund("dora", "r1", "d1", 2000))
	require.NoError(t, err)
	assert.Equal(t, []int64{3000}, c.balances("dora"))
	assert.Equal(t, client.OrderRefunded, c.status("d1"))

	_, err = c.AgentCollectApply(c.ctx, collect("dora", "k1", 3000, 0, client.Receiver{BizUserID: "shop", Amount: 3000}))
	require.NoError(t, err)
	assert.Equal(t, []int64{0}, c.balances("dora"))
	_, err = c.Refund(c.ctx, refund("dora", "r2", "k1", 1000))
	require.NoError(t, err)
	assert.Equal(t, []int64{1000}, c.balances("dora"))
	_, err = c.SignalAgentPay(c.ctx, payout("shop", "p1", "k1", 2001, 0))
	assert.Equal(t, "40040", apiCode(t, err), "1000 of 3000 was refunded")
	_, err = c.SignalAgentPay(c.ctx, payout("shop", "p1", "k1", 2000, 0))
	require.NoError(t, err)
	assert.Equal(t, []int64{1000, 2000}, c.balances("dora", "shop"))
	r := refund("dora", "r3", "k1", 1)
	r.RefundList = []client.RefundItem{{BizUserID: "shop", Amount: 1}}
	_, err = c.Refund(c.ctx, r)
	assert.Equal(t, "40040", apiCode(t, err), "escrow holds nothing more of k1: what was paid out comes back from "+
		"shop's account set (TestRefundOfPaidOutCollection)")
}

package e2e

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/client"
)

// TestCollectThenPayOutJourney: a collection takes the payer's money into
// escrow (its fee to the platform); payouts take it out to the receivers
// it was collected for, with split rules, never more than it still holds.
func TestCollectThenPayOutJourney(t *testing.T) {
	c := orders(t)
	c.funded("payer", 10000)
	c.person("shop")
	c.person("agent")
	c.person("stranger")

	got, err := c.AgentCollectApply(c.ctx, collect("payer", "k1", 5100, 100,
		client.Receiver{BizUserID: "shop", Amount: 3000}, client.Receiver{BizUserID: "agent", Amount: 2000}))
	require.NoError(t, err)
	assert.Equal(t, client.PayStatusSuccess, got.PayStatus)
	assert.Equal(t, []int64{4900, 0, 0}, c.balances("payer", "shop", "agent"), "held in escrow")
	assert.Equal(t, int64(platformFunds-10000+100), c.platform(standardSet), "the collection fee (spec §4.3.2)")
	assert.Equal(t, client.OrderSucceeded, c.status("k1"))

	out, err := c.SignalAgentPay(c.ctx, payout("shop", "p1", "k1", 3000, 30,
		client.SplitRule{BizUserID: "agent", Amount: 500}))
	require.NoError(t, err)
	assert.Equal(t, client.SignalAgentPayResponse{PayStatus: client.PayStatusSuccess, OrderNo: out.OrderNo,
		BizOrderNo: "p1", PayWhereabouts: 1}, *out)
	assert.Equal(t, []int64{2470, 500}, c.balances("shop", "agent"), "3000 - 30 fee - 500 split")
	assert.Equal(t, int64(platformFunds-10000+130), c.platform(standardSet), "and the payout's")

	for _, tc := range []struct {
		name string
		req  client.SignalAgentPayRequest
		code string
	}{
		{"the shop's share is paid out", payout("shop", "p2", "k1", 1, 0), "40040"},
		{"more than agent's 2000", payout("agent", "p2", "k1", 2001, 0), "40040"},
		{"not collected for this member", payout("stranger", "p2", "k1", 1, 0), "40022"},
		{"not a collection", payout("agent", "p2", "p1", 1, 0), "40018"},
		{"an unknown collection", payout("agent", "p2", "nope", 1, 0), "40000"},
		{"the same bizOrderNo", payout("agent", "p1", "k1", 1, 0), "40017"},
	} {
		_, err := c.SignalAgentPay(c.ctx, tc.req)
		assert.Equal(t, tc.code, apiCode(t, err), tc.name)
	}

	_, err = c.SignalAgentPay(c.ctx, payout("agent", "p2", "k1", 2000, 0))
	require.NoError(t, err)
	assert.Equal(t, []int64{4900, 2470, 2500}, c.balances("payer", "shop", "agent"))
	assert.Zero(t, c.platform(escrowSet), "no fee in the escrow set")
	assert.Equal(t, int64(10000), 4900+2470+2500+c.platform(standardSet)-(platformFunds-10000), "escrow is empty, money conserved")
	_, err = c.SignalAgentPay(c.ctx, payout("agent", "p3", "k1", 1, 0))
	assert.Equal(t, "40040", apiCode(t, err), "nothing left")
}

// TestBatchPayOutJourney: a batch is accepted as a whole; each item is paid
// or fails on its own, as GetOrderDetail shows.
func TestBatchPayOutJourney(t *testing.T) {
	c := orders(t)
	c.funded("payer", 10000)
	c.person("shop")
	c.person("agent")
	_, err := c.AgentCollectApply(c.ctx, collect("payer", "k1", 4000, 0,
		client.Receiver{BizUserID: "shop", Amount: 2500}, client.Receiver{BizUserID: "agent", Amount: 1500}))
	require.NoError(t, err)

	items := []client.SignalAgentPayRequest{payout("shop", "b1", "k1", 2500, 25), payout("agent", "b2", "k1", 2000, 0)}
	for i := range items {
		items[i].TradeCode = "" // the batch's tradeCode is used
	}
	got, err := c.BatchAgentPay(c.ctx, client.BatchAgentPayRequest{BizBatchNo: "B1", BatchPayList: items, TradeCode: "4001"})
	require.NoError(t, err)
	assert.Equal(t, "B1", got.BizBatchNo)

	assert.Equal(t, client.OrderSucceeded, c.status("b1"))
	failed, err := c.GetOrderDetail(c.ctx, "b2")
	require.NoError(t, err)
	assert.Equal(t, client.OrderFailed, failed.OrderStatus, "agent asked 2000 of 1500")
	assert.Contains(t, failed.ErrorMessage, "代收订单金额不足")
	assert.Equal(t, []int64{6000, 2475, 0}, c.balances("payer", "shop", "agent"))
	assert.Equal(t, int64(platformFunds-10000+25), c.platform(standardSet), "b1's fee")

	_, err = c.BatchAgentPay(c.ctx, client.BatchAgentPayRequest{BizBatchNo: "B1", BatchPayList: items, TradeCode: "4001"})
	assert.Equal(t, "40017", apiCode(t, err), "the same bizBatchNo")

	_, err = c.BatchAgentPay(c.ctx, client.BatchAgentPayRequest{BizBatchNo: "B2", TradeCode: "4001",
		BatchPayList: []client.SignalAgentPayRequest{payout("agent", "b3", "k1", 1500, 0)}})
	require.NoError(t, err)
	assert.Equal(t, client.OrderSucceeded, c.status("b3"))
	assert.Equal(t, []int64{6000, 2475, 1500}, c.balances("payer", "shop", "agent"))
	assert.Equal(t, int64(10000), 6000+2475+1500+c.platform(standardSet)-(platformFunds-10000), "conserved")
}

// TestBatchRefusesATakenBizOrderNoOverHTTP: a batch with an item whose
// bizOrderNo an order has already, or an earlier item of the batch, is
// refused whole with 40017 (订单已经存在, spec §7) naming the item, and
// nothing is paid; the batch fixed and sent again with the same bizBatchNo
// pays and notifies every item (§3.7: 批量托管代付 每个托管代付订单分别通知;
// §4.2.7 note 3).
func TestBatchRefusesATakenBizOrderNoOverHTTP(t *testing.T) {
	ne := newNotifyEnv(t, fastNotify(2*time.Second))
	c := ne.orders(t)
	rcv := newReceiver(t, c.Client, nil)
	c.funded("payer", 10000)
	c.person("shop")
	_, err := c.AgentCollectApply(c.ctx, collect("payer", "k1", 4000, 0, client.Receiver{BizUserID: "shop", Amount: 4000}))
	require.NoError(t, err)
	item := func(no string) client.SignalAgentPayRequest {
		p := payout("shop", no, "k1", 1000, 0)
		p.BackURL = rcv.URL + "/notify"
		return p
	}
	tests := []struct {
		name  string
		items []client.SignalAgentPayRequest
		says  string
	}{
		{"an order's bizOrderNo", []client.SignalAgentPayRequest{item("b1"), item("k1")}, `batchPayList[1] bizOrderNo "k1" is an order already`},
		{"twice in the batch", []client.SignalAgentPayRequest{item("b1"), item("b2"), item("b1")}, `batchPayList[2] bizOrderNo "b1" is batchPayList[0]'s too`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := c.BatchAgentPay(c.ctx, client.BatchAgentPayRequest{BizBatchNo: "B1", BatchPayList: tc.items, TradeCode: "4001"})
			code, msg := answerCode(t, err)
			assert.Equal(t, "40017", code)
			assert.Contains(t, msg, tc.says)
			_, err = c.GetOrderDetail(c.ctx, "b1")
			assert.Equal(t, "40000", apiCode(t, err), "no item is paid or recorded")
			assert.Equal(t, []int64{6000, 0}, c.balances("payer", "shop"))
		})
	}

	got, err := c.BatchAgentPay(c.ctx, client.BatchAgentPayRequest{BizBatchNo: "B1", TradeCode: "4001",
		BatchPayList: []client.SignalAgentPayRequest{item("b1"), item("b2")}})
	require.NoError(t, err, "the bizBatchNo of a refused batch is free")
	assert.Equal(t, "B1", got.BizBatchNo)
	assert.Equal(t, []int64{6000, 2000}, c.balances("payer", "shop"))
	notified := byOrder(t, rcv.wait(t, 2))
	for _, no := range []string{"b1", "b2"} {
		require.Contains(t, notified, no)
		assert.Equal(t, "OK", notified[no].Status)
		assert.Equal(t, client.OrderSucceeded, c.status(no))
	}
}

package e2e

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/client"
	"github.com/tsymock/tsymock/mock"
)

// paidOut makes collection k1 of 1000 from payer for shop (600) and agent
// (400), and pays shop's 600 out into the escrow set.
func (c *orderClient) paidOut() {
	c.t.Helper()
	c.funded("payer", 1000)
	c.realNamed("shop") // receivers are real-named (spec §4.2.4 note 3)
	c.realNamed("agent")
	_, err := c.AgentCollectApply(c.ctx, collect("payer", "k1", 1000, 0,
		client.Receiver{BizUserID: "shop", Amount: 600}, client.Receiver{BizUserID: "agent", Amount: 400}))
	require.NoError(c.t, err)
	_, err = c.SignalAgentPay(c.ctx, payout("shop", "p1", "k1", 600, 0))
	require.NoError(c.t, err)
}

// TestRefundOfPaidOutCollection: a collection whose money was partly paid
// out is refunded as spec §4.2.16 (refundList (3)) and §5.9 say: a partial
// refund names where each part comes from (the receiver's account a payout
// paid, with its accountSetNo; a share still in escrow, without), and a
// full refund needs no refundList: the money goes back the way it came.
func TestRefundOfPaidOutCollection(t *testing.T) {
	c := orders(t)
	c.paidOut()
	assert.Equal(t, []int64{0, 600, 0}, c.balances("payer", "shop", "agent"))

	r := refund("payer", "r1", "k1", 300)
	r.RefundList = []client.RefundItem{{BizUserID: "shop", AccountSetNo: escrowSet, Amount: 200}, {BizUserID: "agent", Amount: 100}}
	_, err := c.Refund(c.ctx, r)
	require.NoError(t, err)
	assert.Equal(t, []int64{300, 400, 0}, c.balances("payer", "shop", "agent"))

	r = refund("payer", "r2", "k1", 100)
	r.RefundList = []client.RefundItem{{BizUserID: "shop", Amount: 100}}
	_, err = c.Refund(c.ctx, r)
	assert.Equal(t, "40040", apiCode(t, err), "shop's share was paid out: its refund names the account set it was paid to")

	_, err = c.SignalAgentPay(c.ctx, payout("agent", "p2", "k1", 301, 0))
	assert.Equal(t, "40040", apiCode(t, err), "100 of agent's 400 was refunded")

	_, err = c.Refund(c.ctx, refund("payer", "r3", "k1", 700))
	require.NoError(t, err, "a full refund of what is left needs no refundList")
	assert.Equal(t, []int64{1000, 0, 0}, c.balances("payer", "shop", "agent"))
	assert.Equal(t, client.OrderRefunded, c.status("k1"))
	assert.Empty(t, notedCalls(admin{t: t, base: c.env.URL}, mock.PortabilityAny), "every call here is one the platform takes")
}

// TestPartialCollectionRefundWithoutList: the specification requires
// refundList for a partial refund of a collection; tsymock takes the money
// back the way it came and notes the call (required-param), and with
// --strict answers 10001 as the real test environment would.
func TestPartialCollectionRefundWithoutList(t *testing.T) {
	c := orders(t)
	c.paidOut()
	_, err := c.Refund(c.ctx, refund("payer", "r1", "k1", 300))
	require.NoError(t, err)
	assert.Equal(t, []int64{300, 600}, c.balances("payer", "shop"), "from escrow: agent's share")
	_, err = c.SignalAgentPay(c.ctx, payout("agent", "p2", "k1", 101, 0))
	assert.Equal(t, "40040", apiCode(t, err), "agent's share is 100 now")
	noted := notedCalls(admin{t: t, base: c.env.URL}, "required-param")
	require.Len(t, noted, 1)
	assert.Equal(t, "refund", noted[0].Method)
	assert.Contains(t, noted[0].Portability[0].Message, "spec §4.2.16")

	e := demoEnv(t, func(cfg *mock.Config) { cfg.Strict = true })
	s := &orderClient{memberClient: &memberClient{Client: e.client(t), t: t, ctx: context.Background()}, env: e}
	s.paidOut()
	_, err = s.Refund(s.ctx, refund("payer", "r1", "k1", 300))
	assert.Equal(t, "10001", apiCode(t, err))
	assert.Equal(t, []int64{0, 600}, s.balances("payer", "shop"), "the refused refund moved nothing")
}

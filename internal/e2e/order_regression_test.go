package e2e

// Regression tests for behaviour first found wrong when the order journeys
// were written: fees given back by refunds, SMS pay limited to SMS orders,
// batch items inheriting tradeCode, and the quick-pay card's phone.

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/client"
)

// TestRefundReturnsTheFee: a full refund of an order with a fee, feeAmount
// naming the fee, gives the payer everything back: the receiver returns
// what it got, the platform its fee.
func TestRefundReturnsTheFee(t *testing.T) {
	c := orders(t)
	c.funded("payer", 1000)
	c.person("shop")
	c.consumed(consume("payer", "shop", "c1", 1000, 100))
	req := refund("payer", "r1", "c1", 1000)
	req.FeeAmount = 100
	_, err := c.Refund(c.ctx, req)
	require.NoError(t, err)
	assert.Equal(t, []int64{1000, 0}, c.balances("payer", "shop"))
	assert.Equal(t, int64(0), c.platform(escrowSet))
}

// TestFullRefundOfDepositWithFee: a deposit of 10000 with a fee of 100 can
// be refunded in full (the member holds 9900).
func TestFullRefundOfDepositWithFee(t *testing.T) {
	c := orders(t)
	c.cardHolder("dora")
	c.deposited("dora", "d1", 10000, 100)
	req := refund("dora", "r1", "d1", 10000)
	req.FeeAmount = 100
	_, err := c.Refund(c.ctx, req)
	require.NoError(t, err)
	assert.Equal(t, []int64{0}, c.balances("dora"))
}

// TestPayDoesNotCompleteAGatewayOrder: a gateway deposit is completed on
// its page, not by pay with an SMS code.
func TestPayDoesNotCompleteAGatewayOrder(t *testing.T) {
	c := orders(t)
	c.person("gina")
	req := deposit("gina", "g1", 5000, 0)
	req.ValidateType, req.PayMethod = client.ValidateNone, client.Gateway(5000)
	_, err := c.DepositApply(c.ctx, req)
	require.NoError(t, err)
	_, err = c.pay("gina", "g1", smsCode)
	assert.Error(t, err)
	assert.Equal(t, []int64{0}, c.balances("gina"))
}

// TestBatchItemsMayOmitTradeCode: tradeCode is a batch-level param of
// batchAgentPay; items without one are accepted.
func TestBatchItemsMayOmitTradeCode(t *testing.T) {
	c := orders(t)
	c.funded("payer", 1000)
	c.person("shop")
	_, err := c.AgentCollectApply(c.ctx, collect("payer", "k1", 1000, 0, client.Receiver{BizUserID: "shop", Amount: 1000}))
	require.NoError(t, err)
	item := map[string]any{"bizOrderNo": "b1", "collectPayList": []any{map[string]any{"bizOrderNo": "k1", "amount": 1000}},
		"bizUserId": "shop", "accountSetNo": escrowSet, "backUrl": backURL, "amount": 1000, "fee": 0}
	_, err = c.Call(c.ctx, "OrderService", "batchAgentPay", map[string]any{"bizBatchNo": "B1", "tradeCode": "4001",
		"batchPayList": []any{item}})
	require.NoError(t, err)
	assert.Equal(t, client.OrderSucceeded, c.status("b1"))
}

// TestResendPaySMSNamesTheCardPhone: a quick-pay code goes to the phone
// the bank holds for the card (phoneB here), not the member's phone.
func TestResendPaySMSNamesTheCardPhone(t *testing.T) {
	c := orders(t)
	c.cardHolder("dora")
	_, err := c.DepositApply(c.ctx, deposit("dora", "d1", 100, 0))
	require.NoError(t, err)
	got, err := c.ResendPaySMS(c.ctx, "d1")
	require.NoError(t, err)
	assert.Equal(t, phoneB, got.Phone)
}

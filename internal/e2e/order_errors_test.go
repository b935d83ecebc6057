package e2e

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/client"
)

// TestOrderErrors: the order errors a merchant must handle, each from the
// call that most often meets it; none of them moves money.
func TestOrderErrors(t *testing.T) {
	c := orders(t)
	c.funded("payer", 1000)
	c.person("shop")
	c.person("other")
	c.consumed(consume("payer", "shop", "c1", 100, 0))
	pending := consume("payer", "shop", "c-sms", 100, 0)
	pending.ValidateType = client.ValidateSMS
	_, err := c.ConsumeApply(c.ctx, pending)
	require.NoError(t, err)

	for _, tc := range []struct {
		name string
		call func() error
		code string
	}{
		{"duplicate bizOrderNo", func() error { return c.consume(consume("payer", "shop", "c1", 100, 0)) }, "40017"},
		{"duplicate bizOrderNo of a pending order", func() error { return c.consume(consume("payer", "shop", "c-sms", 1, 0)) }, "40017"},
		{"unknown order", func() error { _, err := c.GetOrderDetail(c.ctx, "nope"); return err }, "40000"},
		{"unknown order to pay", func() error { _, err := c.pay("payer", "nope", smsCode); return err }, "40000"},
		{"unknown order to close", func() error { _, err := c.CloseOrder(c.ctx, "nope"); return err }, "40000"},
		{"not enough balance", func() error { return c.consume(consume("payer", "shop", "c2", 901, 0)) }, "40014"},
		{"fee larger than amount", func() error { return c.consume(consume("payer", "shop", "c2", 100, 101)) }, "40016"},
		{"amount not positive", func() error { return c.consume(consume("payer", "shop", "c2", 0, 0)) }, "40020"},
		{"order and user mismatch", func() error { _, err := c.pay("other", "c-sms", smsCode); return err }, "40022"},
		{"unknown account set in queryBalance", func() error { _, err := c.QueryBalance(c.ctx, "payer", "999999"); return err }, "30019"},
		{"unknown account set in queryMerchantBalance", func() error { _, err := c.QueryMerchantBalance(c.ctx, "999999"); return err }, "30019"},
		{"unknown member", func() error { _, err := c.QueryBalance(c.ctx, "ghost", escrowSet); return err }, "30001"},
	} {
		assert.Equal(t, tc.code, apiCode(t, tc.call()), tc.name)
	}
	assert.Equal(t, []int64{900, 100}, c.balances("payer", "shop"))
	assert.Equal(t, client.OrderUnpaid, c.status("c-sms"), "still payable")
}

// TestOrderExpiresUnderTheClock: a pending order past its
// orderExpireDatetime, by the server's clock, shows closed and cannot be
// paid; an expiry that is not in the future is refused.
func TestOrderExpiresUnderTheClock(t *testing.T) {
	c := orders(t)
	c.funded("payer", 1000)
	c.person("shop")
	req := consume("payer", "shop", "c1", 100, 0)
	req.ValidateType, req.OrderExpireDatetime = client.ValidateSMS, "2026-11-28 12:05:00"
	_, err := c.ConsumeApply(c.ctx, req)
	require.NoError(t, err)

	c.env.Clock.Advance(5 * time.Minute)
	assert.Equal(t, client.OrderUnpaid, c.status("c1"), "12:05:00 is not yet past")
	c.env.Clock.Advance(time.Second)
	assert.Equal(t, client.OrderClosed, c.status("c1"))
	_, err = c.pay("payer", "c1", smsCode)
	assert.Equal(t, "40003", apiCode(t, err))
	_, err = c.pay("payer", "c1", smsCode)
	assert.Equal(t, "40004", apiCode(t, err), "once found expired, the order is closed")
	assert.Equal(t, []int64{1000, 0}, c.balances("payer", "shop"))

	req.BizOrderNo, req.OrderExpireDatetime = "c2", "2026-11-28 12:05:01"
	_, err = c.ConsumeApply(c.ctx, req)
	assert.Equal(t, "20015", apiCode(t, err), "not after the server's time")
}

// TestCloseOrder: an unpaid order closes and can no longer be paid; any
// other cannot be closed.
func TestCloseOrder(t *testing.T) {
	c := orders(t)
	c.funded("payer", 1000)
	c.person("shop")
	c.consumed(consume("payer", "shop", "c1", 100, 0))
	pending := consume("payer", "shop", "c2", 100, 0)
	pending.ValidateType = client.ValidateSMS
	got, err := c.ConsumeApply(c.ctx, pending)
	require.NoError(t, err)

	closed, err := c.CloseOrder(c.ctx, "c2")
	require.NoError(t, err)
	assert.Equal(t, client.CloseOrderResponse{CloseResult: 1, OrderStatus: client.OrderClosed, OrderNo: got.OrderNo, BizOrderNo: "c2"}, *closed)
	assert.Equal(t, client.OrderClosed, c.status("c2"))
	_, err = c.pay("payer", "c2", smsCode)
	assert.Equal(t, "40004", apiCode(t, err))
	_, err = c.CloseOrder(c.ctx, "c2")
	assert.Equal(t, "40019", apiCode(t, err), "already closed")
	_, err = c.CloseOrder(c.ctx, "c1")
	assert.Equal(t, "40019", apiCode(t, err), "paid")
	assert.Equal(t, []int64{900, 100}, c.balances("payer", "shop"))
}

// TestPayFindsTheMoneyGone: a balance payment confirmed by SMS is paid
// only at pay; if the payer spent the money meanwhile, pay answers
// payStatus fail and the order fails.
func TestPayFindsTheMoneyGone(t *testing.T) {
	c := orders(t)
	c.funded("payer", 1000)
	c.person("shop")
	pending := consume("payer", "shop", "c1", 800, 0)
	pending.ValidateType = client.ValidateSMS
	_, err := c.ConsumeApply(c.ctx, pending)
	require.NoError(t, err)
	c.consumed(consume("payer", "shop", "c2", 500, 0))

	got, err := c.pay("payer", "c1", smsCode)
	require.NoError(t, err)
	assert.Equal(t, client.PayStatusFail, got.PayStatus)
	assert.Contains(t, got.PayFailMessage, "账户余额不足")
	detail, err := c.GetOrderDetail(c.ctx, "c1")
	require.NoError(t, err)
	assert.Equal(t, client.OrderFailed, detail.OrderStatus)
	assert.Equal(t, got.PayFailMessage, detail.ErrorMessage)
	assert.Equal(t, []int64{500, 500}, c.balances("payer", "shop"))
}

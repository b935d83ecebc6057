package e2e

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/client"
)

// TestDepositAndPayJourney: a quick-pay deposit waits for the SMS code; a
// wrong code leaves it payable, the right one credits the member the amount
// less the fee, which goes to the platform; it cannot be paid twice.
func TestDepositAndPayJourney(t *testing.T) {
	c := orders(t)
	c.cardHolder("dora")

	got, err := c.DepositApply(c.ctx, deposit("dora", "d1", 10000, 100))
	require.NoError(t, err)
	assert.Equal(t, client.OrderResponse{OrderNo: got.OrderNo, BizOrderNo: "d1", TradeNo: got.OrderNo,
		ValidateType: client.ValidateSMS}, *got, "no payStatus nor bizUserId before the SMS code (spec §4.2.2)")
	assert.NotEmpty(t, got.OrderNo)
	assert.Equal(t, client.OrderUnpaid, c.status("d1"))

	sms, err := c.ResendPaySMS(c.ctx, "d1")
	require.NoError(t, err)
	assert.Equal(t, client.ResendPaySMSResponse{BizOrderNo: "d1", OrderNo: got.OrderNo, Phone: phoneB}, *sms, "the phone the bank holds for the quick-pay card")

	_, err = c.pay("dora", "d1", "000000")
	assert.Equal(t, "20011", apiCode(t, err), "a wrong code")
	assert.Equal(t, client.OrderUnpaid, c.status("d1"), "a wrong code can be retyped")
	all, _ := c.balance("dora")
	assert.Equal(t, int64(0), all)

	paid, err := c.pay("dora", "d1", smsCode)
	require.NoError(t, err)
	assert.Equal(t, client.PayResponse{PayStatus: client.PayStatusSuccess, BizUserID: "dora", BizOrderNo: "d1"}, *paid)
	assert.Equal(t, []int64{9900}, c.balances("dora"))
	assert.Equal(t, int64(platformFunds+100), c.platform(standardSet), "the fee, in the platform's standard balance set (spec §4.3.2)")
	assert.Zero(t, c.platform(escrowSet), "no fee in the deposit's set")

	detail, err := c.GetOrderDetail(c.ctx, "d1")
	require.NoError(t, err)
	assert.Equal(t, client.OrderDetail{OrderNo: got.OrderNo, BizOrderNo: "d1", OrderStatus: client.OrderSucceeded,
		Amount: 10000, PayDatetime: "2026-11-28 12:00:00", BuyerBizUserID: "dora", Acct: "622848*********0001",
		PayInterfaceOutTradeNo: "TSYMOCK" + got.OrderNo, ChannelFee: "0", ChannelPaytime: "20261128120000"}, *detail,
		"acct: the card paid with, masked (spec §4.2.19); 收银宝 quick pay's channel keys (rev. 2.0.9 item 3)")

	_, err = c.pay("dora", "d1", smsCode)
	assert.Equal(t, "40004", apiCode(t, err), "paying again")
	_, err = c.ResendPaySMS(c.ctx, "d1")
	assert.Equal(t, "40019", apiCode(t, err), "no code to resend for a paid order")
	assert.Equal(t, []int64{9900}, c.balances("dora"))
}

// TestDepositRefusals: quick pay needs a bound card; a deposit is not paid
// from a balance; the payMethod pays the order's amount.
func TestDepositRefusals(t *testing.T) {
	c := orders(t)
	c.cardHolder("dora")
	for _, tc := range []struct {
		name string
		edit func(*client.DepositApplyRequest)
		code string
	}{
		{"a card that is not bound", func(r *client.DepositApplyRequest) { r.PayMethod = client.QuickPay(cardICBC, r.Amount) }, "30045"},
		{"from a balance", func(r *client.DepositApplyRequest) { r.PayMethod = client.Balance(escrowSet, r.Amount) }, "40009"},
		{"payMethod amount differs", func(r *client.DepositApplyRequest) { r.PayMethod = client.QuickPay(cardABC, 99) }, "40005"},
		{"a method tsymock does not know", func(r *client.DepositApplyRequest) { r.PayMethod = client.PayWith("BOGUS", r.Amount) }, "40009"},
		{"an account set the application lacks", func(r *client.DepositApplyRequest) { r.AccountSetNo = "999999" }, "30019"},
		{"fee larger than amount", func(r *client.DepositApplyRequest) { r.Fee = 101 }, "40016"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req := deposit("dora", "d-"+tc.name, 100, 0)
			tc.edit(&req)
			_, err := c.DepositApply(c.ctx, req)
			assert.Equal(t, tc.code, apiCode(t, err))
		})
	}
	assert.Equal(t, []int64{0}, c.balances("dora"))
}

// TestQuickPayIsAlwaysConfirmed: a quick-pay deposit without validateType
// is still answered validateType 1, to be confirmed with Pay.
func TestQuickPayIsAlwaysConfirmed(t *testing.T) {
	c := orders(t)
	c.cardHolder("dora")
	req := deposit("dora", "d1", 500, 0)
	req.ValidateType = client.ValidateNone
	got, err := c.DepositApply(c.ctx, req)
	require.NoError(t, err)
	assert.Equal(t, []any{"", client.ValidateSMS}, []any{got.PayStatus, got.ValidateType}, "no payStatus with validateType 1 (spec §4.2.2)")
	_, err = c.pay("dora", "d1", smsCode)
	require.NoError(t, err)
	assert.Equal(t, []int64{500}, c.balances("dora"))
}

// TestGatewayDepositIsPending: gateway, scan and wallet H5 deposits need no card
// and are answered with a payInfo page that completes them, without
// payStatus: the client leaves a zero validateType out, whose default is 1
// (spec §4.2.2), and a QR code returns none anyway (spec §5.2).
func TestGatewayDepositIsPending(t *testing.T) {
	c := orders(t)
	c.person("gina")
	for _, pm := range []client.PayMethod{client.Gateway(5000), scanWeixin(5000), client.PayWith("ALLINPAY_WALLET_H5", 5000)} {
		for name := range pm {
			req := deposit("gina", "g-"+name, 5000, 0)
			req.PayMethod = pm
			got, err := c.DepositApply(c.ctx, req)
			require.NoError(t, err, name)
			assert.Empty(t, got.PayStatus, name)
			assert.Equal(t, c.env.URL+"/yungateway/frontTrans.do?orderNo="+got.OrderNo, got.PayInfo, name, "an absolute URL on the server")
			assert.Equal(t, client.OrderUnpaid, c.status("g-"+name), name)
		}
	}
	assert.Equal(t, []int64{0}, c.balances("gina"), "nothing arrives until the page completes")
}

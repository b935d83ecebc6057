package e2e

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/client"
	"github.com/tsymock/tsymock/internal/emulator"
	"github.com/tsymock/tsymock/mock"
)

// TestWithdrawJourney: a withdrawal to the bound card takes the amount from
// the balance (its fee to the platform's standard set); an unbound card, a short balance
// and a bank refusal take nothing.
func TestWithdrawJourney(t *testing.T) {
	c := orders(t)
	c.cardHolder("wendy")
	c.give("wendy", 10000)

	got, err := c.WithdrawApply(c.ctx, withdraw("wendy", "w1", cardABC, 3000, 100))
	require.NoError(t, err)
	assert.Equal(t, client.OrderResponse{PayStatus: client.PayStatusSuccess, BizUserID: "wendy", OrderNo: got.OrderNo,
		BizOrderNo: "w1"}, *got)
	assert.Equal(t, []int64{7000}, c.balances("wendy"))
	assert.Equal(t, int64(platformFunds-10000+100), c.platform(standardSet), "the fee, in the standard set (spec §4.3.2)")
	detail, err := c.GetOrderDetail(c.ctx, "w1")
	require.NoError(t, err)
	assert.Equal(t, []any{client.OrderSucceeded, int64(3000), "wendy"}, []any{detail.OrderStatus, detail.Amount, detail.BuyerBizUserID})

	_, err = c.WithdrawApply(c.ctx, withdraw("wendy", "w2", cardICBC, 1000, 0))
	assert.Equal(t, "30045", apiCode(t, err), "a card that is not bound")
	_, err = c.WithdrawApply(c.ctx, withdraw("wendy", "w2", cardABC, 7001, 0))
	assert.Equal(t, "40014", apiCode(t, err), "more than the balance")
	_, err = c.WithdrawApply(c.ctx, withdraw("wendy", "w2", cardABC, 100, 101))
	assert.Equal(t, "40016", apiCode(t, err), "fee larger than amount")
	_, err = c.WithdrawApply(c.ctx, withdraw("wendy", "w1", cardABC, 100, 0))
	assert.Equal(t, "40017", apiCode(t, err), "the same bizOrderNo")
	assert.Equal(t, []int64{7000}, c.balances("wendy"))

	refused := withdraw("wendy", "w2", cardABC, 1000, 0)
	refused.ExtendInfo = "please " + emulator.FailMarker
	got, err = c.WithdrawApply(c.ctx, refused)
	require.NoError(t, err)
	assert.Equal(t, client.PayStatusFail, got.PayStatus)
	assert.Contains(t, got.PayFailMessage, "支付失败")
	assert.Equal(t, client.OrderFailed, c.status("w2"))
	assert.Equal(t, []int64{7000}, c.balances("wendy"), "a refused withdrawal takes nothing")
}

// TestWithdrawConfirmedBySMS: with validateType 1 the withdrawal waits for
// Pay; the money leaves only then.
func TestWithdrawConfirmedBySMS(t *testing.T) {
	c := orders(t)
	c.cardHolder("wendy")
	c.give("wendy", 5000)
	req := withdraw("wendy", "w1", cardABC, 2000, 0)
	req.ValidateType = client.ValidateSMS
	got, err := c.WithdrawApply(c.ctx, req)
	require.NoError(t, err)
	assert.Equal(t, []any{"", int64(0), ""}, []any{got.PayStatus, got.ValidateType, got.TradeNo},
		"no payStatus before pay, and no validateType or tradeNo: not in the response table (spec §4.2.3)")
	assert.Equal(t, []int64{5000}, c.balances("wendy"))
	_, err = c.pay("wendy", "w1", smsCode)
	require.NoError(t, err)
	assert.Equal(t, []int64{3000}, c.balances("wendy"))
	assert.Equal(t, client.OrderSucceeded, c.status("w1"))
}

// TestPlatformWithdrawal: the platform withdraws from its own account
// (bizUserId #yunBizUserId_B2C#) to its corporate account, bankCardPro 1
// (spec §4.2.3), at once; without bankCardPro it is 10001.
func TestPlatformWithdrawal(t *testing.T) {
	c := orders(t)
	req := withdraw(client.PlatformBizUserID, "pw1", "1234567890123", 5000, 0)
	req.AccountSetNo = standardSet
	_, err := c.WithdrawApply(c.ctx, req)
	assert.Equal(t, "10001", apiCode(t, err), "bankCardPro is required for the platform")
	req.BankCardPro = 1
	a, err := c.WithdrawApply(c.ctx, req)
	require.NoError(t, err)
	assert.Equal(t, "success", a.PayStatus)
	assert.Equal(t, int64(platformFunds-5000), c.platform(standardSet))
	assert.Equal(t, client.OrderSucceeded, c.status("pw1"))

	// buyerBizUserId is the platform's uuid, as GET /__tsymock/apps shows it
	// (spec §4.2.18: 若平台返回大 B 的 uuid)
	var apps []mock.AppInfo
	admin{t: t, base: c.env.URL}.get("apps", &apps)
	require.Len(t, apps, 1)
	require.NotEmpty(t, apps[0].PlatformUserID)
	d, err := c.GetOrderDetail(c.ctx, "pw1")
	require.NoError(t, err)
	assert.Equal(t, apps[0].PlatformUserID, d.BuyerBizUserID)
}

// TestPlatformWithdrawalBySMSOverHTTP: the platform's withdrawal without
// validateType waits for pay with the SMS code (spec §4.2.3 validateType:
// 如不填，默认为短信验证码确认; 平台提现，只支持无验证和短线验证), which the
// platform sends as #yunBizUserId_B2C# (§4.2.8 bizUserId); resendPaySMS
// names the platform's phone (§4.2.25), and the success is notified and
// shown by getOrderDetail (§3.7: 提现 订单成功、订单失败; §4.2.19).
func TestPlatformWithdrawalBySMSOverHTTP(t *testing.T) {
	ne := newNotifyEnv(t, fastNotify(2*time.Second))
	c := ne.orders(t)
	rcv := newReceiver(t, c.Client, nil)
	p := map[string]any{"bizOrderNo": "pw1", "bizUserId": client.PlatformBizUserID, "accountSetNo": standardSet,
		"amount": 5000, "fee": 100, "backUrl": rcv.URL + "/notify", "bankCardNo": "1234567890123", "bankCardPro": 1,
		"industryCode": "1910", "industryName": "其他", "source": client.SourceMobile}
	got, err := sendSpec(t, c.Client, "OrderService.withdrawApply", p)
	require.NoError(t, err)
	for _, key := range []string{"payStatus", "bizUserId", "validateType", "tradeNo"} {
		assert.NotContains(t, got, key, "payStatus and bizUserId only for validateType 0 (spec §4.2.3)")
	}
	assert.Equal(t, "pw1", got["bizOrderNo"])
	assert.Equal(t, client.OrderUnpaid, c.status("pw1"))
	assert.Equal(t, int64(platformFunds), c.platform(standardSet), "nothing leaves before pay")

	sms, err := c.ResendPaySMS(c.ctx, "pw1")
	require.NoError(t, err)
	assert.Equal(t, emulator.PlatformPhone, sms.Phone)
	_, err = c.pay(client.PlatformBizUserID, "pw1", "000000")
	assert.Equal(t, "20011", apiCode(t, err), "a wrong code")
	paid, err := c.pay(client.PlatformBizUserID, "pw1", smsCode)
	require.NoError(t, err)
	assert.Equal(t, client.PayResponse{PayStatus: client.PayStatusSuccess, BizUserID: client.PlatformBizUserID, BizOrderNo: "pw1"}, *paid)
	assert.Equal(t, int64(platformFunds-5000+100), c.platform(standardSet), "the fee it pays itself stays")

	var apps []mock.AppInfo
	admin{t: t, base: c.env.URL}.get("apps", &apps)
	require.Len(t, apps, 1)
	n := byOrder(t, rcv.wait(t, 1))["pw1"]
	require.NotNil(t, n)
	assert.Equal(t, "OK", n.Status)
	o, err := n.Order()
	require.NoError(t, err)
	assert.Equal(t, []any{int64(5000), apps[0].PlatformUserID}, []any{o.Amount, o.BuyerBizUserID})
	d, err := c.GetOrderDetail(c.ctx, "pw1")
	require.NoError(t, err)
	assert.Equal(t, []any{client.OrderSucceeded, int64(5000), apps[0].PlatformUserID}, []any{d.OrderStatus, d.Amount, d.BuyerBizUserID})
}

// TestPlatformDeposit: the platform tops up its own account with its
// reserved bizUserId (spec §4.2.2) through the gateway; the order waits
// for its page as a member's does.
func TestPlatformDeposit(t *testing.T) {
	c := orders(t)
	req := deposit(client.PlatformBizUserID, "pd1", 5000, 0)
	req.AccountSetNo, req.ValidateType, req.PayMethod = standardSet, client.ValidateNone, client.Gateway(5000)
	_, err := c.DepositApply(c.ctx, req)
	require.NoError(t, err)
	assert.Equal(t, client.OrderUnpaid, c.status("pd1"))
}

package e2e

import (
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/client"
)

// pendingConsume is a balance payment of 3000 from a funded payer to shop,
// waiting for confirmation by validateType.
func (c *orderClient) pendingConsume(payer, bizOrderNo string, validateType int64, back string) {
	c.t.Helper()
	req := consume(payer, "shop", bizOrderNo, 3000, 0)
	req.ValidateType, req.BackURL = validateType, back
	got, err := c.ConsumeApply(c.ctx, req)
	require.NoError(c.t, err)
	answered := validateType
	if validateType != client.ValidateSMS {
		answered = 0 // only 1 is answered (spec §4.2.4: 返回值为"1")
	}
	require.Equal(c.t, answered, got.ValidateType)
}

// payPage is the signed URL of a payment page for sia's order.
func payPage(t *testing.T, c *orderClient, path, bizOrderNo, jump string) string {
	t.Helper()
	return mustPageURL(t, c, path, "OrderService", "pay",
		client.PayPageParams{BizUserID: "sia", BizOrderNo: bizOrderNo, JumpURL: jump, ConsumerIP: consumerIP})
}

// passwordPayer is sia, real-named, given 10000 and with the payment
// password 123456 set on its page, and shop to pay.
func passwordPayer(t *testing.T, c *orderClient, rcv *receiver) {
	t.Helper()
	c.realNamed("sia")
	c.give("sia", 10000)
	c.person("shop")
	returned(t, c.Client, press(t, mustPageURL(t, c, client.PageSetPayPwd, "MemberPwdService", "setPayPwd", pwdParams(rcv)),
		"confirm", url.Values{"password": {"123456"}, "password2": {"123456"}}), rcv.URL+"/jump")
}

// passwordOrderPage is sia's order c1 of 3000 to shop, waiting for sia's
// payment password (passwordPayer), and the signed URL of its payOrder.html
// returning to jump.
func passwordOrderPage(t *testing.T) (c *orderClient, rcv *receiver, jump, page string) {
	t.Helper()
	_, c, rcv = pagesEnv(t)
	jump = rcv.URL + "/jump"
	passwordPayer(t, c, rcv)
	c.pendingConsume("sia", "c1", client.ValidatePassword, rcv.URL+"/notify")
	return c, rcv, jump, payPage(t, c, client.PagePayOrder, "c1", jump)
}

// TestPayOrderPage: an order with validateType 2 is paid on payOrder.html
// with the payment password; a wrong one is shown on the page.
func TestPayOrderPage(t *testing.T) {
	c, rcv, jump, u := passwordOrderPage(t)
	opened := getPage(t, u)
	assert.Contains(t, opened.Body, "¥30.00")
	wrong := postPage(t, pageAt(t, u), url.Values{"token": {opened.token(t)}, "action": {"confirm"}, "password": {"999999"}})
	assert.Equal(t, "20010", wrong.Header.Get("X-Tsymock-Error-Code"))
	back := returned(t, c.Client, postPage(t, pageAt(t, u),
		url.Values{"token": {wrong.token(t)}, "action": {"confirm"}, "password": {"123456"}}), jump)

	assert.Equal(t, []string{"OrderService", "pay", "OK"}, []string{back.Service, back.Method, back.Status})
	o, err := back.Order()
	require.NoError(t, err)
	assert.Equal(t, []any{"c1", int64(3000), "sia"}, []any{o.BizOrderNo, o.Amount, o.BuyerBizUserID})
	assert.Equal(t, client.OrderSucceeded, c.status("c1"))
	assert.Equal(t, []int64{7000, 3000}, c.balances("sia", "shop"))
	var notified string // the order's, delivered before or after setPayPwd's
	for _, n := range rcv.wait(t, 2) {
		if n.Method == "pay" {
			notified = n.RPS
		}
	}
	assert.Equal(t, map[string]any{"payStatus": "success", "bizUserId": "sia"}, jumpExtras(t, back.RPS, notified),
		"backUrl gets what jumpUrl got, less the keys of the jumpUrl table (spec §4.2.10)")

	errorPage(t, getPage(t, u), "40004")
}

// TestFrontTransPage: an order with validateType 1 is paid on
// frontTrans.do with the SMS code; the fail button fails another, whose
// result goes back to the page's jumpUrl but not to backUrl (spec §4.2.15).
func TestFrontTransPage(t *testing.T) {
	_, c, rcv := pagesEnv(t)
	jump := rcv.URL + "/jump"
	c.funded("sia", 10000)
	c.person("shop")
	c.pendingConsume("sia", "c1", client.ValidateSMS, rcv.URL+"/notify")
	c.pendingConsume("sia", "c2", client.ValidateSMS, rcv.URL+"/notify")

	u := payPage(t, c, client.PageFrontTrans, "c1", jump)
	opened := getPage(t, u)
	assert.Contains(t, opened.Body, `name="verificationCode"`)
	wrong := postPage(t, pageAt(t, u), url.Values{"token": {opened.token(t)}, "action": {"confirm"}, "verificationCode": {"000000"}})
	assert.Equal(t, "20011", wrong.Header.Get("X-Tsymock-Error-Code"))
	ok := returned(t, c.Client, postPage(t, pageAt(t, u),
		url.Values{"token": {wrong.token(t)}, "action": {"confirm"}, "verificationCode": {smsCode}}), jump)
	assert.True(t, ok.OK())
	assert.Equal(t, client.OrderSucceeded, c.status("c1"))

	failed := returned(t, c.Client, press(t, payPage(t, c, client.PageFrontTrans, "c2", jump), "fail",
		url.Values{"message": {"余额不足"}}), jump)
	assert.Equal(t, []string{"error", "40006"}, []string{failed.Status, failed.ErrorCode})
	assert.Contains(t, failed.Message, "余额不足")
	assert.Equal(t, client.OrderFailed, c.status("c2"))
	assert.Equal(t, []int64{7000}, c.balances("sia"), "the failed order took nothing")
	assert.Equal(t, map[string][]string{"c1": {"OK"}}, c.notified())
	assert.Len(t, rcv.wait(t, 1), 1, "c1 reaches backUrl")
}

// TestGatewayPayInfoPage: a gateway, scan or wallet H5 deposit is completed on its
// payInfo link, which returns to the deposit's frontUrl.
func TestGatewayPayInfoPage(t *testing.T) {
	_, c, rcv := pagesEnv(t)
	front := rcv.URL + "/jump"
	c.person("gina")
	for i, pm := range []client.PayMethod{client.Gateway(5000), scanWeixin(5000), client.PayWith("ALLINPAY_WALLET_H5", 5000)} {
		req := deposit("gina", "g"+string(rune('1'+i)), 5000, 0)
		req.ValidateType, req.PayMethod, req.FrontURL, req.BackURL = client.ValidateNone, pm, front, rcv.URL+"/notify"
		got, err := c.DepositApply(c.ctx, req)
		require.NoError(t, err)
		require.NotEmpty(t, got.PayInfo)

		back := returned(t, c.Client, press(t, got.PayInfo, "confirm", url.Values{"verificationCode": {smsCode}}), front)
		o, err := back.Order()
		require.NoError(t, err)
		assert.Equal(t, req.BizOrderNo, o.BizOrderNo)
		errorPage(t, getPage(t, got.PayInfo), "40004")
	}
	assert.Equal(t, []int64{15000}, c.balances("gina"))
	assert.Len(t, rcv.wait(t, 3), 3)
}

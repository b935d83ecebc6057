package e2e

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/client"
)

// lockedPage checks an error page of 30022 with the spec's words.
func lockedPage(t *testing.T, p pageResp) {
	t.Helper()
	errorPage(t, p, "30022")
	assert.Contains(t, p.Body, "会员已锁定")
}

// TestLockedPayerPagesOverHTTP: a payer locked after the apply pays on no
// page (spec §4.1.15, lines 2735-2737: 会员被锁定后将无法创建订单…除解锁会员之外，
// 其它接口都将返回错误信息“会员已锁定”), as OrderService.pay and payOrder.html
// already refused it: frontTrans.do, signed or opened from the payInfo
// link, for a gateway or wallet H5 alone or with BALANCE, is the 30022
// error page when it opens, and its confirm button on a page opened
// before the lock is too. Nothing moves and nothing is notified; once
// unlocked the orders are paid.
func TestLockedPayerPagesOverHTTP(t *testing.T) {
	_, c, rcv := pagesEnv(t)
	jump := rcv.URL + "/jump"
	c.funded("sia", 10000)
	c.person("shop")
	apply := func(no string, pm client.PayMethod) *client.OrderResponse {
		t.Helper()
		req := consume("sia", "shop", no, 3000, 0)
		req.PayMethod, req.ValidateType, req.FrontURL, req.BackURL = pm, client.ValidateSMS, jump, rcv.URL+"/notify"
		got, err := c.ConsumeApply(c.ctx, req)
		require.NoError(t, err)
		return got
	}
	signed := func(no, code string) string {
		return mustPageURL(t, c, client.PageFrontTrans, "OrderService", "pay", client.PayPageParams{
			BizUserID: "sia", BizOrderNo: no, JumpURL: jump, ConsumerIP: "8.8.8.8", VerificationCode: code})
	}
	apply("ga", client.Gateway(3000))
	apply("cb", client.PayMethod{"GATEWAY_VSP": map[string]any{"amount": 1000, "paytype": "B2C"},
		"BALANCE": []client.BalanceItem{{AccountSetNo: escrowSet, Amount: 2000}}})
	wallet := apply("wl", client.PayWith("ALLINPAY_WALLET_H5", 3000))
	apply("gb", client.Gateway(3000))
	before := getPage(t, signed("gb", ""))
	require.Equal(t, http.StatusOK, before.Status, "%s", before.Body)

	_, err := c.LockMember(c.ctx, "sia")
	require.NoError(t, err)
	t.Run("opened", func(t *testing.T) {
		lockedPage(t, getPage(t, signed("ga", "")))
		lockedPage(t, getPage(t, signed("cb", smsCode)))
		lockedPage(t, getPage(t, wallet.PayPageURL()))
	})
	t.Run("confirmed on a page opened before the lock", func(t *testing.T) {
		lockedPage(t, postPage(t, pageAt(t, signed("gb", "")), url.Values{"token": {before.token(t)}, "action": {"confirm"}}))
	})

	_, err = c.UnlockMember(c.ctx, "sia")
	require.NoError(t, err)
	assert.Equal(t, []int64{10000, 0}, c.balances("sia", "shop"), "nothing moved")
	assert.Empty(t, c.notified(), "nothing notified")
	for _, no := range []string{"ga", "cb", "gb"} {
		assert.Equal(t, client.OrderUnpaid, c.status(no), no)
		back := returned(t, c.Client, press(t, signed(no, smsCode), "confirm", nil), jump)
		assert.True(t, back.OK(), back.RPS)
	}
	back := returned(t, c.Client, press(t, wallet.PayPageURL(), "confirm", nil), jump)
	assert.True(t, back.OK(), back.RPS)
	assert.Equal(t, []int64{8000, 12000}, c.balances("sia", "shop"), "paid once unlocked: cb's 2000 from the balance")
}

// TestLockedReceiverIsNotPaidOverHTTP: a consumption whose receiver was
// locked after the apply is not paid (spec §4.1.15, line 2735: 也不能收款):
// payOrder.html and frontTrans.do are the 30022 error page when they open
// and when their button is pressed on a page opened before the lock, and
// OrderService.pay is 30022; the message names the receiver. The orders
// wait, and are paid once it is unlocked.
func TestLockedReceiverIsNotPaidOverHTTP(t *testing.T) {
	_, c, rcv := pagesEnv(t)
	jump := rcv.URL + "/jump"
	passwordPayer(t, c, rcv)
	c.pendingConsume("sia", "pw", client.ValidatePassword, rcv.URL+"/notify")
	c.pendingConsume("sia", "sms", client.ValidateSMS, rcv.URL+"/notify")
	gw := consume("sia", "shop", "gw", 3000, 0)
	gw.PayMethod, gw.ValidateType, gw.FrontURL = client.Gateway(3000), client.ValidateSMS, jump
	_, err := c.ConsumeApply(c.ctx, gw)
	require.NoError(t, err)
	pwPage, gwPage := payPage(t, c, client.PagePayOrder, "pw", jump), payPage(t, c, client.PageFrontTrans, "gw", jump)
	pwOpen, gwOpen := getPage(t, pwPage), getPage(t, gwPage)
	require.Equal(t, []int{http.StatusOK, http.StatusOK}, []int{pwOpen.Status, gwOpen.Status})

	_, err = c.LockMember(c.ctx, "shop")
	require.NoError(t, err)
	t.Run("opened", func(t *testing.T) {
		lockedPage(t, getPage(t, pwPage))
		lockedPage(t, getPage(t, gwPage))
	})
	t.Run("confirmed on a page opened before the lock", func(t *testing.T) {
		lockedPage(t, postPage(t, pageAt(t, pwPage), url.Values{"token": {pwOpen.token(t)}, "action": {"confirm"},
			"password": {"123456"}}))
		lockedPage(t, postPage(t, pageAt(t, gwPage), url.Values{"token": {gwOpen.token(t)}, "action": {"confirm"}}))
	})
	t.Run("pay", func(t *testing.T) {
		code, msg := answerCode(t, func() error { _, err := c.pay("sia", "sms", smsCode); return err }())
		assert.Equal(t, "30022", code)
		assert.Contains(t, msg, "会员已锁定: order sms pays shop, which is locked")
	})

	_, err = c.UnlockMember(c.ctx, "shop")
	require.NoError(t, err)
	assert.Equal(t, []int64{10000, 0}, c.balances("sia", "shop"), "nothing moved")
	paid, err := c.pay("sia", "sms", smsCode)
	require.NoError(t, err)
	assert.Equal(t, client.PayStatusSuccess, paid.PayStatus)
	returned(t, c.Client, press(t, pwPage, "confirm", url.Values{"password": {"123456"}}), jump)
	returned(t, c.Client, press(t, gwPage, "confirm", nil), jump)
	assert.Equal(t, []int64{4000, 9000}, c.balances("sia", "shop"), "paid once unlocked (gw from outside)")
}

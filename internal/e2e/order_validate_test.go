package e2e

import (
	"encoding/json"
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/client"
)

// TestBalanceDefaultsToSMSOverHTTP: a consumption or collection paid by
// BALANCE/COUPON without validateType answers validateType 1 and waits for
// pay with the SMS code, the spec's default (spec §4.2.4, §4.2.5:
// 如不填，默认为短信验证码确认); validateType 0 completes it at once, as the Go
// client's zero ValidateType (ValidateNone, always sent) does.
func TestBalanceDefaultsToSMSOverHTTP(t *testing.T) {
	tests := []struct {
		name, method string
		payMethod    map[string]any
	}{
		{"consumption by balance", "consumeApply", body("BALANCE", []any{body("accountSetNo", escrowSet, "amount", 100)})},
		{"consumption by balance and coupon", "consumeApply",
			body("BALANCE", []any{body("accountSetNo", escrowSet, "amount", 60)}, "COUPON", body("amount", 40))},
		{"collection by balance", "agentCollectApply", body("BALANCE", []any{body("accountSetNo", escrowSet, "amount", 100)})},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, rcv := specEnv(t)
			got, err := sendSpec(t, c.Client, "OrderService."+tt.method, orderParam(tt.method, "o1", 100, tt.payMethod, rcv.URL+"/notify"))
			require.NoError(t, err)
			assert.Equal(t, json.Number("1"), got["validateType"])
			assert.NotContains(t, got, "payStatus", "only validateType 0 answers payStatus")
			assert.Equal(t, client.OrderUnpaid, c.status("o1"))
			paid, err := c.pay("buyer", "o1", smsCode)
			require.NoError(t, err)
			assert.Equal(t, client.PayStatusSuccess, paid.PayStatus)

			p := orderParam(tt.method, "o2", 100, tt.payMethod, rcv.URL+"/notify")
			p["validateType"] = 0
			now, err := sendSpec(t, c.Client, "OrderService."+tt.method, p)
			require.NoError(t, err)
			assert.Equal(t, client.PayStatusSuccess, now["payStatus"], "validateType 0 sent: at once")
		})
	}
	c, _ := specEnv(t)
	got, err := c.ConsumeApply(c.ctx, client.ConsumeApplyRequest{PayerID: "buyer", ReceiverID: "shop", BizOrderNo: "go",
		Amount: 100, BackURL: backURL, PayMethod: client.Balance(escrowSet, 100), IndustryCode: "1910",
		IndustryName: "其他", Source: client.SourceMobile})
	require.NoError(t, err)
	assert.Equal(t, client.PayStatusSuccess, got.PayStatus, "the Go client sends ValidateNone as 0")
}

// TestPagePaymentsRefusePayOverHTTP: a gateway or wallet-H5 order, alone or
// with a balance, is confirmed on its page (spec §4.2.9: 网关支付及包含网关
// 的组合支付，则以网页形式调用此前台地址; §5.2), never by OrderService.pay:
// 40028 even when applied for with validateType 1; its page then completes it.
func TestPagePaymentsRefusePayOverHTTP(t *testing.T) {
	balance := []any{body("accountSetNo", escrowSet, "amount", 40)}
	tests := []struct {
		name      string
		payMethod map[string]any
	}{
		{"gateway", body("GATEWAY_VSP", body("amount", 100, "paytype", "B2C"))},
		{"wallet H5", body("ALLINPAY_WALLET_H5", body("amount", 100))},
		{"gateway and balance", body("GATEWAY_VSP", body("amount", 60, "paytype", "B2C"), "BALANCE", balance)},
		{"wallet H5 and balance", body("ALLINPAY_WALLET_H5", body("amount", 60), "BALANCE", balance)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, rcv := specEnv(t)
			p := orderParam("consumeApply", "o1", 100, tt.payMethod, rcv.URL+"/notify")
			p["validateType"], p["frontUrl"] = 1, rcv.URL+"/front"
			got, err := sendSpec(t, c.Client, "OrderService.consumeApply", p)
			require.NoError(t, err)
			_, err = c.pay("buyer", "o1", smsCode)
			code, msg := answerCode(t, err)
			assert.Equal(t, "40028", code)
			assert.Contains(t, msg, "§4.2.9")
			assert.Equal(t, client.OrderUnpaid, c.status("o1"))
			press(t, got["payInfo"].(string), "confirm", url.Values{"verificationCode": {smsCode}})
			assert.Equal(t, client.OrderSucceeded, c.status("o1"))
		})
	}
}

// TestSMSCodeExpiresOverHTTP: an order's SMS code is valid 3 minutes by the
// server's clock (spec §6.16: 有效期 3 分钟): pay then answers 20011 saying
// the code expired and to call resendPaySMS, which sends a new one
// (§4.2.25: 过有效期，发新的验证码).
func TestSMSCodeExpiresOverHTTP(t *testing.T) {
	c, rcv := specEnv(t)
	for _, no := range []string{"o1", "o2"} {
		_, err := sendSpec(t, c.Client, "OrderService.consumeApply", orderParam("consumeApply", no, 100,
			body("BALANCE", []any{body("accountSetNo", escrowSet, "amount", 100)}), rcv.URL+"/notify"))
		require.NoError(t, err)
	}
	c.env.Clock.Advance(2*time.Minute + 59*time.Second)
	_, err := c.pay("buyer", "o1", smsCode)
	require.NoError(t, err, "still valid")

	c.env.Clock.Advance(time.Second)
	_, err = c.pay("buyer", "o2", smsCode)
	code, msg := answerCode(t, err)
	assert.Equal(t, "20011", code)
	assert.Contains(t, msg, "expired")
	assert.Contains(t, msg, "resendPaySMS")
	assert.Equal(t, client.OrderUnpaid, c.status("o2"))

	_, err = callJSON(t, c.Client, "OrderService.resendPaySMS", `{"bizOrderNo":"o2"}`)
	require.NoError(t, err)
	paid, err := c.pay("buyer", "o2", smsCode)
	require.NoError(t, err)
	assert.Equal(t, client.PayStatusSuccess, paid.PayStatus, "the new code")
}

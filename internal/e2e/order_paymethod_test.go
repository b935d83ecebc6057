package e2e

import (
	"encoding/json"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/client"
)

// TestPayMethodBodiesOverHTTP: each payMethod body is checked against spec
// §5.2, a missing key answered 10001 naming its path; a method the order
// does not take, or a key outside the spec, 40009 saying which.
func TestPayMethodBodiesOverHTTP(t *testing.T) {
	c, _ := specEnv(t)
	tests := []struct {
		name, method string
		payMethod    map[string]any
		code, msg    string
	}{
		{"quick pay without its card", "depositApply", body("QUICKPAY_VSP", body("amount", 100)),
			"10001", "参数不能为空: payMethod.QUICKPAY_VSP.bankCardNo"},
		{"a QR code without limitPay", "depositApply", body("SCAN_WEIXIN", body("amount", 100)),
			"10001", "参数不能为空: payMethod.SCAN_WEIXIN.limitPay"},
		{"WeChat H5 without its scene", "consumeApply", body("WECHATPAY_H5_OPEN", body("subAppId", "s", "amount", 100, "limitPay", "", "cusip", "1.2.3.4")),
			"10001", "payMethod.WECHATPAY_H5_OPEN.sceneInfo"},
		{"the gateway's paytype", "depositApply", body("GATEWAY_VSP", body("amount", 100, "paytype", "C2C")),
			"10000", "payMethod.GATEWAY_VSP.paytype must be one of B2C|B2B|B2C,B2B"},
		{"a deposit from a balance", "depositApply", body("BALANCE", []any{body("accountSetNo", escrowSet, "amount", 100)}),
			"40009", "payMethod BALANCE (账户余额) does not pay a depositApply order"},
		{"POSPAY", "consumeApply", body("POSPAY", body("amount", 100)), "40009", "the POS method is ORDER_VSPPAY"},
		{"two channels", "consumeApply", body("QQ_WALLET", body("amount", 50), "SCAN_UNIONPAY", body("amount", 50, "limitPay", "")),
			"10000", "does not combine"},
		{"amounts that do not add up", "agentCollectApply", body("COUPON", body("amount", 30),
			"BALANCE", []any{body("accountSetNo", escrowSet, "amount", 60)}), "40005", "pays 90 together, the order amount is 100"},
		// spec §5.2: each part is 支付金额; a negative one moved more than the order from the others
		{"a negative balance part", "consumeApply", body("BALANCE", []any{body("accountSetNo", escrowSet, "amount", -5),
			body("accountSetNo", escrowSet, "amount", 105)}), "40020", "payMethod.BALANCE[0].amount must be a positive number of fen, got -5"},
		{"a zero coupon", "consumeApply", body("COUPON", body("amount", 0), "BALANCE", []any{body("accountSetNo", escrowSet, "amount", 100)}),
			"40020", "payMethod.COUPON.amount"},
		{"WeChat H5's cusip over 16 (注：最大长度 16)", "consumeApply", body("WECHATPAY_H5_OPEN", body("subAppId", "s", "amount", 100,
			"limitPay", "", "cusip", "12345678901234567", "sceneInfo", "s")), "10004", "payMethod.WECHATPAY_H5_OPEN.cusip is 17 characters long"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := sendSpec(t, c.Client, "OrderService."+tt.method, orderParam(tt.method, "x", 100, tt.payMethod, backURL))
			code, msg := answerCode(t, err)
			assert.Equal(t, tt.code, code, msg)
			assert.Contains(t, msg, tt.msg)
		})
	}
}

// TestPayMethodBodiesTakenOverHTTP: what spec §5.2 lets a body send passes
// the wire: benefitdetail as the JSON object its type column says
// (JSONObject) as well as the JSON text its words say, and the WeChat mini
// program's cusip of any length (its table states none, where H5's, the
// scan's and JS's say 16).
func TestPayMethodBodiesTakenOverHTTP(t *testing.T) {
	c, _ := specEnv(t)
	goods := body("goods_detail", []any{body("goods_id", "g1", "quantity", 1, "price", 100)})
	tests := []struct {
		name      string
		payMethod map[string]any
	}{
		{"benefitdetail as an object", body("WECHATPAY_MINIPROGRAM", body("limitPay", "", "acct", "openid", "amount", 100,
			"benefitdetail", goods))},
		{"benefitdetail as a JSON text", body("WECHATPAY_MINIPROGRAM", body("limitPay", "", "acct", "openid", "amount", 100,
			"benefitdetail", `{"goods_detail":[{"goods_id":"g1","quantity":1,"price":100}]}`))},
		{"the mini program's cusip of 17", body("WECHATPAY_MINIPROGRAM_OPEN", body("wxAppId", "wxa", "wxMchtId", "m",
			"limitPay", "", "acct", "openid", "amount", 100, "cusip", "12345678901234567"))},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := sendSpec(t, c.Client, "OrderService.depositApply",
				orderParam("depositApply", "taken"+string(rune('a'+i)), 100, tt.payMethod, backURL))
			require.NoError(t, err)
			assert.NotEmpty(t, got["payInfo"])
		})
	}
}

// TestPayMethodFamiliesOverHTTP: one method of each family of spec §5.2
// goes on as the spec says: cards wait for the SMS code, wallets and QR
// codes for the payer (payInfo), a scanned code and a test amount of the
// WeChat app complete at once, a POS order hands out its payCode.
func TestPayMethodFamiliesOverHTTP(t *testing.T) {
	c, _ := specEnv(t)
	tests := []struct {
		name      string
		payMethod map[string]any
		amount    int64
		payStatus string // "": none in the answer (validateType 1, or paid outside: spec §4.2.2, §5.2)
		check     func(t *testing.T, got map[string]any)
	}{
		{"real-name pay", body("REALNAMEPAY", body("bankCardNo", cardRNP, "amount", 100)), 100, "",
			func(t *testing.T, got map[string]any) { assert.Equal(t, json.Number("1"), got["validateType"]) }},
		{"agreement pay", body("QUICKPAY_TLT", body("bankCardNo", cardTLT, "amount", 100)), 100, "",
			func(t *testing.T, got map[string]any) { assert.Equal(t, json.Number("1"), got["validateType"]) }},
		{"Alipay QR", body("SCAN_ALIPAY", body("amount", 100, "limitPay", "no_credit")), 100, "",
			func(t *testing.T, got map[string]any) {
				assert.Equal(t, c.env.URL+"/yungateway/frontTrans.do?orderNo="+got["orderNo"].(string), got["payInfo"])
			}},
		{"WeChat JS", body("WECHAT_PUBLIC", body("limitPay", "", "acct", "openid", "amount", 100)), 100, "",
			func(t *testing.T, got map[string]any) { assert.NotEmpty(t, got["payInfo"]) }},
		{"scanned code", body("CODEPAY_VSP", body("amount", 100, "authcode", "134567", "limitPay", "")), 100, client.PayStatusSuccess, nil},
		{"POS", body("ORDER_VSPPAY", body("amount", 100)), 100, "",
			func(t *testing.T, got map[string]any) { assert.Regexp(t, `^\d{6}$`, got["payCode"]) }},
		{"WeChat app, test amount 9", body("WECHATPAY_APP_OPEN", body("subAppId", "wx1", "amount", 9, "limitPay", "")), 9,
			"", func(t *testing.T, got map[string]any) {
				var info map[string]string
				require.NoError(t, json.Unmarshal([]byte(got["weChatAPPInfo"].(string)), &info))
				var weixin map[string]string
				require.NoError(t, json.Unmarshal([]byte(info["weixinstr"]), &weixin))
				assert.NotEmpty(t, weixin["prepayid"])
				assert.Equal(t, "wx1", weixin["appid"], "the subAppId sent (spec §5.2 line 10258, §5.13)")
			}},
		{"bank app", body("MOBILEAPPPAY_VSP", body("amount", 100)), 100, "", nil},
		// without validateType: the default 1 (spec §4.2.2), so no payStatus (its row: 仅交易验证方式为“0”时返回)
		{"wallet H5", body("ALLINPAY_WALLET_H5", body("amount", "100")), 100, "", nil},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			no := "f" + string(rune('a'+i))
			got, err := sendSpec(t, c.Client, "OrderService.depositApply", orderParam("depositApply", no, tt.amount, tt.payMethod, backURL))
			require.NoError(t, err)
			if tt.payStatus == "" {
				assert.NotContains(t, got, "payStatus")
			} else {
				assert.Equal(t, tt.payStatus, got["payStatus"])
			}
			if tt.check != nil {
				tt.check(t, got)
			}
		})
	}
	paid, err := c.pay("buyer", "fa", smsCode)
	require.NoError(t, err)
	assert.Equal(t, client.PayStatusSuccess, paid.PayStatus, "real-name pay takes the test environment's 111111")
}

// TestCombinedPaymentOverHTTP: a consumption paid by gateway, balance and
// coupon (spec §4.2.1 三, §5.2's example) waits for its page; once
// confirmed each part is taken from its source, and a refund gives the
// coupon and the channel back first.
func TestCombinedPaymentOverHTTP(t *testing.T) {
	c, rcv := specEnv(t)
	pm := body("GATEWAY_VSP", body("gateid", "0103", "payType", "B2C", "amount", 600),
		"BALANCE", []any{body("accountSetNo", escrowSet, "amount", 300)}, "COUPON", body("amount", 100))
	got, err := sendSpec(t, c.Client, "OrderService.consumeApply", orderParam("consumeApply", "c1", 1000, pm, rcv.URL+"/notify"))
	require.NoError(t, err)
	require.NotContains(t, got, "payStatus", "no validateType: the default 1 (spec §4.2.4), answered without payStatus")
	before := c.platform(marketingSet) // a COUPON without accountSetNo pays from the marketing set
	press(t, got["payInfo"].(string), "confirm", url.Values{"verificationCode": {smsCode}})
	ns := rcv.wait(t, 1)
	assert.True(t, ns[0].OK())
	assert.Equal(t, []int64{99700, 1000}, c.balances("buyer", "shop"))
	assert.Equal(t, before-100, c.platform(marketingSet), "the coupon came from the platform")

	_, err = c.Refund(c.ctx, client.RefundRequest{BizOrderNo: "r1", OriBizOrderNo: "c1", BizUserID: "buyer", Amount: 1000})
	code, msg := answerCode(t, err)
	assert.Equal(t, "40020", code)
	assert.Contains(t, msg, "can still give back 100 to its COUPON")
	r, err := c.Refund(c.ctx, client.RefundRequest{BizOrderNo: "r1", OriBizOrderNo: "c1", BizUserID: "buyer", Amount: 1000, CouponAmount: 100})
	require.NoError(t, err)
	assert.Equal(t, client.PayStatusSuccess, r.PayStatus)
	assert.Equal(t, []int64{100000, 0}, c.balances("buyer", "shop"))
	d, err := callJSON(t, c.Client, "OrderService.getOrderDetail", `{"bizOrderNo":"r1"}`)
	require.NoError(t, err)
	assert.Equal(t, json.Number("2"), d["refundWhereabouts"], "the gateway's part goes back to the card")
}

// TestWithdrawChannelsOverHTTP: withdrawApply takes an outbound channel of
// spec §5.2 (WITHDRAW_TLT when none is named) and refuses inbound ones.
func TestWithdrawChannelsOverHTTP(t *testing.T) {
	c, _ := specEnv(t)
	tests := []struct {
		name      string
		payMethod map[string]any
		code, msg string
	}{
		{"none", nil, "", ""},
		{"通联通代付", body("WITHDRAW_TLT", body("payTypeName", "withdraw_tlt")), "", ""},
		{"华通代付", body("WITHDRAW_HTBANK", body("subAcctNo", "s", "PAYEE_ACCT_NO", "1", "PAYEE_ACCT_NAME", "n", "AMOUNT", "1",
			"SIGNED_MSG_MER", "sig")), "", ""},
		{"payTypeName", body("WITHDRAW_TLT", body("payTypeName", "tlt")), "10000", "payMethod.WITHDRAW_TLT.payTypeName must be one of withdraw_tlt"},
		{"山东代付 without its bank", body("WITHDRAW_SD", body("amount", 100, "unionBank", "1")), "10001", "payMethod.WITHDRAW_SD.bankName"},
		{"a gateway", body("GATEWAY_VSP", body("amount", 100, "paytype", "B2C")), "40009", "does not pay a withdrawApply order"},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := sendSpec(t, c.Client, "OrderService.withdrawApply", withdrawParam("w"+string(rune('a'+i)), cardABC, 100, 0, backURL, tt.payMethod))
			if tt.code == "" {
				require.NoError(t, err)
				assert.Equal(t, client.PayStatusSuccess, got["payStatus"])
				return
			}
			code, msg := answerCode(t, err)
			assert.Equal(t, tt.code, code, msg)
			assert.Contains(t, msg, tt.msg)
		})
	}
}

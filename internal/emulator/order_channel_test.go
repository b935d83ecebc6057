package emulator

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestChannelKeysOfPaidOrders: an order paid through a channel other than
// ORDER_VSPPAY is notified (spec §4.2.15) and shown by getOrderDetail
// (§4.2.19) with the channel's keys, which revision 2.0.9 item 3 added for
// 收银宝 orders: the channel's serial (payInterfaceOutTradeNo, the
// reconciliation file's 渠道流水号), the wallet's trxcode (VSP501 WeChat,
// VSP511 Alipay, VSP551 UnionPay, VSP505 QQ; a scanned code's by its
// prefix), the sub-merchant an _ORG method names (cusid), the openid or
// user_id sent (acct), accttype for a 刷卡 payment; a native (_OPEN)
// channel only its serial and acct. A refund back to the channel
// carries the refund's trxcode (VSP503).
func TestChannelKeysOfPaidOrders(t *testing.T) {
	e := newTest()
	market(t, e)
	const absent = "-"
	wallet := func(key, body string) string { return `{"` + key + `":{"amount":100,` + body + `}}` }
	tests := []struct {
		name, payMethod string
		confirm         bool
		want            map[string]any // absent: the key is left out
	}{
		{"SCAN_WEIXIN", wallet("SCAN_WEIXIN", `"limitPay":""`), true,
			map[string]any{"payInterfacetrxcode": "VSP501", "cusid": absent, "acct": absent, "accttype": absent, "channelFee": "0"}},
		{"SCAN_WEIXIN_ORG", wallet("SCAN_WEIXIN_ORG", `"limitPay":"","vspCusid":"V1"`), true,
			map[string]any{"payInterfacetrxcode": "VSP501", "cusid": "V1"}},
		{"SCAN_ALIPAY", wallet("SCAN_ALIPAY", `"limitPay":""`), true, map[string]any{"payInterfacetrxcode": "VSP511"}},
		{"SCAN_UNIONPAY", wallet("SCAN_UNIONPAY", `"limitPay":""`), true, map[string]any{"payInterfacetrxcode": "VSP551"}},
		{"QQ_WALLET", wallet("QQ_WALLET", `"x":1`), true, map[string]any{"payInterfacetrxcode": "VSP505"}},
		{"WECHAT_PUBLIC", wallet("WECHAT_PUBLIC", `"limitPay":"","acct":"oUpF8"`), true,
			map[string]any{"payInterfacetrxcode": "VSP501", "acct": "oUpF8"}},
		{"ALIPAY_SERVICE", wallet("ALIPAY_SERVICE", `"acct":"2088102"`), true,
			map[string]any{"payInterfacetrxcode": "VSP511", "acct": "2088102"}},
		{"CODEPAY_VSP WeChat code", wallet("CODEPAY_VSP", `"limitPay":"","authcode":"134567890123456789"`), false,
			map[string]any{"payInterfacetrxcode": "VSP501", "accttype": "00"}},
		{"CODEPAY_VSP_ORG Alipay code", wallet("CODEPAY_VSP_ORG", `"limitPay":"","authcode":"284567890123456789","vspCusid":"V2"`), false,
			map[string]any{"payInterfacetrxcode": "VSP511", "accttype": "00", "cusid": "V2"}},
		{"GATEWAY_VSP", wallet("GATEWAY_VSP", `"paytype":"B2C"`), true,
			map[string]any{"payInterfacetrxcode": absent, "channelFee": "0", "accttype": absent}},
		{"QUICKPAY_VSP", `{"QUICKPAY_VSP":{` + card + `,"amount":100}}`, false,
			map[string]any{"payInterfacetrxcode": absent, "acct": "622848*********0001"}},
		{"WECHATPAY_APP_OPEN", wallet("WECHATPAY_APP_OPEN", `"limitPay":"","subAppId":"wxapp"`), true,
			map[string]any{"payInterfacetrxcode": absent, "channelPaytime": absent, "cusid": absent, "channelFee": absent}},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			no := "ch" + string(rune('a'+i))
			ok(t, e, "depositApply", orderParams("depositApply", "buyer", no, 100, tt.payMethod, `"validateType":0,"frontUrl":"http://127.0.0.1/f","goodsName":"cola",`))
			if tt.confirm {
				_, serr := e.ConfirmOrder("app", no)
				require.Nil(t, serr)
			}
			evs := orderEvents(e, no)
			require.Len(t, evs, 1)
			detail := ok(t, e, "getOrderDetail", byOrder(no))
			for name, v := range map[string]map[string]any{"notification": evs[0].ReturnValue, "getOrderDetail": detail} {
				assert.Equal(t, channelSerial(asStr(v["orderNo"])), v["payInterfaceOutTradeNo"], name)
				for k, want := range tt.want {
					if want == absent {
						assert.NotContains(t, v, k, name)
						continue
					}
					assert.Equal(t, want, v[k], "%s %s", name, k)
				}
			}
		})
	}
	t.Run("refund back to the channel", func(t *testing.T) {
		ok(t, e, "consumeApply", orderParams("consumeApply", "buyer", "cw", 100, wallet("WECHAT_PUBLIC", `"limitPay":"","acct":"oUpF8"`), ""))
		_, serr := e.ConfirmOrder("app", "cw")
		require.Nil(t, serr)
		ok(t, e, "refund", `{"bizOrderNo":"rw","oriBizOrderNo":"cw","bizUserId":"buyer","amount":100}`)
		v := ok(t, e, "getOrderDetail", byOrder("rw"))
		assert.Equal(t, "VSP503", v["payInterfacetrxcode"])
		assert.Equal(t, "oUpF8", v["acct"])
		assert.Equal(t, channelSerial(asStr(v["orderNo"])), v["payInterfaceOutTradeNo"])
	})
	t.Run("unpaid order has none", func(t *testing.T) {
		ok(t, e, "depositApply", orderParams("depositApply", "buyer", "cu", 100, wallet("SCAN_WEIXIN", `"limitPay":""`), ""))
		v := ok(t, e, "getOrderDetail", byOrder("cu"))
		assert.NotContains(t, v, "payInterfaceOutTradeNo")
		assert.NotContains(t, v, "payInterfacetrxcode")
	})
}

// trxCodeInFile is field 19, 渠道交易类型, of bizOrderNo's line in sysid's
// detail reconciliation file of 2026-11-28 (spec §4.3.2).
func trxCodeInFile(t *testing.T, e *Emulator, sysid, bizOrderNo string) string {
	t.Helper()
	text, err := e.CheckAccountFile(sysid, "20261128", false)
	require.NoError(t, err)
	for _, l := range strings.Split(text, "\n") {
		if f := strings.Split(l, "|"); len(f) == 22 && f[5] == bizOrderNo {
			return f[18]
		}
	}
	require.Failf(t, "no line", "%s in:\n%s", bizOrderNo, text)
	return ""
}

// TestCheckAccountTrxCode: the reconciliation file's 渠道交易类型 (spec
// §4.3.2: 透传渠道实际交易类型，针对收银宝入金交易才返回) is the
// payInterfacetrxcode getOrderDetail answers (§4.2.19) of a deposit, a
// consumption or a collection paid through 收银宝; empty for a 收银宝
// method whose code the spec does not list, a payment by balance, a native
// (_OPEN) wallet, a refund (no 入金, although its detail has VSP503) and a
// withdrawal.
func TestCheckAccountTrxCode(t *testing.T) {
	e := newTest()
	market(t, e)
	wallet := func(key, body string) string { return `{"` + key + `":{"amount":100,` + body + `}}` }
	balance := `{"BALANCE":[{"accountSetNo":"200126","amount":100}]}`
	tests := []struct {
		name, method, no, payMethod, extra string
		confirm                            bool
		want                               string
	}{
		{"a WeChat QR deposit", "depositApply", "d-wx", wallet("SCAN_WEIXIN", `"limitPay":""`), "", true, "VSP501"},
		{"a WeChat official-account consumption", "consumeApply", "c-wx",
			wallet("WECHAT_PUBLIC", `"limitPay":"","acct":"oUpF8"`), "", true, "VSP501"},
		{"an Alipay QR collection", "agentCollectApply", "k-ali", wallet("SCAN_ALIPAY", `"limitPay":""`), "", true, "VSP511"},
		{"a scanned UnionPay code", "consumeApply", "c-code",
			wallet("CODEPAY_VSP", `"limitPay":"","authcode":"624567890123456789"`), "", false, "VSP551"},
		{"a QQ wallet consumption", "consumeApply", "c-qq", wallet("QQ_WALLET", `"x":1`), "", true, "VSP505"},
		{"a quick-pay deposit (the spec lists no code)", "depositApply", "d-quick", `{"QUICKPAY_VSP":{` + card + `,"amount":100}}`,
			`"validateType":0,`, false, ""},
		{"a gateway consumption (the spec lists no code)", "consumeApply", "c-gw", wallet("GATEWAY_VSP", `"paytype":"B2C"`), "", true, ""},
		{"a native WeChat app payment (no 收银宝)", "consumeApply", "c-open",
			wallet("WECHATPAY_APP_OPEN", `"limitPay":"","subAppId":"wxapp"`), `"goodsName":"cola",`, true, ""},
		{"a balance consumption", "consumeApply", "c-bal", balance, `"validateType":0,`, false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ok(t, e, tt.method, orderParams(tt.method, "buyer", tt.no, 100, tt.payMethod, tt.extra))
			if tt.confirm {
				_, serr := e.ConfirmOrder("app", tt.no)
				require.Nil(t, serr)
			}
			assert.Equal(t, tt.want, asStr(ok(t, e, "getOrderDetail", byOrder(tt.no))["payInterfacetrxcode"]),
				"the file passes on getOrderDetail's")
			assert.Equal(t, tt.want, trxCodeInFile(t, e, "app", tt.no))
		})
	}
	t.Run("a refund back to WeChat", func(t *testing.T) {
		ok(t, e, "refund", `{"bizOrderNo":"r-wx","oriBizOrderNo":"c-wx","bizUserId":"buyer","amount":100}`)
		assert.Equal(t, "VSP503", ok(t, e, "getOrderDetail", byOrder("r-wx"))["payInterfacetrxcode"])
		assert.Empty(t, trxCodeInFile(t, e, "app", "r-wx"), "a refund is no 入金")
		assert.Equal(t, "VSP501", trxCodeInFile(t, e, "app", "c-wx"), "the refunded payment keeps its own")
	})
}

package emulator

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestPayInfoShapes: the WeChat JS and mini-program methods answer payInfo
// as the JSON of getBrandWCPayRequest (spec §4.2.2 payInfo: 微信公众号 JS 支
// 付：返回 json 字符串; §5.2's example's keys), Alipay's 生活号 as JSON with
// tradeNO, both with tsymock's page under PayURLKey; the QR, H5, QQ wallet,
// Alipay app and gateway methods answer the page itself.
func TestPayInfoShapes(t *testing.T) {
	wxKeys := []string{"appId", "timeStamp", "signType", "package", "nonceStr", "paySign", PayURLKey}
	// a mini-program's: WeChat's own order, as a captured 2020 answer has it
	miniKeys := []string{"appId", "timeStamp", "nonceStr", "package", "signType", "paySign", PayURLKey}
	tests := []struct {
		name, payMethod string
		keys            []string // nil: payInfo is the page
		appID           string
	}{
		{"WeChat 公众号", `{"WECHAT_PUBLIC":{"amount":100,"limitPay":"","acct":"o1"}}`, wxKeys, "wxTSYMOCK"},
		{"WeChat 公众号 with subAppid", `{"WECHAT_PUBLIC":{"amount":100,"limitPay":"","acct":"o1","subAppid":"wx42"}}`, wxKeys, "wx42"},
		{"WeChat 公众号, group", `{"WECHAT_PUBLIC_ORG":{"vspCusid":"c","amount":100,"limitPay":"","acct":"o1"}}`, wxKeys, "wxTSYMOCK"},
		{"WeChat native JS", `{"WECHATPAY_PUBLIC_OPEN":{"wxAppId":"wxA","wxMchtId":"m","amount":100,"limitPay":"","cusip":"8.8.8.8","acct":"o1"}}`,
			wxKeys, "wxA"},
		{"mini program", `{"WECHATPAY_MINIPROGRAM":{"amount":100,"limitPay":"","acct":"o1"}}`, miniKeys, "wxTSYMOCK"},
		{"mini program, group", `{"WECHATPAY_MINIPROGRAM_ORG":{"vspCusid":"c","amount":100,"limitPay":"","acct":"o1"}}`, miniKeys, "wxTSYMOCK"},
		{"native mini program", `{"WECHATPAY_MINIPROGRAM_OPEN":{"wxAppId":"wxM","wxMchtId":"m","amount":100,"limitPay":"","acct":"o1","cusip":"8.8.8.8"}}`,
			miniKeys, "wxM"},
		{"Alipay 生活号", `{"ALIPAY_SERVICE":{"amount":100,"acct":"2088"}}`, []string{"tradeNO", PayURLKey}, ""},
		{"Alipay 生活号, group", `{"ALIPAY_SERVICE_ORG":{"vspCusid":"c","amount":100,"acct":"2088"}}`, []string{"tradeNO", PayURLKey}, ""},
		{"WeChat QR code", `{"SCAN_WEIXIN":{"amount":100,"limitPay":""}}`, nil, ""},
		{"WeChat H5", `{"WECHATPAY_H5_OPEN":{"subAppId":"s","amount":100,"limitPay":"","cusip":"8.8.8.8","sceneInfo":"x"}}`, nil, ""},
		{"QQ wallet", `{"QQ_WALLET":{"amount":100}}`, nil, ""},
		{"gateway", `{"GATEWAY_VSP":{"amount":100,"paytype":"B2C"}}`, nil, ""},
		{"wallet H5", `{"ALLINPAY_WALLET_H5":{"amount":100}}`, nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newTest()
			market(t, e)
			out := call(t, e, "OrderService", "depositApply", orderParams("depositApply", "buyer", "d1", 100, tt.payMethod,
				`"frontUrl":"http://127.0.0.1/f",`))
			require.Nil(t, out.Err)
			info, _ := out.Value["payInfo"].(string)
			page := PayPagePath + out.Value["orderNo"].(string)
			if tt.keys == nil {
				assert.Equal(t, page, info)
				return
			}
			var v map[string]string
			require.NoError(t, json.Unmarshal([]byte(info), &v), info)
			assert.Len(t, v, len(tt.keys))
			prev := -1
			for _, k := range tt.keys {
				require.Contains(t, v, k)
				at := strings.Index(info, `"`+k+`"`)
				assert.Greater(t, at, prev, "%s in the example's order: %s", k, info)
				prev = at
			}
			assert.Equal(t, page, v[PayURLKey])
			if tt.appID != "" {
				assert.Equal(t, tt.appID, v["appId"])
				ts, err := strconv.ParseInt(v["timeStamp"], 10, 64)
				require.NoError(t, err)
				assert.Equal(t, e.Orders("app")[0].Created.Unix(), ts, "Unix seconds of the apply")
				if tt.keys[2] == "nonceStr" { // a mini program: RSA (the 2020 capture)
					assert.Regexp(t, `^prepay_id=wx\d{8}[0-9a-f]{26}$`, v["package"])
					assert.Regexp(t, `^[0-9a-f]{32}$`, v["nonceStr"])
					assert.Regexp(t, `^[A-Za-z0-9+/]{342}==$`, v["paySign"], "an RSA-2048 signature's length")
					assert.Equal(t, "RSA", v["signType"])
					return
				}
				assert.Regexp(t, `^prepay_id=wx\d{14}[0-9a-f]{20}$`, v["package"])
				assert.Regexp(t, `^[0-9A-F]{32}$`, v["paySign"])
				assert.Equal(t, "MD5", v["signType"], "§5.2's example of a 公众号 payment")
				return
			}
			assert.Regexp(t, `^\d{28}$`, v["tradeNO"])
		})
	}
}

// TestPageSMS: how frontTrans.do takes an order's SMS code (spec §4.2.9
// verificationCode, §5.2 gateway and wallet H5 notes (2), (3)).
func TestPageSMS(t *testing.T) {
	tests := []struct {
		name, method, payMethod, extra string
		want                           PageSMS
	}{
		{"gateway alone", "depositApply", `{"GATEWAY_VSP":{"amount":100,"paytype":"B2C"}}`, `"validateType":1,`, SMSNone},
		{"wallet H5 alone", "depositApply", `{"ALLINPAY_WALLET_H5":{"amount":100}}`, "", SMSNone},
		{"gateway and balance", "consumeApply",
			`{"GATEWAY_VSP":{"amount":60,"paytype":"B2C"},"BALANCE":[{"accountSetNo":"200126","amount":40}]}`, `"validateType":1,`, SMSParam},
		{"wallet H5 and coupon", "consumeApply", `{"ALLINPAY_WALLET_H5":{"amount":60},"COUPON":{"amount":40}}`, `"validateType":1,`, SMSParam},
		{"QR code", "depositApply", `{"SCAN_WEIXIN":{"amount":100,"limitPay":""}}`, "", SMSNone},
		{"quick pay", "depositApply", `{"QUICKPAY_VSP":{` + card + `,"amount":100}}`, `"validateType":1,`, SMSTyped},
		{"balance by SMS", "consumeApply", `{"BALANCE":[{"accountSetNo":"200126","amount":100}]}`, `"validateType":1,`, SMSTyped},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, _ := appliedO1(t, tt.method, tt.payMethod, tt.extra)
			o, serr := e.PendingOrder("app", "o1")
			require.Nil(t, serr)
			assert.Equal(t, tt.want, o.SMS)
		})
	}
}

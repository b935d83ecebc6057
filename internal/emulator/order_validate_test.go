package emulator

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/internal/clock"
	"github.com/tsymock/tsymock/internal/ids"
)

// payWith is pay of order no by the buyer with code.
func payWith(no, code string) string {
	return `{"bizUserId":"buyer","bizOrderNo":"` + no + `","verificationCode":"` + code + `","consumerIp":"10.1.1.1"}`
}

// TestValidateTypeDefault: left out, validateType is 1, SMS code
// confirmation (spec §4.2.2, §4.2.4, §4.2.5, §4.2.3: 如不填，默认为短信验证码
// 确认), for every method whose confirmation §5.2 lets the merchant
// choose: balances and coupons alone, quick pay, withdrawals; 0 sent
// completes at once. A scanned payment code (CODEPAY_VSP) takes none
// whatever is left out (§5.2: 仅支持“0-无验证”, validateType 不送), and a
// gateway or wallet page is confirmed on its page (§4.2.9), answering no
// payStatus unless 0 was sent (the answer tables: 仅交易验证方式为“0”时返回).
func TestValidateTypeDefault(t *testing.T) {
	const (
		balance = `{"BALANCE":[{"accountSetNo":"200126","amount":100}]}`
		coupon  = `{"COUPON":{"amount":100}}`
		both    = `{"BALANCE":[{"accountSetNo":"200126","amount":60}],"COUPON":{"amount":40}}`
		gateway = `{"GATEWAY_VSP":{"amount":100,"paytype":"B2C","vspCusid":"c"}}`
	)
	tests := []struct {
		name, method, payMethod, extra string
		payStatus                      any // nil: not answered
		validateType                   any // nil: not answered
		payCode                        string
	}{
		{"consumption by balance, none", "consumeApply", balance, "", nil, int64(1), ""},
		{"consumption by balance, 0", "consumeApply", balance, `"validateType":0,`, "success", nil, "40004"},
		{"consumption by balance, 1", "consumeApply", balance, `"validateType":1,`, nil, int64(1), ""},
		{"consumption by coupon, none", "consumeApply", coupon, "", nil, int64(1), ""},
		{"consumption by balance and coupon, none", "consumeApply", both, "", nil, int64(1), ""},
		{"consumption by balance and coupon, 0", "consumeApply", both, `"validateType":0,`, "success", nil, "40004"},
		{"collection by balance, none", "agentCollectApply", balance, "", nil, int64(1), ""},
		{"collection by balance, 0", "agentCollectApply", balance, `"validateType":0,`, "success", nil, "40004"},
		{"quick pay, none", "depositApply", `{"QUICKPAY_VSP":{` + card + `,"amount":100}}`, "", nil, int64(1), ""},
		{"quick pay, 0", "depositApply", `{"QUICKPAY_VSP":{` + card + `,"amount":100}}`, `"validateType":0,`, "success", nil, "40004"},
		{"agreement pay, 0 sent still by SMS", "consumeApply", `{"QUICKPAY_TLT":{` + tltCard + `,"amount":100}}`, `"validateType":0,`, nil, int64(1), ""},
		{"scanned code, none: at once", "consumeApply", `{"CODEPAY_VSP":{"amount":100,"authcode":"a","limitPay":""}}`, "", "success", nil, "40004"},
		{"gateway, none", "consumeApply", gateway, "", nil, nil, "40028"},
		{"gateway, 0", "consumeApply", gateway, `"validateType":0,`, "pending", nil, "40028"},
		{"QR code, none", "consumeApply", `{"SCAN_WEIXIN":{"amount":100,"limitPay":""}}`, "", nil, nil, "40028"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newTest()
			market(t, e)
			v := ok(t, e, tt.method, orderParams(tt.method, "buyer", "o1", 100, tt.payMethod, tt.extra))
			assert.Equal(t, tt.payStatus, v["payStatus"])
			assert.Equal(t, tt.validateType, v["validateType"])
			_, serr := do(t, e, "pay", payWith("o1", "111111"))
			if tt.payCode == "" {
				require.Nil(t, serr, "%v", serr)
				assert.EqualValues(t, statusSucceeded, e.Orders("app")[len(e.Orders("app"))-1].Status)
				return
			}
			require.NotNil(t, serr)
			assert.Equal(t, tt.payCode, serr.Code, serr.Message)
		})
	}
	t.Run("withdrawal, none", func(t *testing.T) {
		e := newTest()
		market(t, e)
		ok(t, e, "withdrawApply", withdrawParams("w", ""))
		ok(t, e, "pay", payWith("w", "111111"))
	})
}

// TestPayRefusesPageOrders: an order paid on a page (the gateway, the
// wallet's H5 page, instalments), alone or combined with balances and
// coupons, is confirmed on that page (spec §4.2.9: 网关支付及包含网关的组合
// 支付，则以网页形式调用此前台地址; §4.2.10; §5.2: 支付确认调用“确认支付
// （前台+短信验证码确认）”), never by pay with the SMS code: 40028 whatever
// validateType it was applied for with, and the order stays payable there.
func TestPayRefusesPageOrders(t *testing.T) {
	const part = `"BALANCE":[{"accountSetNo":"200126","amount":30}],"COUPON":{"amount":20}`
	methods := []struct{ name, payMethod string }{
		{"gateway", `{"GATEWAY_VSP":{"amount":100,"paytype":"B2C"}}`},
		{"group gateway", `{"GATEWAY_VSP_ORG":{"amount":100,"paytype":"B2C","vspCusid":"c"}}`},
		{"wallet H5", `{"ALLINPAY_WALLET_H5":{"amount":100}}`},
		{"gateway with balance and coupon", `{"GATEWAY_VSP":{"amount":50,"paytype":"B2C"},` + part + `}`},
		{"wallet H5 with balance and coupon", `{"ALLINPAY_WALLET_H5":{"amount":50},` + part + `}`},
		{"instalments", `{"InstallmentPayment_H5":{"nper":3,"channel":1,"amount":100,"bankCardNo":"` + ccbCredit + `"}}`},
	}
	for _, m := range methods {
		for _, vt := range []string{"", `"validateType":0,`, `"validateType":1,`} {
			t.Run(m.name+" "+vt, func(t *testing.T) {
				e := newTest()
				market(t, e)
				bindWith(t, e, "buyer", ccbCredit, 8)
				ok(t, e, "consumeApply", orderParams("consumeApply", "buyer", "o1", 100, m.payMethod,
					`"frontUrl":"http://127.0.0.1/f",`+vt))
				out := call(t, e, "OrderService", "pay", payWith("o1", "111111"))
				refused(t, out, "40028", "confirmed on its page", "§4.2.9")
				_, serr := e.ConfirmOrder("app", "o1")
				require.Nil(t, serr, "%v", serr)
			})
		}
	}
}

// TestSMSCodeExpires: an order's SMS code is valid 3 minutes by the
// emulator's clock (spec §6.16: 有效期 3 分钟); pay then answers 20011
// saying so. resendPaySMS sends the same code while it is valid, keeping
// its validity, and a new one, valid 3 minutes more, once it expired
// (spec §4.2.25: 验证码在有效期内，发原验证码，过有效期，发新的验证码); past the
// order's 30 minutes, pay no longer sends to resendPaySMS, which refuses.
func TestSMSCodeExpires(t *testing.T) {
	steps := []struct {
		name          string
		advance       time.Duration
		method, param string
		code, says    string
	}{
		{"2:59 after the apply", 2*time.Minute + 59*time.Second, "pay", payWith("a", "111111"), "", ""},
		{"another order's, 5:59 after the apply", 3 * time.Minute, "pay", payWith("b", "111111"), "20011", "expired"},
		{"a wrong code of an expired order", 0, "pay", payWith("b", "999999"), "20011", "resendPaySMS"},
		{"resent once expired", 0, "resendPaySMS", byOrder("b"), "", ""},
		{"the new code, 2:59 later", 2*time.Minute + 59*time.Second, "pay", payWith("b", "111111"), "", ""},
		{"another order", 0, "consumeApply", orderParams("consumeApply", "buyer", "c", 100,
			`{"BALANCE":[{"accountSetNo":"200126","amount":100}]}`, `"validateType":1,`), "", ""},
		{"resent while valid", time.Minute, "resendPaySMS", byOrder("c"), "", ""},
		{"the same code, valid from the apply", 2 * time.Minute, "pay", payWith("c", "111111"), "20011", "3 minutes after it was sent"},
		{"30 minutes after the apply, no resend", 30 * time.Minute, "pay", payWith("c", "111111"), "20011",
			"resendPaySMS sends none after 2026-11-28 12:38:58"},
		{"which resendPaySMS refuses", 0, "resendPaySMS", byOrder("c"), "40019", ""},
	}
	c := clock.NewManual(time.Date(2026, 11, 28, 4, 0, 0, 0, time.UTC))
	e := New(Config{Clock: c, IDs: ids.NewSeeded(1)})
	market(t, e)
	ok(t, e, "consumeApply", orderParams("consumeApply", "buyer", "a", 100, `{"BALANCE":[{"accountSetNo":"200126","amount":100}]}`, ""))
	ok(t, e, "depositApply", orderParams("depositApply", "buyer", "b", 100, `{"QUICKPAY_VSP":{`+card+`,"amount":100}}`, ""))
	for _, s := range steps {
		t.Run(s.name, func(t *testing.T) {
			c.Advance(s.advance)
			_, serr := do(t, e, s.method, s.param)
			if s.code == "" {
				require.Nil(t, serr, "%v", serr)
				return
			}
			require.NotNil(t, serr)
			assert.Equal(t, s.code, serr.Code)
			assert.Contains(t, serr.Message, s.says)
		})
	}
}

// TestGatewayPayType: the gateway's paytype is B2C, B2B or both, spelt
// "B2C,B2B" as §5.2 has it or "B2C, B2B" as §6.14 does (line 14277); with
// a gateid only one (§5.2).
func TestGatewayPayType(t *testing.T) {
	tests := []struct{ paytype, gateid, code string }{
		{"B2C", "", ""},
		{"B2B", "", ""},
		{"B2C,B2B", "", ""},
		{"B2C, B2B", "", ""},
		{"B2C, B2B", `,"gateid":"0105"`, "10000"},
		{"b2c", "", "10000"},
	}
	for _, tt := range tests {
		t.Run(tt.paytype+tt.gateid, func(t *testing.T) {
			e := newTest()
			market(t, e)
			pm := `{"GATEWAY_VSP":{"amount":100,"paytype":"` + tt.paytype + `"` + tt.gateid + `}}`
			out := call(t, e, "OrderService", "depositApply", orderParams("depositApply", "buyer", "d1", 100, pm, `"frontUrl":"http://127.0.0.1/f",`))
			refused(t, out, tt.code, "paytype")
		})
	}
}

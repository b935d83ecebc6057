package emulator

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/internal/clock"
	"github.com/tsymock/tsymock/internal/ids"
)

// call calls service.method of application "app" with params written as
// JSON, and returns the whole outcome, portability notes included.
func call(t testing.TB, e *Emulator, service, method, param string) Outcome {
	t.Helper()
	return e.Call(context.Background(), Request{SysID: "app", Service: service, Method: method, Param: decoded(t, param)})
}

// decoded is a param written as JSON, its numbers json.Number as the mock
// decodes req.
func decoded(t testing.TB, param string) map[string]any {
	t.Helper()
	p := map[string]any{}
	dec := json.NewDecoder(strings.NewReader(param))
	dec.UseNumber()
	require.NoError(t, dec.Decode(&p), param)
	return p
}

// newStrict is newTest with Config.Strict.
func newStrict() *Emulator {
	return New(Config{Clock: clock.NewManual(time.Date(2026, 11, 28, 4, 0, 0, 0, time.UTC)), IDs: ids.NewSeeded(1),
		Strict: true})
}

// newTestOrStrict is newStrict when strict, else newTest: for the tables
// that run each case both ways.
func newTestOrStrict(strict bool) *Emulator {
	if strict {
		return newStrict()
	}
	return newTest()
}

// order is an order method's params: the payer (payerId, or bizUserId of a
// deposit), bizOrderNo, amount, payMethod, and extra keys ("" or
// `"validateType":1,`).
func orderParams(method, payer, no string, amount int64, payMethod, extra string) string {
	who := fmt.Sprintf(`"payerId":%q,"recieverId":"shop",`, payer)
	switch method {
	case "depositApply":
		who = fmt.Sprintf(`"bizUserId":%q,"accountSetNo":"200126",`, payer)
	case "agentCollectApply":
		who = fmt.Sprintf(`"payerId":%q,"recieverList":[{"bizUserId":"shop","amount":%d}],"tradeCode":"1001",`, payer, amount)
	}
	return fmt.Sprintf(`{%s%s"bizOrderNo":%q,"amount":%d,"fee":0,"backUrl":"http://127.0.0.1/n","payMethod":%s,`+
		`"industryCode":"1910","industryName":"其他","source":1}`, who, extra, no, amount, payMethod)
}

// market is a funded payer "buyer" with three cards bound, one for each
// way the card methods take (spec §5.2, §6.18): card by cardCheck 7
// (QUICKPAY_VSP), tltCard by 6 (QUICKPAY_TLT), rnpCard by 3 (REALNAMEPAY,
// WITHHOLD_SD); and a receiver "shop".
func market(t *testing.T, e *Emulator) {
	t.Helper()
	onboard(t, e, "app", "buyer", "6228480000000000001")
	bindWith(t, e, "buyer", tltCardNo, checkAgreement)
	bindWith(t, e, "buyer", rnpCardNo, checkRealNamePay)
	ok(t, e, "applicationTransfer", `{"bizTransferNo":"fund","sourceAccountSetNo":"100001","targetBizUserId":"buyer","targetAccountSetNo":"200126","amount":100000}`)
	funded(t, e, 0, "shop")
	realNamed(t, e, "shop")
}

// The buyer's cards in market, as payMethod body keys.
const (
	card    = `"bankCardNo":"6228480000000000001"`
	tltCard = `"bankCardNo":"` + tltCardNo + `"`
	rnpCard = `"bankCardNo":"` + rnpCardNo + `"`
)

// TestPayMethodsByOrderType: each order method takes only the methods spec
// §5.2 lets it, and a key outside the spec is named (40009).
func TestPayMethodsByOrderType(t *testing.T) {
	tests := []struct {
		name, method, payMethod, message string
	}{
		{"deposit from a balance", "depositApply", `{"BALANCE":[{"accountSetNo":"200126","amount":100}]}`, "BALANCE (账户余额) does not pay a depositApply order"},
		{"deposit with a coupon", "depositApply", `{"COUPON":{"amount":100}}`, "COUPON"},
		{"deposit by a withdrawal channel", "depositApply", `{"WITHDRAW_SD":{"amount":100,"unionBank":"1","bankName":"b"}}`, "WITHDRAW_SD"},
		{"consume by a withdrawal channel", "consumeApply", `{"WITHDRAW_TLT":{"payTypeName":"withdraw_tlt"}}`, "it pays withdrawApply, crossBorderWithdrawApply orders"},
		{"POSPAY", "consumeApply", `{"POSPAY":{"amount":100}}`, `"POSPAY" is not a pay method of spec §5.2; the POS method is ORDER_VSPPAY`},
		{"a prefix", "depositApply", `{"QUICKPAY":{"amount":100}}`, "did you mean QUICKPAY_TLT?"},
		{"case", "depositApply", `{"quickpay_vsp":{"amount":100}}`, "did you mean QUICKPAY_VSP?"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newTest()
			market(t, e)
			out := call(t, e, "OrderService", tt.method, orderParams(tt.method, "buyer", "o1", 100, tt.payMethod, ""))
			require.NotNil(t, out.Err)
			assert.Equal(t, "40009", out.Err.Code)
			assert.Contains(t, out.Err.Message, tt.message)
		})
	}
}

// TestCombinedPayments: consumptions and collections combine one channel
// with BALANCE and COUPON (spec §4.2.1 三); the rest is 10000, amounts that
// do not add up 40005.
func TestCombinedPayments(t *testing.T) {
	const balance, coupon = `"BALANCE":[{"accountSetNo":"200126","amount":300}]`, `"COUPON":{"amount":200}`
	gateway := `"GATEWAY_VSP":{"amount":500,"paytype":"B2C","vspCusid":"c"}`
	tests := []struct {
		name, method, payMethod, code, message string
	}{
		{"deposit", "depositApply", `{` + gateway + `,"QQ_WALLET":{"amount":500}}`, "10000", "a depositApply order pays one way"},
		{"quick pay does not combine", "consumeApply", `{"QUICKPAY_VSP":{` + card + `,"amount":700},` + balance + `}`, "10000", "QUICKPAY_VSP does not combine"},
		{"two channels", "consumeApply", `{` + gateway + `,"REALNAMEPAY":{` + card + `,"amount":500}}`, "10000", "2 channel methods"},
		{"short", "consumeApply", `{` + gateway + `,` + balance + `}`, "40005", "pays 800 together, the order amount is 1000"},
		{"gateway, balance and coupon", "consumeApply", `{` + gateway + `,` + balance + `,` + coupon + `}`, "", ""},
		{"collection", "agentCollectApply", `{` + gateway + `,` + balance + `,` + coupon + `}`, "", ""},
		{"balance and coupon", "consumeApply", `{"BALANCE":[{"accountSetNo":"200126","amount":800}],` + coupon + `}`, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newTest()
			market(t, e)
			out := call(t, e, "OrderService", tt.method, orderParams(tt.method, "buyer", "o1", 1000, tt.payMethod, ""))
			if tt.code != "" {
				require.NotNil(t, out.Err)
				assert.Equal(t, tt.code, out.Err.Code)
				assert.Contains(t, out.Err.Message, tt.message)
				return
			}
			require.Nil(t, out.Err)
			if out.Value["payStatus"] != "success" {
				_, serr := e.ConfirmOrder("app", "o1")
				require.Nil(t, serr)
			}
			assert.EqualValues(t, statusSucceeded, e.Orders("app")[0].Status)
		})
	}
}

// TestCombinedPaymentMoney: a combined consumption takes each part from
// its source (the channel from outside, the balance from the payer, the
// coupon from the platform), and a refund gives the coupon part back to the
// coupon and the channel before the balance (spec §4.2.16 notes 7, 10).
func TestCombinedPaymentMoney(t *testing.T) {
	e := newTest()
	market(t, e)
	pm := `{"GATEWAY_VSP":{"amount":500,"paytype":"B2C","vspCusid":"c"},"BALANCE":[{"accountSetNo":"200126","amount":300}],"COUPON":{"amount":200}}`
	v := ok(t, e, "consumeApply", orderParams("consumeApply", "buyer", "c1", 1000, pm, `"validateType":0,`))
	assert.Equal(t, "pending", v["payStatus"])
	assert.Equal(t, PayPagePath+v["orderNo"].(string), v["payInfo"])
	platform := func() int64 {
		return ok(t, e, "queryMerchantBalance", `{"accountSetNo":"2000000"}`)["allAmount"].(int64) // coupons: the marketing set
	}
	before := platform()
	_, serr := e.ConfirmOrder("app", "c1")
	require.Nil(t, serr)
	buyer, _ := balance(t, e, "buyer")
	shop, _ := balance(t, e, "shop")
	assert.Equal(t, []int64{99700, 1000, before - 200}, []int64{buyer, shop, platform()})
	assert.Equal(t, "GATEWAY_VSP+BALANCE+COUPON", e.Orders("app")[0].PayMethod)

	assert.Equal(t, "40020", code(t, e, "refund", `{"bizOrderNo":"r0","oriBizOrderNo":"c1","bizUserId":"buyer","amount":1000}`),
		"the coupon's part is named in couponAmount")
	r := ok(t, e, "refund", `{"bizOrderNo":"r1","oriBizOrderNo":"c1","bizUserId":"buyer","amount":900,"couponAmount":200}`)
	assert.Equal(t, "success", r["payStatus"])
	buyer, _ = balance(t, e, "buyer")
	assert.Equal(t, []int64{99900, before}, []int64{buyer, platform()}, "coupon 200, channel 500, then balance 200")
	d := ok(t, e, "getOrderDetail", `{"bizOrderNo":"r1"}`)
	assert.EqualValues(t, toChannel, d["refundWhereabouts"])
}

// TestConfirmations: how each kind of method goes on after its apply
// (spec §5.2): the validateType it takes, and what the answer hands over.
// payStatus, payFailMessage and bizUserId come only with validateType 0
// (the response tables of spec §4.2.2, §4.2.4, §4.2.5), never with a
// method the payer pays outside (§5.2: 不返回 payStatus): payStatus ""
// is their absence.
func TestConfirmations(t *testing.T) {
	tests := []struct {
		name, payMethod, extra string
		code                   string
		payStatus              string // "": not in the answer
		key                    string // an answer key that must be there
	}{
		{"quick pay, no SMS", `{"QUICKPAY_VSP":{` + card + `,"amount":100}}`, `"validateType":0,`, "", "success", ""},
		{"quick pay, SMS", `{"QUICKPAY_VSP":{` + card + `,"amount":100}}`, `"validateType":1,`, "", "", "validateType"},
		{"quick pay, password", `{"QUICKPAY_VSP":{` + card + `,"amount":100}}`, `"validateType":2,`, "40028", "", ""},
		{"real-name pay", `{"REALNAMEPAY":{` + rnpCard + `,"amount":100}}`, "", "", "", "validateType"},
		{"scanned code", `{"CODEPAY_VSP":{"amount":100,"authcode":"a","limitPay":""}}`, "", "", "success", ""},
		{"scanned code with SMS", `{"CODEPAY_VSP":{"amount":100,"authcode":"a","limitPay":""}}`, `"validateType":1,`, "40028", "", ""},
		{"gateway with a password", `{"GATEWAY_VSP":{"amount":100,"paytype":"B2C","vspCusid":"c"}}`, `"validateType":2,`, "40028", "", ""},
		{"gateway without validation", `{"GATEWAY_VSP":{"amount":100,"paytype":"B2C","vspCusid":"c"}}`, `"validateType":0,`, "", "pending", "payInfo"},
		// left out, validateType is 1 (spec §4.2.2: 如不填，默认为短信验证码确认): no payStatus
		{"gateway", `{"GATEWAY_VSP":{"amount":100,"paytype":"B2C","vspCusid":"c"}}`, "", "", "", "payInfo"},
		{"QR code", `{"SCAN_ALIPAY":{"amount":100,"limitPay":"no_credit"}}`, "", "", "", "payInfo"},
		{"POS", `{"ORDER_VSPPAY":{"amount":100}}`, "", "", "", "payCode"},
		{"WeChat app", `{"WECHATPAY_APP_OPEN":{"subAppId":"s","amount":9,"limitPay":""}}`, `"goodsName":"g",`, "", "", "weChatAPPInfo"},
		{"WeChat app without goodsName (spec §4.2.2, line 4889)", `{"WECHATPAY_APP_OPEN":{"subAppId":"s","amount":9,"limitPay":""}}`,
			"", "10001", "", ""},
		{"bank app", `{"MOBILEAPPPAY_VSP":{"amount":100}}`, "", "", "", ""},
		{"instalments need a credit card", `{"InstallmentPayment_H5":{"nper":3,"channel":1,"amount":100,` + card + `}}`, "", "30040", "", ""},
		{"a card of someone else", `{"WITHHOLD_SD":{"bankCardNo":"6228480000000000009","amount":100}}`, "", "30045", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newTest()
			market(t, e)
			amount := int64(100)
			if strings.Contains(tt.payMethod, `"amount":9}`) || strings.Contains(tt.payMethod, `"amount":9,`) {
				amount = 9
			}
			out := call(t, e, "OrderService", "depositApply", orderParams("depositApply", "buyer", "d1", amount, tt.payMethod, tt.extra))
			if tt.code != "" {
				require.NotNil(t, out.Err)
				assert.Equal(t, tt.code, out.Err.Code, out.Err.Message)
				return
			}
			require.Nil(t, out.Err)
			if tt.payStatus == "" {
				for _, k := range []string{"payStatus", "payFailMessage"} {
					assert.NotContains(t, out.Value, k)
				}
				if strings.Contains(tt.extra, `"validateType":0`) {
					assert.Equal(t, "buyer", out.Value["bizUserId"], "validateType 0: the payer (a captured 2020 WeChat collection)")
				}
			} else {
				assert.Equal(t, tt.payStatus, out.Value["payStatus"])
			}
			if tt.key != "" {
				assert.NotEmpty(t, out.Value[tt.key], "%v", out.Value)
			}
		})
	}
}

// TestPOSPayCodeAndRefund: an ORDER_VSPPAY answer carries the 6-digit code
// a POS takes; such an order refunds on the terminal only (40039).
func TestPOSPayCodeAndRefund(t *testing.T) {
	e := newTest()
	market(t, e)
	v := ok(t, e, "consumeApply", orderParams("consumeApply", "buyer", "p1", 100, `{"ORDER_VSPPAY":{"amount":100}}`, ""))
	assert.Regexp(t, `^\d{6}$`, v["payCode"])
	_, serr := e.ConfirmOrder("app", "p1")
	require.Nil(t, serr)
	assert.Equal(t, "40039", code(t, e, "refund", `{"bizOrderNo":"r1","oriBizOrderNo":"p1","bizUserId":"buyer","amount":100}`))
}

// FuzzReadPayment: whatever payMethod arrives (the catalogue lets unknown
// keys and odd bodies through), readPayment answers without panicking, and
// what it accepts keeps the spec's rules: known keys the order takes, one
// method for deposits and withdrawals, positive parts, amounts that add up.
func FuzzReadPayment(f *testing.F) {
	for _, seed := range []string{`{"BALANCE":[{"accountSetNo":"200126","amount":100}]}`,
		`{"GATEWAY_VSP":{"amount":60,"paytype":"B2C"},"BALANCE":[{"accountSetNo":"200126","amount":30}],"COUPON":{"amount":10}}`,
		`{"QUICKPAY_VSP":{"bankCardNo":"6228480000000000001","amount":100}}`, `{"WITHDRAW_TLT":{"payTypeName":"withdraw_tlt"}}`,
		`{"POSPAY":{"amount":100}}`, `{"BALANCE":{"amount":100}}`, `{"WITHDRAW_JFB":{"amount":100,"province":"p"}}`, `[]`, `{}`} {
		f.Add(seed, int64(100))
	}
	orders := []string{"depositApply", "consumeApply", "agentCollectApply", "withdrawApply", "crossBorderWithdrawApply"}
	f.Fuzz(func(t *testing.T, payMethod string, amount int64) {
		var v any
		dec := json.NewDecoder(strings.NewReader(payMethod))
		dec.UseNumber()
		if dec.Decode(&v) != nil {
			return
		}
		for _, method := range orders {
			pm, serr := readPayment(method, v, amount, false)
			if serr != nil {
				continue
			}
			var sum int64
			counted := false
			for _, p := range pm.parts {
				require.True(t, p.Accepts(method), "%s takes %s", method, p.Key)
				require.True(t, !p.hasAmount || p.amount > 0, "%s pays a positive amount", p.Key)
				sum, counted = sum+p.amount, counted || p.hasAmount
			}
			require.Equal(t, len(asMap(v)), len(pm.parts), "every key is a part")
			if len(pm.parts) > 1 {
				require.Contains(t, []string{"consumeApply", "agentCollectApply"}, method)
			}
			if counted {
				require.Equal(t, amount, sum)
			}
		}
	})
}

// TestPartAmounts: each part of a payMethod pays a positive amount (spec
// §5.2: every amount row is 支付金额; §4.2.5 line 6108: 支付金额等于订单金额): a part of
// zero or less is 40020 naming it, and nothing moves, where it was taken
// and moved other money than the order's (a BALANCE of -5 and 105 took 105
// for an order of 100). Deposits, consumptions, collections and the
// withdrawal channels with an amount read parts alike.
func TestPartAmounts(t *testing.T) {
	balance2 := func(a, b int64) string {
		return fmt.Sprintf(`"BALANCE":[{"accountSetNo":"200126","amount":%d},{"accountSetNo":"200126","amount":%d}]`, a, b)
	}
	gateway := `"frontUrl":"http://127.0.0.1/f","validateType":0,`
	tests := []struct {
		name, method, payMethod, extra string
		code, part                     string // part: what the 40020 names
	}{
		{"a negative balance item", "consumeApply", `{` + balance2(-5, 105) + `}`, `"validateType":0,`, "40020", "payMethod.BALANCE[0].amount"},
		{"a zero balance item", "consumeApply", `{` + balance2(100, 0) + `}`, `"validateType":0,`, "40020", "payMethod.BALANCE[1].amount"},
		{"a negative coupon", "consumeApply", `{` + balance2(50, 60) + `,"COUPON":{"amount":-10}}`, `"validateType":0,`, "40020", "payMethod.COUPON.amount"},
		{"a zero coupon", "consumeApply", `{` + balance2(50, 50) + `,"COUPON":{"amount":0}}`, `"validateType":0,`, "40020", "payMethod.COUPON.amount"},
		{"a negative gateway part", "consumeApply", `{"GATEWAY_VSP":{"amount":-5,"paytype":"B2C"},` + balance2(50, 55) + `}`, gateway, "40020", "payMethod.GATEWAY_VSP.amount"},
		{"a negative agreement part", "consumeApply", fmt.Sprintf(`{"QUICKPAY_TLT":{%s,"amount":-1},%s}`, tltCard, balance2(50, 51)), "", "40020", "payMethod.QUICKPAY_TLT.amount"},
		{"a collection's negative item", "agentCollectApply", `{` + balance2(-5, 105) + `}`, `"validateType":0,`, "40020", "payMethod.BALANCE[0].amount"},
		{"a deposit of a zero channel part", "depositApply", `{"QQ_WALLET":{"amount":0}}`, "", "40020", "payMethod.QQ_WALLET.amount"},
		{"positive parts", "consumeApply", `{` + balance2(40, 60) + `}`, `"validateType":0,`, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newTest()
			market(t, e)
			out := call(t, e, "OrderService", tt.method, orderParams(tt.method, "buyer", "o1", 100, tt.payMethod, tt.extra))
			buyer, _ := balance(t, e, "buyer")
			if tt.code == "" {
				require.Nil(t, out.Err, "%v", out.Err)
				assert.Equal(t, int64(100000-100), buyer)
				return
			}
			require.NotNil(t, out.Err)
			assert.Equal(t, tt.code, out.Err.Code, out.Err.Message)
			assert.Contains(t, out.Err.Message, tt.part+" must be a positive number of fen")
			assert.Equal(t, int64(100000), buyer, "nothing moved")
			assert.Empty(t, e.Orders("app"), "no order kept")
		})
	}
	t.Run("a withdrawal channel's zero amount", func(t *testing.T) {
		e := newTest()
		market(t, e)
		signedBuyer(t, e)
		out := call(t, e, "OrderService", "withdrawApply", withdrawParams("w1",
			`,"payMethod":{"WITHDRAW_SD":{"amount":0,"unionBank":"102100099996","bankName":"b"}}`))
		require.NotNil(t, out.Err)
		assert.Equal(t, "40020", out.Err.Code, out.Err.Message)
		assert.Contains(t, out.Err.Message, "payMethod.WITHDRAW_SD.amount")
	})
}

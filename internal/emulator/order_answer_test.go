package emulator

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestOrderAnswerTradeNoAndValidateType: a pending deposit, consumption or
// collection answers tradeNo, and validateType only as 1, when it waits
// for pay with the SMS code (spec §4.2.2, §4.2.4, §4.2.5: 返回值为"1"表示需
// 继续调用【确认支付（后台+短信验证码确认）】); a withdrawal answers neither,
// which its response table does not have (§4.2.3); a completed order
// neither.
func TestOrderAnswerTradeNoAndValidateType(t *testing.T) {
	tests := []struct {
		name, method, payMethod, extra string
		tradeNo                        bool
		validateType                   any // nil: not answered
	}{
		{"quick pay by SMS", "depositApply", `{"QUICKPAY_VSP":{` + card + `,"amount":100}}`, "", true, int64(1)},
		{"agreement pay by SMS", "consumeApply", `{"QUICKPAY_TLT":{` + tltCard + `,"amount":100}}`, "", true, int64(1)},
		{"balance by SMS", "consumeApply", `{"BALANCE":[{"accountSetNo":"200126","amount":100}]}`, `"validateType":1,`, true, int64(1)},
		{"balance by password", "consumeApply", `{"BALANCE":[{"accountSetNo":"200126","amount":100}]}`, `"validateType":2,`, true, nil},
		{"balance at once", "consumeApply", `{"BALANCE":[{"accountSetNo":"200126","amount":100}]}`, `"validateType":0,`, false, nil},
		{"gateway page, 1 sent", "agentCollectApply", `{"GATEWAY_VSP":{"amount":100,"paytype":"B2C","vspCusid":"c"}}`, `"validateType":1,`, true, nil},
		{"scanned outside", "consumeApply", `{"SCAN_WEIXIN":{"amount":100,"limitPay":""}}`, "", true, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newTest()
			market(t, e)
			v := ok(t, e, tt.method, orderParams(tt.method, "buyer", "o1", 100, tt.payMethod, tt.extra))
			if tt.tradeNo {
				assert.Equal(t, v["orderNo"], v["tradeNo"])
			} else {
				assert.NotContains(t, v, "tradeNo")
			}
			assert.Equal(t, tt.validateType, v["validateType"])
		})
	}
	e := newTest()
	market(t, e)
	v := ok(t, e, "withdrawApply", withdrawParams("w", `,"validateType":1`))
	assert.NotContains(t, v, "tradeNo", "§4.2.3")
	assert.NotContains(t, v, "validateType", "§4.2.3")
}

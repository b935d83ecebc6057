package emulator

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestAmountsDoNotOverflow: an amount may be as large as an int64 of fen
// (spec §4.2.1 (6)), and amounts that add up past it are refused with
// their code (40020, or 40005 for a payMethod), never wrapped round into a
// small or negative sum that passes: before, two split shares of the
// largest amount paid a consumption of 100, and repeated deposits of it
// left a member with a negative balance. Nothing of a refused call is
// kept, and the ledger stays balanced.
func TestAmountsDoNotOverflow(t *testing.T) {
	maxFen := fmt.Sprint(int64(math.MaxInt64))
	big := func(list string) string { return strings.ReplaceAll(list, "MAX", maxFen) }
	tests := []struct {
		name, method, param, code string
		setup                     func(t *testing.T, e *Emulator)
	}{
		{"split shares", "consumeApply", consume("buyer", "shop", "c1", 100, 0,
			big(`{"bizUserId":"shop","amount":MAX,"fee":0},{"bizUserId":"shop","amount":MAX,"fee":0}`)), "40020", nil},
		{"nested split shares", "consumeApply", consume("buyer", "shop", "c1", 100, 0,
			big(`{"bizUserId":"shop","amount":100,"fee":0,"splitRuleList":[{"bizUserId":"shop","amount":MAX,"fee":0},`+
				`{"bizUserId":"shop","amount":MAX,"fee":0}]}`)), "40020", nil},
		{"receivers of a collection", "agentCollectApply", collectFor("buyer", "k1", 100, 0,
			big(`{"bizUserId":"shop","amount":MAX},{"bizUserId":"shop","amount":MAX}`)), "40020", nil},
		{"BALANCE items", "consumeApply", orderParams("consumeApply", "buyer", "c1", 100,
			big(`{"BALANCE":[{"accountSetNo":"200126","amount":MAX},{"accountSetNo":"200126","amount":MAX}]}`), ""), "40005", nil},
		{"collections of a payout", "signalAgentPay", big(`{"bizOrderNo":"p1","collectPayList":[{"bizOrderNo":"k1","amount":MAX},` +
			`{"bizOrderNo":"k1","amount":MAX}],"bizUserId":"shop","accountSetNo":"200126","backUrl":"http://127.0.0.1/n",` +
			`"amount":100,"fee":0,"tradeCode":"4001"}`), "40040", collected},
		{"a negative draw of a collection", "signalAgentPay", `{"bizOrderNo":"p1","collectPayList":[{"bizOrderNo":"k1","amount":-100},` +
			`{"bizOrderNo":"k1","amount":200}],"bizUserId":"shop","accountSetNo":"200126","backUrl":"http://127.0.0.1/n",` +
			`"amount":100,"fee":0,"tradeCode":"4001"}`, "40020", collected},
		{"a refund's refundList", "refund", big(`{"bizOrderNo":"r1","oriBizOrderNo":"c0","bizUserId":"buyer","amount":100,` +
			`"refundList":[{"bizUserId":"shop","amount":MAX},{"bizUserId":"shop","amount":MAX}]}`), "40020", consumed},
		{"a deposit past what outside can give", "depositApply", orderParams("depositApply", "buyer", "d2", 2,
			`{"QUICKPAY_VSP":{`+card+`,"amount":2}}`, `"validateType":0,`), "40020", depositedMax},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newTest()
			market(t, e)
			if tt.setup != nil {
				tt.setup(t, e)
			}
			before, _ := balance(t, e, "buyer")
			out := call(t, e, "OrderService", tt.method, tt.param)
			require.NotNil(t, out.Err, "%v", out.Value)
			assert.Equal(t, tt.code, out.Err.Code, out.Err.Message)
			assert.NotContains(t, out.Err.Message, OwnerOutside, "no internal account's name (probe-U 6)")
			after, _ := balance(t, e, "buyer")
			assert.Equal(t, before, after)
			assertBalanced(t, e)
		})
	}
}

// collected makes a collection k1 of 100 for shop.
func collected(t *testing.T, e *Emulator) {
	ok(t, e, "agentCollectApply", collectFor("buyer", "k1", 100, 0, `{"bizUserId":"shop","amount":100}`))
}

// consumed makes a consumption c0 of 100 from buyer to shop.
func consumed(t *testing.T, e *Emulator) {
	ok(t, e, "consumeApply", consume("buyer", "shop", "c0", 100, 0, ""))
}

// depositedMax deposits the largest amount to shop through the gateway:
// outside then stands at minus that, and cannot give 2 fen more (its
// balance would go below the smallest int64).
func depositedMax(t *testing.T, e *Emulator) {
	maxFen := fmt.Sprint(int64(math.MaxInt64))
	ok(t, e, "depositApply", orderParams("depositApply", "shop", "d1", math.MaxInt64,
		`{"GATEWAY_VSP":{"amount":`+maxFen+`,"paytype":"B2C"}}`, `"frontUrl":"http://127.0.0.1/f","validateType":0,`))
	_, serr := e.ConfirmOrder("app", "d1")
	require.Nil(t, serr)
}

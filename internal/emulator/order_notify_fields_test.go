package emulator

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestNotifiedWhereabouts: an order's OrderService/pay notification carries
// the keys of spec §4.2.15 its kind has: a refund its oriOrderNo,
// oriBizOrderNo and refundWhereabouts (1 back to the balance, 2 to the
// card or channel), a payout its payWhereabouts (1, the balance), a card
// payment the masked card (acct); others none of them.
func TestNotifiedWhereabouts(t *testing.T) {
	e := newTest()
	market(t, e)
	ok(t, e, "consumeApply", orderParams("consumeApply", "buyer", "c1", 300, `{"BALANCE":[{"accountSetNo":"200126","amount":300}]}`, `"validateType":0,`))
	ok(t, e, "consumeApply", orderParams("consumeApply", "buyer", "c2", 300, `{"GATEWAY_VSP":{"amount":300,"paytype":"B2C","vspCusid":"c"}}`, ""))
	_, serr := e.ConfirmOrder("app", "c2")
	require.Nil(t, serr)
	ok(t, e, "refund", `{"bizOrderNo":"r1","oriBizOrderNo":"c1","bizUserId":"buyer","amount":100}`)
	ok(t, e, "refund", `{"bizOrderNo":"r2","oriBizOrderNo":"c2","bizUserId":"buyer","amount":100}`)
	ok(t, e, "agentCollectApply", collectFor("buyer", "k1", 100, 0, `{"bizUserId":"shop","amount":100}`))
	ok(t, e, "signalAgentPay", payout("shop", "p1", "k1", 100))
	ok(t, e, "depositApply", orderParams("depositApply", "buyer", "d1", 100, `{"QUICKPAY_VSP":{`+card+`,"amount":100}}`, `"validateType":0,`))
	tests := []struct {
		order string
		want  map[string]any // "": the key is absent
	}{
		{"r1", map[string]any{"refundWhereabouts": int64(toBalance), "oriBizOrderNo": "c1", "payWhereabouts": "", "acct": ""}},
		{"r2", map[string]any{"refundWhereabouts": int64(toChannel), "oriBizOrderNo": "c2", "payWhereabouts": ""}},
		{"p1", map[string]any{"payWhereabouts": int64(toBalance), "refundWhereabouts": "", "oriBizOrderNo": ""}},
		{"d1", map[string]any{"acct": "622848*********0001", "refundWhereabouts": "", "payWhereabouts": ""}},
		{"c1", map[string]any{"refundWhereabouts": "", "payWhereabouts": "", "oriBizOrderNo": "", "acct": ""}},
	}
	for _, tt := range tests {
		t.Run(tt.order, func(t *testing.T) {
			evs := orderEvents(e, tt.order)
			require.Len(t, evs, 1)
			rv := evs[0].ReturnValue
			for k, want := range tt.want {
				if want == "" {
					assert.NotContains(t, rv, k)
					continue
				}
				assert.EqualValues(t, want, rv[k], k)
			}
		})
	}
}

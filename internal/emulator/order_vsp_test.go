package emulator

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// vspOrder is an order request paid with SCAN_WEIXIN_ORG through a vspCusid.
type vspOrder struct{ method, param string }

func scanThrough(cusID string) string {
	return `{"SCAN_WEIXIN_ORG":{"vspCusid":"` + cusID + `","amount":100,"limitPay":""}}`
}

// consumeThrough: buyer pays receiver 100 through cusID.
func consumeThrough(receiver, cusID string) vspOrder {
	return consumeWith(receiver, scanThrough(cusID))
}

// consumeWith: buyer pays receiver 100 with payMethod pm.
func consumeWith(receiver, pm string) vspOrder {
	return vspOrder{"consumeApply", strings.Replace(orderParams("consumeApply", "buyer", "o", 100, pm, ""),
		`"recieverId":"shop"`, `"recieverId":"`+receiver+`"`, 1)}
}

// collectThrough: buyer pays agent 40 and shop 60 through cusID.
func collectThrough(cusID string) vspOrder {
	return vspOrder{"agentCollectApply", strings.Replace(
		collectFor("buyer", "o", 100, 0, `{"bizUserId":"agent","amount":40},{"bizUserId":"shop","amount":60}`),
		`{"BALANCE":[{"accountSetNo":"200126","amount":100}]}`, scanThrough(cusID), 1)}
}

// TestVspCusidOfThePayee: in 收银宝 group mode a payee takes channel
// payments only through the sub-merchants (vspCusid) it bound with
// vspTermidService (spec §4.1.21 note 2.2; the changelog of 2.0.7 names
// deposits, consumptions and collections); another is 20009. Bindings
// without vspMerchantid (single-merchant mode), or none, take any vspCusid.
func TestVspCusidOfThePayee(t *testing.T) {
	deposit := func(cusID string) vspOrder {
		return vspOrder{"depositApply", orderParams("depositApply", "buyer", "o", 100, scanThrough(cusID), "")}
	}
	tests := []struct {
		name  string
		order vspOrder
		code  string
		noted bool // vsp-cusid-unbound: the payee bound none (20009 with --strict)
	}{
		{"consume through the shop's sub-merchant", consumeThrough("shop", "C1"), "", false},
		{"consume through another", consumeThrough("shop", "C9"), "20009", false},
		{"consume through a sub-merchant bound in single mode", consumeThrough("shop", "S1"), "20009", false},
		{"a payee with no binding takes any, noted", consumeThrough("agent", "C9"), "", true},
		{"a POS order with a vspCusid to a payee with no binding, noted", consumeWith("agent",
			`{"ORDER_VSPPAY":{"amount":100,"vspCusid":"C9"}}`), "", true},
		{"collect through a receiver's sub-merchant", collectThrough("C1"), "", false},
		{"collect through none of the receivers'", collectThrough("C9"), "20009", false},
		{"deposit through the member's own", deposit("B1"), "", false},
		{"deposit through another", deposit("C1"), "20009", false},
		// GATEWAY_VSP's table has no vspCusid (spec §5.2, line 10024 opens GATEWAY_VSP_ORG's).
		{"a gateway's vspCusid is no key of its table", consumeWith("shop",
			`{"GATEWAY_VSP":{"amount":100,"paytype":"B2C","vspCusid":"C9"}}`), "", false},
		{"the group gateway's is", consumeWith("shop", `{"GATEWAY_VSP_ORG":{"amount":100,"paytype":"B2C","vspCusid":"C9"}}`), "20009", false},
		// ORDER_VSPPAY wants its vspCusid in group mode only (spec §5.2, line 10965).
		{"a POS order to a payee in group mode names its sub-merchant", consumeWith("shop", `{"ORDER_VSPPAY":{"amount":100}}`), "10001", false},
		{"a POS order through the payee's sub-merchant", consumeWith("shop", `{"ORDER_VSPPAY":{"amount":100,"vspCusid":"C1"}}`), "", false},
		{"a POS order to a payee in single mode needs none", consumeWith("agent", `{"ORDER_VSPPAY":{"amount":100}}`), "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newTest()
			market(t, e)
			funded(t, e, 0, "agent")
			bindVsp(t, e, "shop", "M1", "C1", "C101")
			bindVsp(t, e, "shop", "", "S1", "POS1") // single mode: no vspMerchantid
			bindVsp(t, e, "buyer", "M1", "B1", "B101")
			out := call(t, e, "OrderService", tt.order.method, tt.order.param)
			if tt.code == "" {
				require.Nil(t, out.Err, "%v", out.Err)
				assert.Equal(t, tt.noted, len(notesOf(out.Portability, RuleVspCusidUnbound)) == 1, "%v", out.Portability)
				return
			}
			require.NotNil(t, out.Err)
			assert.Equal(t, tt.code, out.Err.Code)
			assert.Contains(t, out.Err.Message, "spec §4.1.21 note 2.2")
			assert.Empty(t, e.Orders("app"), "nothing is kept")
		})
	}
}

// TestVspCusidWithoutGroupBindings: a payee whose bindings are all single
// mode takes any sub-merchant (spec §4.1.21 note 2 is group mode's), noted
// as the platform wants one the payee bound (rule vsp-cusid-unbound); with
// --strict it is 20009, as for a sub-merchant the payee did not bind.
func TestVspCusidWithoutGroupBindings(t *testing.T) {
	for _, strict := range []bool{false, true} {
		t.Run(map[bool]string{false: "noted", true: "strict"}[strict], func(t *testing.T) {
			e := newTestOrStrict(strict)
			market(t, e)
			bindVsp(t, e, "shop", "", "S1", "POS1")
			o := consumeThrough("shop", "C9")
			out := call(t, e, "OrderService", o.method, o.param)
			noted(t, out, strict, RuleVspCusidUnbound, "20009", "spec §4.1.21 note 2.2")
		})
	}
}

// bindVsp binds terminal termID of sub-merchant cusID to bizUserID, in group
// mode when merchantID is not empty (spec §4.1.21).
func bindVsp(t *testing.T, e *Emulator, bizUserID, merchantID, cusID, termID string) {
	t.Helper()
	p := map[string]any{"bizUserId": bizUserID, "operationType": "set", "vspCusid": cusID, "appid": "A1", "vspTermid": termID}
	if merchantID != "" {
		p["vspMerchantid"] = merchantID
	}
	_, serr := memberCall(t, e, "app", "vspTermidService", p)
	require.Nil(t, serr, "%v", serr)
}

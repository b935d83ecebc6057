package e2e

import (
	"fmt"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/internal/soa"
)

// TestEveryPayMethodOverHTTP: every payMethod of spec §5.2 is recognised
// with its own body: the body of its required keys is taken by an order
// method of its flow (depositApply for money coming in, consumeApply for
// a balance or a coupon, withdrawApply for money going out), and leaving
// any one of those keys out is 10001 naming it.
func TestEveryPayMethodOverHTTP(t *testing.T) {
	c, _ := specEnv(t)
	credit := applyCard("buyer", cardCredit) // InstallmentPayment_H5 pays with a credit card
	credit.Validate, credit.CVV2 = "1228", "123"
	c.withCard(credit)
	const amount = 100
	for i, pm := range soa.PayMethods() {
		t.Run(pm.Key, func(t *testing.T) {
			call := func(no string, b any) (map[string]any, error) {
				return sendSpec(t, c.Client, "OrderService."+payOrderMethod(pm), payOrder(pm, no, amount, body(pm.Key, b)))
			}
			_, err := call(fmt.Sprintf("every-%d", i), payBody(pm, amount, ""))
			require.NoError(t, err, "the body of its required keys")
			for _, f := range pm.Fields {
				if !f.Required {
					continue
				}
				_, err := call(fmt.Sprintf("every-%d-%s", i, f.Name), payBody(pm, amount, f.Name))
				code, msg := answerCode(t, err)
				assert.Equal(t, "10001", code, "without %s", f.Name)
				assert.Contains(t, msg, "payMethod."+pm.Key, "without %s", f.Name)
				assert.Contains(t, msg, f.Name, "without %s", f.Name)
			}
		})
	}
}

// payOrderMethod is the order method a pay method's flow is tried with.
func payOrderMethod(pm soa.PayMethodSpec) string {
	switch pm.Flow {
	case soa.FlowInternal:
		return "consumeApply"
	case soa.FlowOut:
		return "withdrawApply"
	}
	return "depositApply"
}

// payOrder is the param of buyer's order paid with payMethod.
func payOrder(pm soa.PayMethodSpec, no string, amount int64, payMethod map[string]any) map[string]any {
	if pm.Flow == soa.FlowOut {
		return withdrawParam(no, cardABC, amount, 0, backURL, payMethod)
	}
	return orderParam(payOrderMethod(pm), no, amount, payMethod, backURL)
}

// payBody is a body of pm with every required key but without, made of
// values its row allows: the amount, its first allowed value, the buyer's
// bound card for an encrypted key, else a word. A list (BALANCE) is one
// item.
func payBody(pm soa.PayMethodSpec, amount int64, without string) any {
	b := map[string]any{}
	for _, f := range pm.Fields {
		if f.Required && f.Name != without {
			b[f.Name] = payValue(pm.Key, f, amount)
		}
	}
	for k, v := range payExtras(pm.Key) {
		if k != without {
			b[k] = v
		}
	}
	if pm.List {
		return []any{b}
	}
	return b
}

// payExtras are the values of pm's body that a word does not make: the
// account set of a balance, the gateway's payment type (paytype or
// payType, one of which the gateways need), a credit card.
func payExtras(key string) map[string]any {
	switch key {
	case "BALANCE":
		return map[string]any{"accountSetNo": escrowSet}
	case "GATEWAY_VSP", "GATEWAY_VSP_ORG":
		return map[string]any{"paytype": "B2C"}
	case "InstallmentPayment_H5":
		return map[string]any{"bankCardNo": cardCredit}
	}
	return nil
}

// payValue is a value the row of f allows; an encrypted key is the card
// the method takes (cardFor).
func payValue(key string, f soa.Param, amount int64) any {
	switch {
	case f.Name == "amount" || f.Name == "AMOUNT":
		return amount
	case f.Encrypted:
		return cardFor(key)
	case f.EmptyOK:
		return ""
	case len(f.Enum) > 0 && f.Type == soa.Int:
		n, _ := strconv.ParseInt(f.Enum[0], 10, 64)
		return n
	case len(f.Enum) > 0:
		return f.Enum[0]
	case f.Type == soa.Int:
		return 1
	}
	return "x"
}

package e2e

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/client"
)

// matcherCases are conditions on consumeApply params, each with a request
// that meets it and one that does not.
var matcherCases = []struct {
	name, cond, yes, no string
}{
	{"eq text", `payerId: alice`, `"payerId":"alice"`, `"payerId":"bob"`},
	{"eq number matches a numeric string", `amount: 100`, `"amount":"100"`, `"amount":101`},
	{"eq quoted is text", `fee: "00"`, `"fee":"00"`, `"fee":0`},
	{"ne", `payerId: {ne: alice}`, `"payerId":"bob"`, `"payerId":"alice"`},
	{"in", `source: {in: [1, 2]}`, `"source":2`, `"source":3`},
	{"regex", `goodsName: {regex: "^VIP-[0-9]+$"}`, `"goodsName":"VIP-42"`, `"goodsName":"VIP-x"`},
	{"present", `extendInfo: {present: true}`, `"extendInfo":"x"`, `"extendInfo":null`},
	{"absent", `summary: {absent: true}`, `"goodsDesc":"x"`, `"summary":"x"`},
	{"gt", `amount: {gt: 1000}`, `"amount":1001`, `"amount":1000`},
	{"gte", `amount: {gte: 1000}`, `"amount":1000`, `"amount":999`},
	{"lt", `amount: {lt: 10}`, `"amount":9`, `"amount":10`},
	{"lte", `amount: {lte: 10}`, `"amount":"10"`, `"amount":11`},
	{"range", `amount: {gt: 10, lte: 20}`, `"amount":20`, `"amount":21`},
	{"nested path", `payMethod.BALANCE[0].amount: {gt: 100000}`,
		`"payMethod":{"BALANCE":[{"accountSetNo":"200126","amount":100001}]}`,
		`"payMethod":{"BALANCE":[{"accountSetNo":"200126","amount":100000}]}`},
	{"nested path second item", `payMethod.BALANCE[1].accountSetNo: "200126"`,
		`"payMethod":{"BALANCE":[{"accountSetNo":"1"},{"accountSetNo":"200126"}]}`,
		`"payMethod":{"BALANCE":[{"accountSetNo":"200126"}]}`},
}

// TestScenarioMatchers: every matcher, end to end through the client. Each
// case's rule is told apart by its bizOrderNo; a catch-all rule answers
// what no case matches.
func TestScenarioMatchers(t *testing.T) {
	var rules strings.Builder
	rules.WriteString("rules:\n")
	for i, tc := range matcherCases {
		fmt.Fprintf(&rules, "  - name: %q\n    when:\n      service: OrderService\n      method: consumeApply\n      param:\n        bizOrderNo: case-%d\n        %s\n    respond: {ok: {matched: %q}}\n", tc.name, i, tc.cond, tc.name)
	}
	rules.WriteString("  - {name: none, when: {service: OrderService, method: consumeApply}, respond: {ok: {matched: none}}}\n")
	e := demoEnv(t, withScenario(t, rules.String()))
	c := e.client(t)
	for i, tc := range matcherCases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := callJSON(t, c, "OrderService.consumeApply", fmt.Sprintf(`{"bizOrderNo":"case-%d",%s}`, i, tc.yes))
			require.NoError(t, err)
			assert.Equal(t, tc.name, got["matched"])
			got, err = callJSON(t, c, "OrderService.consumeApply", fmt.Sprintf(`{"bizOrderNo":"case-%d",%s}`, i, tc.no))
			require.NoError(t, err)
			assert.Equal(t, "none", got["matched"])
		})
	}
	assert.Contains(t, e.Log.String(), `rule="test.yaml:2 eq text"`)
}

// TestScenarioMatchesNames: service, method and sysid; and the first
// matching rule of the file answers.
func TestScenarioMatchesNames(t *testing.T) {
	e := demoEnv(t, withScenario(t, `rules:
  - {name: other app, when: {sysid: "999"}, respond: {error: "20000"}}
  - {name: this app, when: {sysid: 100000000002, service: OrderService, method: [queryBalance, freezeMoney]}, respond: {ok: {rule: this app}}}
  - {name: any order call, when: {service: OrderService}, respond: {ok: {rule: any order call}}}
  - {name: never, when: {service: OrderService}, respond: {ok: {rule: never}}}
`))
	c := e.client(t)
	for call, want := range map[string]string{
		"OrderService.queryBalance":   "this app",
		"OrderService.freezeMoney":    "this app",
		"OrderService.getOrderDetail": "any order call",
	} {
		got, err := callJSON(t, c, call, `{}`)
		require.NoError(t, err, call)
		assert.Equal(t, want, got["rule"], call)
	}
	_, err := callJSON(t, c, "MemberService.createMember", `{"bizUserId":"n1","memberType":3,"source":1}`)
	require.NoError(t, err, "no rule matches: the emulator answers")
}

// TestScenarioMatchesDecryptedFields: conditions and templates see an
// encrypted request field decrypted.
func TestScenarioMatchesDecryptedFields(t *testing.T) {
	e := demoEnv(t, withBuiltin(t, "duplicate-member"))
	c := e.client(t)
	card := mustEncrypt(t, c, "6222021234567890")
	_, err := callJSON(t, c, "MemberService.applyBindBankCard", `{"bizUserId":"u1","cardNo":"`+card+`"}`)
	apiErr := apiError(t, err)
	assert.Equal(t, "30017", apiErr.Code)
	assert.Equal(t, "该银行卡已绑定", apiErr.Message)
	_, err = callJSON(t, c, "MemberService.applyBindBankCard", `{"bizUserId":"u1","cardNo":"`+mustEncrypt(t, c, "6228480000000001")+`"}`)
	assert.NotEqual(t, "30017", apiError(t, err).Code, "another card: the emulator answers")
}

func mustEncrypt(t *testing.T, c *client.Client, plain string) string {
	t.Helper()
	hex, err := c.Encrypt(plain)
	require.NoError(t, err)
	return hex
}

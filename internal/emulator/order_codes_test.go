package emulator

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestOrderDictionaryCodes: industryCode is a four-digit code of spec §6.12
// and tradeCode a code of §6.11 of the order's side (a collection 代收, a
// payout 代付); anything else is 10000 and leaves no order behind.
func TestOrderDictionaryCodes(t *testing.T) {
	industry := func(method, code string) string {
		pm := `{"SCAN_WEIXIN":{"amount":100,"limitPay":""}}`
		return strings.Replace(orderParams(method, "buyer", "o", 100, pm, ""), `"industryCode":"1910"`, `"industryCode":"`+code+`"`, 1)
	}
	collect := func(code string) string {
		return strings.Replace(collectFor("buyer", "o", 100, 0, `{"bizUserId":"shop","amount":100}`), `"3001"`, `"`+code+`"`, 1)
	}
	pay := func(code string) string {
		return strings.Replace(payout("shop", "o", "k1", 100), `"4001"`, `"`+code+`"`, 1)
	}
	batch := func(code string) string {
		return `{"bizBatchNo":"B1","batchPayList":[` + strings.Replace(pay("4001"), `,"tradeCode":"4001"`, "", 1) +
			`],"tradeCode":"` + code + `"}`
	}
	tests := []struct {
		name, method, param, code, says string
	}{
		{"deposit, 1910 其他", "depositApply", industry("depositApply", "1910"), "", ""},
		{"consume, 2524 报关业务", "consumeApply", industry("consumeApply", "2524"), "", ""},
		{"a group's two-digit code", "consumeApply", industry("consumeApply", "19"), "10000", "spec §6.12"},
		{"a code outside the table", "depositApply", industry("depositApply", "1913"), "10000", "spec §6.12"},
		{"withdraw, unknown", "withdrawApply", strings.Replace(withdrawParams("o", ""), "1910", "9999", 1), "10000", "spec §6.12"},
		{"collect 3001 代收消费金", "agentCollectApply", collect("3001"), "", ""},
		{"collect 1005", "agentCollectApply", collect("1005"), "", ""},
		{"collect with a payout code", "agentCollectApply", collect("4001"), "10000", "a payout (代付)"},
		{"collect, unknown", "agentCollectApply", collect("1004"), "10000", "spec §6.11"},
		{"payout 4002", "signalAgentPay", pay("4002"), "", ""},
		{"payout with a collection code", "signalAgentPay", pay("3001"), "10000", "a collection (代收)"},
		{"batch with a collection code", "batchAgentPay", batch("3001"), "10000", "spec §6.11"},
		{"batch 2001", "batchAgentPay", batch("2001"), "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newTest()
			market(t, e)
			ok(t, e, "agentCollectApply", collectFor("buyer", "k1", 100, 0, `{"bizUserId":"shop","amount":100}`))
			before := len(e.Orders("app"))
			out := call(t, e, "OrderService", tt.method, tt.param)
			if refused(t, out, tt.code, tt.says) {
				assert.Len(t, e.Orders("app"), before, "no order is kept")
			}
		})
	}
}

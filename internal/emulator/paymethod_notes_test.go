package emulator

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestGateIDs: a gateway's gateid is held to spec §6.13's list for its
// paytype (§5.2: 支付银行，见收银宝网银银行列表): a code of the list passes, an
// unknown one or one of the other list (ICBC's B2B 0102 with B2C, its B2C
// debit card's 01021 with B2B) is noted gateid, and with --strict refused
// 20014 银行代码错误. Without a gateid 收银宝's page lists the banks.
func TestGateIDs(t *testing.T) {
	tests := []struct {
		name, body, says string // says: what the note names; "" for no note
	}{
		{"ICBC debit with B2C", `"paytype":"B2C","gateid":"01021"`, ""},
		{"上海银行 with B2B", `"paytype":"B2B","gateid":"4012900"`, ""},
		{"payType spelling, 广发银行 with B2C", `"payType":"B2C","gateid":"0306"`, ""},
		{"no gateid", `"paytype":"B2C,B2B"`, ""},
		{"the group gateway, 农业银行 with B2B", `"paytype":"B2B","gateid":"0103","vspCusid":"C1"`, ""},
		{"an unknown code", `"paytype":"B2C","gateid":"9999"`, `"9999" is in neither of its lists`},
		{"ICBC's B2B code with B2C", `"paytype":"B2C","gateid":"0102"`, `"0102" is the B2B code of 工商银行`},
		{"ICBC debit's B2C code with B2B", `"paytype":"B2B","gateid":"01021"`, `"01021" is the B2C code of 工商银行（借记卡）`},
		{"广发银行 with B2B", `"paytype":"B2B","gateid":"0306"`, `"0306" is the B2C code of 广发银行`},
		{"the group gateway, unknown", `"paytype":"B2C","gateid":"X","vspCusid":"C1"`, "GATEWAY_VSP_ORG.gateid"},
	}
	for _, tt := range tests {
		for _, strict := range []bool{false, true} {
			t.Run(tt.name+map[bool]string{true: ", strict"}[strict], func(t *testing.T) {
				e := newTestOrStrict(strict)
				market(t, e)
				key := "GATEWAY_VSP"
				if strings.Contains(tt.body, "vspCusid") {
					key = "GATEWAY_VSP_ORG"
					bindVsp(t, e, "shop", "M1", "C1", "T1")
				}
				out := call(t, e, "OrderService", "consumeApply", orderParams("consumeApply", "buyer", "g1", 100,
					`{"`+key+`":{"amount":100,`+tt.body+`}}`, `"frontUrl":"http://127.0.0.1/f",`))
				if tt.says == "" {
					require.Nil(t, out.Err, "%v", out.Err)
					assert.Empty(t, notesOf(out.Portability, RuleGateID))
					return
				}
				noted(t, out, strict, RuleGateID, "20014", tt.says, "spec §6.13")
				if strict {
					assert.Empty(t, e.Orders("app"), "nothing is kept")
				}
			})
		}
	}
}

// TestWithdrawBodyNotes: a withdrawal channel's unionBank that is not 12
// digits where its §5.2 table says 支付行号，12 位数字 (WITHDRAW_TLT, WITHDRAW_JFB,
// WITHDRAW_HTBANK; not WITHDRAW_SD, whose table says 支付行号) is noted
// param-format (40037 with --strict), and a WITHDRAW_HTBANK AMOUNT other than
// the order's amount in fen htbank-amount (40005 with --strict).
func TestWithdrawBodyNotes(t *testing.T) {
	htbank := func(amount, unionBank string) string {
		return `,"payMethod":{"WITHDRAW_HTBANK":{"subAcctNo":"s","PAYEE_ACCT_NO":"a","PAYEE_ACCT_NAME":"n","AMOUNT":"` + amount +
			`","SIGNED_MSG_MER":"sig"` + unionBank + `}}`
	}
	tests := []struct {
		name, payMethod, rule, code, says string
	}{
		{"通联通 with 12 digits", `,"payMethod":{"WITHDRAW_TLT":{"payTypeName":"withdraw_tlt","unionBank":"102100099996"}}`, "", "", ""},
		{"通联通 with 11 digits", `,"payMethod":{"WITHDRAW_TLT":{"payTypeName":"withdraw_tlt","unionBank":"10210009999"}}`,
			ruleParamFormat, "40037", "payMethod.WITHDRAW_TLT.unionBank"},
		{"金服宝 with letters", `,"payMethod":{"WITHDRAW_JFB":{"amount":100,"unionBank":"10210009999X"}}`,
			ruleParamFormat, "40037", "payMethod.WITHDRAW_JFB.unionBank"},
		{"山东代付's table states no format", `,"payMethod":{"WITHDRAW_SD":{"amount":100,"unionBank":"1","bankName":"b"}}`, "", "", ""},
		{"华通 of the order's amount", htbank("100", ""), "", "", ""},
		{"华通 with 12 digits", htbank("100", `,"unionBank":"102100099996"`), "", "", ""},
		{"华通 with 3 digits", htbank("100", `,"unionBank":"123"`), ruleParamFormat, "40037", "payMethod.WITHDRAW_HTBANK.unionBank"},
		{"华通 of another amount", htbank("9", ""), RuleHTBankAmount, "40005", `AMOUNT "9" is not the order's amount, 100 fen`},
		{"华通 in yuan", htbank("1.00", ""), RuleHTBankAmount, "40005", `AMOUNT "1.00"`},
	}
	for _, tt := range tests {
		for _, strict := range []bool{false, true} {
			t.Run(tt.name+map[bool]string{true: ", strict"}[strict], func(t *testing.T) {
				e := newTestOrStrict(strict)
				market(t, e)
				signedBuyer(t, e)
				out := call(t, e, "OrderService", "withdrawApply", withdrawParams("w1", tt.payMethod))
				if tt.rule == "" {
					require.Nil(t, out.Err, "%v", out.Err)
					assert.Empty(t, out.Portability)
					return
				}
				noted(t, out, strict, tt.rule, tt.code, tt.says, "spec §5.2")
			})
		}
	}
}

// noted checks the outcome of a call that relies on a leniency of rule:
// with --strict refused with code, naming the rule; else passed with one
// note of the rule, of code, whose message says each of says.
func noted(t *testing.T, out Outcome, strict bool, rule, code string, says ...string) {
	t.Helper()
	if strict {
		require.NotNil(t, out.Err)
		assert.Equal(t, code, out.Err.Code)
		assert.Contains(t, out.Err.Message, "rule "+rule)
		return
	}
	require.Nil(t, out.Err, "%v", out.Err)
	notes := notesOf(out.Portability, rule)
	require.Len(t, notes, 1, "%v", out.Portability)
	assert.Equal(t, code, notes[0].Code)
	for _, w := range says {
		assert.Contains(t, notes[0].Message, w)
	}
}

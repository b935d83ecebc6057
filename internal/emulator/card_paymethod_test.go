package emulator

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Cards market binds besides card: not ending 00 to 04, which cardCheck 6
// simulates failures with (spec §6.18).
const (
	tltCardNo = "6228480000000000015" // bound by cardCheck 6
	rnpCardNo = "6228480000000000023" // bound by cardCheck 3
)

// bindWith binds cardNo to onboard's member bizUserID (李四) with cardCheck
// cc, confirming with bindBankCard when cc needs it; for cardCheck 3 with
// the test phone and code of spec §6.18, so that --strict takes it too.
func bindWith(t *testing.T, e *Emulator, bizUserID, cardNo string, cc int64) {
	t.Helper()
	phone := "13800000002"
	if cc == checkRealNamePay {
		phone = "13616515002"
	}
	v, serr := memberCall(t, e, "app", "applyBindBankCard", map[string]any{"bizUserId": bizUserID, "cardNo": cardNo,
		"phone": phone, "name": "李四", "identityType": 1, "identityNo": "11010119900307803X", "cardCheck": cc})
	require.Nil(t, serr, "applyBindBankCard cardCheck %d: %v", cc, serr)
	if bindsAtOnce(cc) {
		return
	}
	code := "111111"
	if cc == checkRealNamePay {
		code = "11111" // spec §6.18
	}
	_, serr = memberCall(t, e, "app", "bindBankCard", map[string]any{"bizUserId": bizUserID, "tranceNum": v["tranceNum"],
		"phone": phone, "verificationCode": code})
	require.Nil(t, serr, "bindBankCard cardCheck %d: %v", cc, serr)
}

// TestCardMethodsTakeTheirBindings: each card method of spec §5.2 pays
// with a card bound the way it takes (spec §6.18): real-name pay by
// cardCheck 3, agreement pay by 5 or 6, 收银宝 quick pay by 7 only, 山东代收
// a person's card by 3, 5 or 8. Another binding is 30039 (real-name pay,
// 山东代收) or 30034 (agreement, quick pay); real-name pay with a
// four-element card passes with a card-bind-method note.
func TestCardMethodsTakeTheirBindings(t *testing.T) {
	const (
		vsp   = "6228480000000000001" // cardCheck 7
		tlt   = tltCardNo             // 6
		rnp   = rnpCardNo             // 3
		three = "6228480000000000047" // 1
		four  = "6228480000000000055" // 5
	)
	tests := []struct {
		key, cardNo, code, rule string
	}{
		{"REALNAMEPAY", rnp, "", ""},
		{"REALNAMEPAY", four, "", RuleCardBindMethod},
		{"REALNAMEPAY", vsp, "30039", ""},
		{"REALNAMEPAY_BATCH", tlt, "30039", ""},
		{"REALNAMEPAY_BATCH", three, "30039", ""},
		{"QUICKPAY_TLT", tlt, "", ""},
		{"QUICKPAY_TLT", four, "", ""},
		{"QUICKPAY_TLT", vsp, "30034", ""},
		{"QUICKPAY_TLT", rnp, "30034", ""},
		{"QUICKPAY_VSP", vsp, "", ""},
		{"QUICKPAY_VSP", tlt, "30034", ""},
		{"QUICKPAY_VSP", four, "30034", ""},
		{"WITHHOLD_SD", rnp, "", ""},
		{"WITHHOLD_SD", four, "", ""},
		{"WITHHOLD_SD", vsp, "30039", ""},
		{"WITHHOLD_SD", three, "30039", ""},
	}
	for _, tt := range tests {
		t.Run(tt.key+" "+tt.cardNo, func(t *testing.T) {
			e := newTest()
			market(t, e)
			bindWith(t, e, "buyer", three, checkAccountThree)
			bindWith(t, e, "buyer", four, checkAccountFour)
			pm := `{"` + tt.key + `":{"bankCardNo":"` + tt.cardNo + `","amount":100}}`
			out := call(t, e, "OrderService", "depositApply", orderParams("depositApply", "buyer", "d", 100, pm, ""))
			if tt.code != "" {
				require.NotNil(t, out.Err)
				assert.Equal(t, tt.code, out.Err.Code)
				assert.Contains(t, out.Err.Message, "spec §5.2, §6.18")
				assert.Empty(t, e.Orders("app"), "nothing is kept")
				return
			}
			require.Nil(t, out.Err, "%v", out.Err)
			assert.Equal(t, tt.rule, ruleOf(out))
		})
	}
}

// TestEnterpriseWithholdTakesAnyCard: 山东代收 of an enterprise takes its
// card however it was bound (spec §5.2 limits a person's only).
func TestEnterpriseWithholdTakesAnyCard(t *testing.T) {
	e := newTest()
	market(t, e)
	reserveMember(t, e, "corp", "6228480000000000063") // cardCheck 7
	ok(t, e, "depositApply", orderParams("depositApply", "corp", "d", 100,
		`{"WITHHOLD_SD":{"bankCardNo":"6228480000000000063","amount":100,"province":"山东","city":"济南"}}`, ""))
}

// TestEnterpriseSDNamesItsBranch: the 山东 channels take an enterprise's
// account with its province and city only (企业账户必送, spec §5.2 lines
// 11013, 11028, 11064, 11079); a person's need neither.
func TestEnterpriseSDNamesItsBranch(t *testing.T) {
	withhold := func(payer, card, branch string) string {
		return orderParams("depositApply", payer, "d", 100,
			`{"WITHHOLD_SD":{"bankCardNo":"`+card+`","amount":100`+branch+`}}`, "")
	}
	withdraw := func(payer, card, branch string) string {
		return `{"bizOrderNo":"w","bizUserId":"` + payer + `","accountSetNo":"200126","amount":100,"fee":0,"backUrl":"http://127.0.0.1/n",` +
			`"bankCardNo":"` + card + `","industryCode":"1910","industryName":"其他","source":1,` +
			`"payMethod":{"WITHDRAW_SD":{"amount":100,"unionBank":"102100099996","bankName":"b"` + branch + `}}}`
	}
	tests := []struct {
		name, method, param, code, missing string
	}{
		{"an enterprise's withholding without its branch", "depositApply", withhold("corp", "6228480000000000063", ""), "10001", "province"},
		{"without its city", "depositApply", withhold("corp", "6228480000000000063", `,"province":"山东"`), "10001", "city"},
		{"with both", "depositApply", withhold("corp", "6228480000000000063", `,"province":"山东","city":"济南"`), "", ""},
		{"an enterprise's withdrawal without its branch", "withdrawApply", withdraw("corp", "6228480000000000063", ""), "10001", "province"},
		{"a person's needs neither", "withdrawApply", withdraw("buyer", "6228480000000000001", ""), "", ""},
		{"nor a city with its province", "withdrawApply", withdraw("buyer", "6228480000000000001", `,"province":"山东"`), "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newTest()
			market(t, e)
			reserveMember(t, e, "corp", "6228480000000000063")
			out := call(t, e, "OrderService", tt.method, tt.param)
			key := map[string]string{"depositApply": "WITHHOLD_SD", "withdrawApply": "WITHDRAW_SD"}[tt.method]
			if refused(t, out, tt.code, "payMethod."+key+"."+tt.missing, "spec §5.2") {
				assert.Empty(t, e.Orders("app"), "nothing is kept")
			}
		})
	}
}

// ruleOf is the one note of an outcome's, "" without any.
func ruleOf(out Outcome) string {
	if len(out.Portability) == 0 {
		return ""
	}
	return out.Portability[0].Rule
}

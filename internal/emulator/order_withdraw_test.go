package emulator

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// phoneless is a real-named person "np" with a card bound by cardCheck 1
// and 1000 fen, but no bound phone.
func phoneless(t *testing.T, e *Emulator) {
	t.Helper()
	for _, s := range []struct {
		method string
		param  map[string]any
	}{
		{"createMember", map[string]any{"bizUserId": "np", "memberType": 3, "source": 1}},
		{"setRealName", map[string]any{"bizUserId": "np", "name": "李四", "identityType": 1, "identityNo": "11010119900307803X"}},
		{"applyBindBankCard", map[string]any{"bizUserId": "np", "cardNo": "6228480000000000031", "name": "李四",
			"identityType": 1, "identityNo": "11010119900307803X", "cardCheck": 1}},
	} {
		_, serr := memberCall(t, e, "app", s.method, s.param)
		require.Nil(t, serr, "%s: %v", s.method, serr)
	}
	ok(t, e, "applicationTransfer", `{"bizTransferNo":"fund-np","sourceAccountSetNo":"100001","targetBizUserId":"np","targetAccountSetNo":"200126","amount":1000}`)
}

// TestWithdrawalNotes: the notes of spec §4.2.3. A person with a safe card
// withdraws to it only (note 2, 30029); a member withdraws once its phone
// is bound (note 1: noted member-prerequisite, 30021 with --strict) and
// once it signed the e-contract (§4.1.4 note 6: noted, 30046).
func TestWithdrawalNotes(t *testing.T) {
	tests := []struct {
		name     string
		unsigned bool // the buyer has not signed the e-contract
		param    string
		code     string // refused with
		noted    string // else the code of the member-prerequisite note, if any
		strict   string // the code with --strict
	}{
		{"to the safe card", false, withdrawParams("w1", ""), "", "", ""},
		{"to another card of a person with a safe card", false,
			strings.Replace(withdrawParams("w1", ""), "6228480000000000001", tltCardNo, 1), "30029", "", "30029"},
		{"before the phone is bound", false, strings.NewReplacer(`"buyer"`, `"np"`, "6228480000000000001", "6228480000000000031").
			Replace(withdrawParams("w1", "")), "", "30021", "30021"},
		{"before the e-contract is signed (§4.1.4 note 6)", true, withdrawParams("w1", ""), "", "30046", "30046"},
	}
	for _, tt := range tests {
		for _, strict := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s, strict %v", tt.name, strict), func(t *testing.T) {
				e := newTest()
				if strict {
					e = newStrict()
				}
				market(t, e)
				phoneless(t, e)
				if !tt.unsigned {
					_, serr := e.SignContract("app", "buyer", "")
					require.Nil(t, serr)
				}
				out := call(t, e, "OrderService", "withdrawApply", tt.param)
				want := tt.code
				if strict {
					want = tt.strict
				}
				if refused(t, out, want, "spec §4.") {
					for _, o := range e.Orders("app") {
						assert.NotEqual(t, "w1", o.BizOrderNo, "no order made")
					}
					return
				}
				if tt.noted == "" {
					assert.Empty(t, out.Portability)
					return
				}
				require.Len(t, out.Portability, 1)
				assert.Equal(t, []string{rulePrerequisite, tt.noted}, []string{out.Portability[0].Rule, out.Portability[0].Code})
			})
		}
	}
}

// platformWithdrawal is the platform's withdrawal from 100001 to its
// corporate account; extra is spliced in before the closing brace.
func platformWithdrawal(no string, fee int64, extra string) string {
	return fmt.Sprintf(`{"bizOrderNo":%q,"bizUserId":"#yunBizUserId_B2C#","accountSetNo":"100001","amount":1000,"fee":%d,`+
		`"backUrl":"http://127.0.0.1/n","bankCardNo":"1234567890123","industryCode":"1910","industryName":"其他","source":1%s}`,
		no, fee, extra)
}

// TestPlatformWithdrawal: the platform withdraws from its own account to
// its corporate account, bankCardPro 1 (spec §4.2.3), at once with
// validateType 0 (by SMS otherwise: TestPlatformWithdrawalBySMS).
func TestPlatformWithdrawal(t *testing.T) {
	tests := []struct {
		name, param, code, says string
		fee                     int64
	}{
		{"with bankCardPro 1", platformWithdrawal("w1", 0, `,"bankCardPro":1,"validateType":0`), "", "", 0},
		{"with a fee", platformWithdrawal("w1", 10, `,"bankCardPro":1,"validateType":0`), "", "", 10},
		{"without bankCardPro", platformWithdrawal("w1", 0, ""), "10001", "bankCardPro", 0},
		{"to a personal card", platformWithdrawal("w1", 0, `,"bankCardPro":0`), "10000", "corporate account", 0},
		{"from a set it lacks", strings.Replace(platformWithdrawal("w1", 0, `,"bankCardPro":1`), "100001", "999999", 1), "30019", "", 0},
		// spec §4.2.3 accountSetNo (spec-V2.1.5.txt lines 5236-5241) and validateType (line 5268)
		{"from the deposit set 100002", strings.Replace(platformWithdrawal("w1", 0, `,"bankCardPro":1`), `"100001"`, `"100002"`, 1), "30018", "§4.2.3", 0},
		{"from the reserve set 100003", strings.Replace(platformWithdrawal("w1", 0, `,"bankCardPro":1`), `"100001"`, `"100003"`, 1), "30018", "100003", 0},
		{"from an intermediate set", strings.Replace(platformWithdrawal("w1", 0, `,"bankCardPro":1`), `"100001"`, `"100005"`, 1), "30018", "100005", 0},
		{"confirmed by password", platformWithdrawal("w1", 0, `,"bankCardPro":1,"validateType":2`), "40028", "§4.2.3", 0},
		{"more than it holds", strings.Replace(platformWithdrawal("w1", 0, `,"bankCardPro":1,"validateType":0`), `"amount":1000,`, `"amount":1000000001,`, 1),
			"40014", "", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newTest()
			before := ok(t, e, "queryMerchantBalance", `{"accountSetNo":"100001"}`)
			out := call(t, e, "OrderService", "withdrawApply", tt.param)
			if refused(t, out, tt.code, tt.says) {
				return
			}
			assert.Equal(t, "success", out.Value["payStatus"], "no confirmation")
			after := ok(t, e, "queryMerchantBalance", `{"accountSetNo":"100001"}`)
			assert.Equal(t, asInt(before["allAmount"])-1000+tt.fee, asInt(after["allAmount"]), "the fee it pays itself stays")
			assert.Equal(t, OwnerPlatform, e.Orders("app")[0].Payer)
		})
	}
}

// TestWithdrawTypes: each channel takes the withdrawTypes of spec §4.2.3
// note 6's table (spec-V2.1.5.txt lines 5091-5124): 山东代付 not
// D0customized, 金服宝代付 neither T1customized nor D0customized (40042 该提现方式不支持);
// 通联通代付 all four.
func TestWithdrawTypes(t *testing.T) {
	sd := `{"WITHDRAW_SD":{"amount":100,"unionBank":"102100099996","bankName":"b"}}`
	jfb := `{"WITHDRAW_JFB":{"amount":100}}`
	tlt := `{"WITHDRAW_TLT":{"payTypeName":"withdraw_tlt"}}`
	tests := []struct {
		payMethod, withdrawType, code string
	}{
		{tlt, "D0customized", ""},
		{tlt, "T1customized", ""},
		{sd, "T1customized", ""},
		{sd, "D0customized", "40042"},
		{jfb, "D1", ""},
		{jfb, "T1customized", "40042"},
		{jfb, "D0customized", "40042"},
		{jfb, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.payMethod[2:14]+" "+tt.withdrawType, func(t *testing.T) {
			e := newTest()
			market(t, e)
			param := fmt.Sprintf(`{"bizOrderNo":"w1","bizUserId":"buyer","accountSetNo":"200126","amount":100,"fee":0,`+
				`"backUrl":"http://127.0.0.1/n","bankCardNo":"6228480000000000001","industryCode":"1910","industryName":"其他",`+
				`"source":1,"payMethod":%s,"withdrawType":%q}`, tt.payMethod, tt.withdrawType)
			if refused(t, call(t, e, "OrderService", "withdrawApply", param), tt.code, "§4.2.3 note 6", tt.withdrawType) {
				assert.Empty(t, e.Orders("app"), "nothing kept")
			}
		})
	}
}

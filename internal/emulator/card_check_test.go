package emulator

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestApplyBindBankCardByCardCheck: what applyBindBankCard does for each
// binding method of spec §6.18, with the test environment's data.
func TestApplyBindBankCardByCardCheck(t *testing.T) {
	extra := func(kv ...any) map[string]any {
		m := map[string]any{}
		for i := 0; i < len(kv); i += 2 {
			m[kv[i].(string)] = kv[i+1]
		}
		return m
	}
	for _, tc := range []struct {
		name      string
		holder    [2]string // name, id of the real-named member
		param     map[string]any
		code, msg string
		atOnce    bool     // bound without bindBankCard
		tranceNum bool     // the answer has one
		cardType  int64    // of the answer, when OK
		notes     []string // Portability rules
	}{
		{"7 by default: waits, answers tranceNum", [2]string{validName, validID},
			apply("p", abcCard, validName, validID, "13800000001", 0, nil), "", "", false, true, cardDebit, nil},
		{"7: a credit card needs validate and cvv2", [2]string{validName, validID},
			apply("p", ccbCredit, validName, validID, "13800000001", 7, extra("cvv2", "123")), "10001", "validate", false, false, 0,
			nil}, // a real bank's card is what cardCheck 7 takes in the test environment (spec §6.18)
		{"1: binds at once without a phone", [2]string{validName, validID},
			apply("p", abcCard, validName, validID, "", 1, nil), "", "", true, false, cardDebit, nil},
		{"1: refuses credit cards", [2]string{validName, validID},
			apply("p", ccbCredit, validName, validID, "", 1, nil), "40012", "cardCheck 1 does not bind credit cards", false, false, 0,
			[]string{ruleTestCard}},
		{"2: removed in 2.1.3", [2]string{validName, validID},
			apply("p", abcCard, validName, validID, "13800000001", 2, nil), "10000", "removed in spec 2.1.3", false, false, 0, nil},
		{"4: not a method of §6.18", [2]string{validName, validID},
			apply("p", abcCard, validName, validID, "13800000001", 4, nil), "10000", "not a binding method", false, false, 0, nil},
		{"99: the back office's", [2]string{validName, validID},
			apply("p", abcCard, validName, validID, "13800000001", 99, nil), "10000", "back office", false, false, 0, nil},
		{"3: waits, no tranceNum", [2]string{validName, validID},
			apply("p", abcCard, validName, validID, rnpPhone, 3, nil), "", "", false, false, cardDebit, nil},
		{"3: another phone than the test phone", [2]string{validName, validID},
			apply("p", abcCard, validName, validID, "13800000001", 3, nil), "", "", false, false, cardDebit, []string{ruleTestData}},
		{"3: refuses credit cards", [2]string{validName, validID},
			apply("p", ccbCredit, validName, validID, rnpPhone, 3, extra("validate", "0321", "cvv2", "123")), "40012", "cardCheck 3",
			false, false, 0, []string{ruleTestCard}},
		{"5: its test data binds at once", [2]string{tsyName, tsyID},
			apply("p", tsyCard, tsyName, tsyID, tsyPhone, 5, nil), "", "", true, false, cardDebit, nil},
		{"5: other data", [2]string{validName, validID},
			apply("p", abcCard, validName, validID, "13800000001", 5, nil), "", "", true, false, cardDebit, []string{ruleTestData}},
		{"6: ending 05 succeeds", [2]string{validName, validID},
			apply("p", "6228480000000000005", validName, validID, "13800000001", 6, nil), "", "", false, true, cardDebit, nil},
		{"6: ending 00 without validate or cvv2", [2]string{validName, validID},
			apply("p", abcCredit, validName, validID, "13800000001", 6, nil), "10001", "validate or cvv2", false, false, 0, nil},
		{"6: ending 00 with cvv2 is a credit card", [2]string{validName, validID},
			apply("p", abcCredit, validName, validID, "13800000001", 6, extra("cvv2", "123")), "", "", false, true, cardCredit, nil},
		{"6: ending 00 with validate is a credit card", [2]string{validName, validID},
			apply("p", abcCredit, validName, validID, "13800000001", 6, extra("validate", "0321")), "", "", false, true, cardCredit, nil},
		{"6: ending 01, phone mismatch", [2]string{validName, validID},
			apply("p", "6228480000000000001", validName, validID, "13800000001", 6, nil), "30014", "手机号不一致", false, false, 0, nil},
		{"6: ending 02, ID mismatch", [2]string{validName, validID},
			apply("p", "6228480000000000002", validName, validID, "13800000001", 6, nil), "30009", "身份证不一致", false, false, 0, nil},
		{"6: ending 03, card abnormal", [2]string{validName, validID},
			apply("p", "6228480000000000003", validName, validID, "13800000001", 6, nil), "30014", "卡号异常", false, false, 0, nil},
		{"6: ending 04, name mismatch", [2]string{validName, validID},
			apply("p", "6228480000000000004", validName, validID, "13800000001", 6, nil), "30009", "账号户名不一致", false, false, 0, nil},
		{"6: a phone that is not 11 digits", [2]string{validName, validID},
			apply("p", abcCard, validName, validID, "0571888888", 6, nil), "", "", false, true, cardDebit, []string{ruleTestData}},
		{"8: its test data binds at once", [2]string{wxeName, wxeID},
			apply("p", wxeCard, wxeName, wxeID, "13800000001", 8, nil), "", "", true, false, cardDebit, nil},
		{"8: a credit card needs no validate or cvv2", [2]string{validName, validID},
			apply("p", ccbCredit, validName, validID, "13800000001", 8, nil), "", "", true, false, cardCredit,
			[]string{ruleTestCard, ruleTestData}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			et := newEnvTest(t, false)
			et.person("p", tc.holder[0], tc.holder[1])
			out := et.call("applyBindBankCard", tc.param)
			assert.Equal(t, tc.notes, rules(out))
			if tc.code != "" {
				require.NotNil(t, out.Err)
				assert.Equal(t, tc.code, out.Err.Code)
				assert.Contains(t, out.Err.Message, tc.msg)
				assert.Empty(t, et.bound("p"), "nothing bound")
				return
			}
			require.Nil(t, out.Err)
			assert.Equal(t, tc.cardType, out.Value["cardType"])
			_, has := out.Value["tranceNum"]
			assert.Equal(t, tc.tranceNum, has, "tranceNum answered for cardCheck 6 and 7 only")
			if tc.atOnce {
				assert.Equal(t, []string{tc.param["cardNo"].(string)}, et.bound("p"))
			} else {
				assert.Empty(t, et.bound("p"), "waits for bindBankCard")
			}
		})
	}
}

// TestBindBankCardCodes: the SMS code of the confirmation is the configured
// one (default 111111), but 11111 for cardCheck 3 and 111111 for cardCheck
// 6 whatever --verification-code says (spec §6.18; RulesDec2026e), where
// the configured code passes with a note, or fails when strict. cardCheck
// 3 takes 111111 too, §5.2's 实名付 note 5 (line 11427: 开通实名付时，短信
// 验证码为 111111), with --strict too (RulesDec2026f).
func TestBindBankCardCodes(t *testing.T) {
	for _, tc := range []struct {
		name       string
		strict     bool
		configured string // --verification-code; "" the default 111111
		cardCheck  int
		code       string
		want       string
		notes      []string
	}{
		{"7 with 111111", false, "", 7, "111111", "", nil},
		{"7 with 11111", false, "", 7, "11111", "20011", nil},
		{"3 with 11111", false, "", 3, "11111", "", nil},
		{"3 with §5.2's 111111", false, "", 3, "111111", "", nil},
		{"3 with §5.2's 111111, strict", true, "", 3, "111111", "", nil},
		{"3 with §5.2's 111111, another configured, strict", true, "654321", 3, "111111", "", nil},
		{"3 with the configured code", false, "654321", 3, "654321", "", []string{ruleSMSCode}},
		{"3 with the configured code, strict", true, "654321", 3, "654321", "20011", nil},
		{"3 with a wrong code", false, "", 3, "000000", "20011", nil},
		{"6 with 111111", false, "", 6, "111111", "", nil},
		{"7 with another configured code", false, "654321", 7, "654321", "", nil},
		{"7 with 111111, another configured", false, "654321", 7, "111111", "20011", nil},
		{"6 with §6.18's 111111, another configured", false, "654321", 6, "111111", "", nil},
		{"6 with the configured code", false, "654321", 6, "654321", "", []string{ruleSMSCode}},
		{"6 with the configured code, strict", true, "654321", 6, "654321", "20011", nil},
		{"6 with a wrong code", false, "654321", 6, "000000", "20011", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			et := newEnvTest(t, tc.strict)
			if tc.configured != "" {
				et.e.code = tc.configured
			}
			et.person("p", validName, validID)
			phone := "13800000001"
			if tc.cardCheck == 3 {
				phone = rnpPhone
			}
			ap := et.ok("applyBindBankCard", apply("p", abcCard, validName, validID, phone, tc.cardCheck, nil))
			p := map[string]any{"bizUserId": "p", "phone": phone, "verificationCode": tc.code}
			if tn, ok := ap["tranceNum"]; ok {
				p["tranceNum"] = tn
			}
			out := et.call("bindBankCard", p)
			assert.Equal(t, tc.want, errCode(out.Err))
			assert.Equal(t, tc.notes, rules(out))
			if tc.want == "20011" && (tc.cardCheck == 3 || tc.cardCheck == 6) {
				assert.Contains(t, out.Err.Message, map[int]string{3: "or 111111 (§5.2 实名付 note 5", 6: "111111"}[tc.cardCheck])
			}
		})
	}
}

// TestBindBankCardAgreementCodeLivesTenMinutes: a cardCheck 6 binding can
// be confirmed for 10 minutes (spec §6.18), the others for 15.
func TestBindBankCardAgreementCodeLivesTenMinutes(t *testing.T) {
	for _, tc := range []struct {
		cardCheck int
		wait      time.Duration
		want      string
	}{
		{6, 10 * time.Minute, ""},
		{6, 10*time.Minute + time.Second, "30016"},
		{7, 15 * time.Minute, ""},
		{7, 15*time.Minute + time.Second, "30016"},
	} {
		t.Run(tc.wait.String(), func(t *testing.T) {
			et := newEnvTest(t, false)
			et.person("p", validName, validID)
			ap := et.ok("applyBindBankCard", apply("p", abcCard, validName, validID, "13800000001", tc.cardCheck, nil))
			et.clock.Advance(tc.wait)
			out := et.call("bindBankCard", map[string]any{"bizUserId": "p", "tranceNum": ap["tranceNum"],
				"phone": "13800000001", "verificationCode": "111111"})
			assert.Equal(t, tc.want, errCode(out.Err))
		})
	}
}

// TestBoundCardsListTheirBindMethod: queryBankCard's bindMethod is the
// cardCheck a card was bound with (spec §5.7), bankCardPro 0.
func TestBoundCardsListTheirBindMethod(t *testing.T) {
	et := newEnvTest(t, false)
	et.person("p", wxeName, wxeID)
	et.ok("applyBindBankCard", apply("p", wxeCard, wxeName, wxeID, "13800000001", 8, map[string]any{"unionBank": "103100000026"}))
	ap := et.ok("applyBindBankCard", apply("p", abcCard, wxeName, wxeID, "13800000001", 0, nil))
	et.ok("bindBankCard", map[string]any{"bizUserId": "p", "tranceNum": ap["tranceNum"], "phone": "13800000001",
		"verificationCode": "111111"})
	list := asList(et.ok("queryBankCard", map[string]any{"bizUserId": "p"})["bindCardList"])
	require.Len(t, list, 2)
	methods, unionBanks := map[string]any{}, map[string]any{}
	for _, c := range list {
		methods[c["bankCardNo"].(string)] = c["bindMethod"]
		unionBanks[c["bankCardNo"].(string)] = c["unionBank"]
		assert.Equal(t, bankCardPersonal, c["bankCardPro"])
	}
	assert.Equal(t, map[string]any{wxeCard: int64(8), abcCard: int64(7)}, methods)
	assert.Equal(t, map[string]any{wxeCard: "103100000026", abcCard: nil}, unionBanks)
}

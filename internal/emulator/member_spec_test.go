package emulator

import (
	"fmt"
	"maps"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestSetRealNameTestIdentities: the spec's test identities (§6.18), whose
// birth dates are impossible and check digits wrong, are taken as they are,
// with no note; a made-up number with an impossible date is still 30012.
func TestSetRealNameTestIdentities(t *testing.T) {
	for _, tc := range []struct {
		name, person, id, code string
	}{
		{"cardCheck 5's", tsyName, tsyID, ""},
		{"cardCheck 8's", wxeName, wxeID, ""},
		{"cardCheck 8's under another name", "张三", wxeID, ""},
		{"an impossible date of no test identity", "张三", "310226123456745670", "30012"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			et := newEnvTest(t, true)
			et.ok("createMember", map[string]any{"bizUserId": "p", "memberType": 3, "source": 1})
			out := et.call("setRealName", map[string]any{"bizUserId": "p", "name": tc.person, "identityType": 1, "identityNo": tc.id})
			assert.Equal(t, tc.code, errCode(out.Err))
			assert.Empty(t, out.Portability)
		})
	}
}

// TestIDCheckDigit: GB 11643's check character.
func TestIDCheckDigit(t *testing.T) {
	for no, ok := range map[string]bool{
		"110101199001011237": true, "11010119900307803X": true, "11010119900307803x": true, "440304198511200419": true,
		"110101199001011234": false, "110101199001011238": false,
	} {
		assert.Equal(t, ok, idCheckDigitOK(no), no)
	}
}

// TestVspTermidService: terminals bind to one member each, query lists
// them (§5.14), and the platform binds its own (spec §4.1.21).
func TestVspTermidService(t *testing.T) {
	et := newEnvTest(t, false)
	et.ok("createMember", map[string]any{"bizUserId": "m1", "memberType": 2, "source": 2})
	et.ok("createMember", map[string]any{"bizUserId": "m2", "memberType": 3, "source": 1})
	set := func(who, term string) Outcome {
		return et.call("vspTermidService", map[string]any{"bizUserId": who, "operationType": "set",
			"vspCusid": "55058404816VQLX", "appid": "00013940", "vspTermid": term})
	}
	require.Nil(t, set("m1", "T1").Err)
	et.clock.Advance(60e9)
	got := set("m1", "T2")
	require.Nil(t, got.Err)
	assert.Equal(t, "OK", got.Value["result"])
	assert.Equal(t, []map[string]any{
		{"vspCusid": "55058404816VQLX", "vspTermid": "T1", "setDate": "2026-11-28 12:00:00"},
		{"vspCusid": "55058404816VQLX", "vspTermid": "T2", "setDate": "2026-11-28 12:01:00"},
	}, asList(got.Value["vspTermidList"]))

	taken := set("m2", "T1")
	assert.Equal(t, "20009", errCode(taken.Err))
	assert.Contains(t, taken.Err.Message, `bound to bizUserId "m1"`)
	assert.Equal(t, "", errCode(set("m1", "T1").Err), "setting a terminal again is OK")

	query := func(who, term string) []map[string]any {
		p := map[string]any{"bizUserId": who, "operationType": "query", "vspCusid": "c", "appid": "a"}
		if term != "" {
			p["vspTermid"] = term
		}
		return asList(et.ok("vspTermidService", p)["vspTermidList"])
	}
	assert.Len(t, query("m1", ""), 2)
	assert.Equal(t, "T2", query("m1", "T2")[0]["vspTermid"])
	assert.Empty(t, query("m1", "T9"))
	assert.Empty(t, query("m2", ""), "an empty array, not an error")

	noTerm := et.call("vspTermidService", map[string]any{"bizUserId": "m2", "operationType": "set", "vspCusid": "c", "appid": "a"})
	assert.Equal(t, "10001", errCode(noTerm.Err))
	platform := et.ok("vspTermidService", map[string]any{"bizUserId": OwnerPlatform, "operationType": "set",
		"vspMerchantid": "330451050136261", "vspCusid": "c", "appid": "a", "vspTermid": "P1"})
	assert.Equal(t, "330451050136261", asList(platform["vspTermidList"])[0]["vspMerchantid"])
	assert.Equal(t, "30001", errCode(set("nobody", "T3").Err))
}

// TestBankCardChangeBindPhone: the phone is changed by a card's SMS code
// (spec §4.1.25, §4.1.26): a bound card takes the new phone, an unbound one
// is bound with it, and the member's phone becomes it. queryBankCard lists
// the phone of the card bound with it (cardCheck 7), not of one bound by
// three elements first (§5.7 phone: 仅四要素绑定的银行卡返回).
func TestBankCardChangeBindPhone(t *testing.T) {
	change := func(cardNo, phone string, cc int) map[string]any {
		p := apply("p", cardNo, validName, validID, phone, cc, nil)
		return p
	}
	for _, tc := range []struct {
		name       string
		boundFirst bool
	}{{"a bound card", true}, {"a new card", false}} {
		t.Run(tc.name, func(t *testing.T) {
			et := newEnvTest(t, false)
			et.person("p", validName, validID)
			et.withPhone("p", "13800000001")
			if tc.boundFirst {
				et.ok("applyBindBankCard", apply("p", abcCard, validName, validID, "", 1, nil))
			}
			ap := et.ok("bankCardChangeBindPhone", change(abcCard, "13900000002", 7))
			assert.Equal(t, "农业银行", ap["bankName"])
			wrong := et.call("verifyBankCardChangeBindPhone", map[string]any{"bizUserId": "p", "tranceNum": ap["tranceNum"],
				"phone": "13900000002", "verificationCode": "000000"})
			assert.Equal(t, "20011", errCode(wrong.Err))
			v := et.ok("verifyBankCardChangeBindPhone", map[string]any{"bizUserId": "p", "tranceNum": ap["tranceNum"],
				"phone": "13900000002", "verificationCode": "111111"})
			assert.Equal(t, ap["tranceNum"], v["tranceNum"])
			info := et.ok("getMemberInfo", map[string]any{"bizUserId": "p"})["memberInfo"].(map[string]any)
			assert.Equal(t, "13900000002", info["phone"])
			cards := asList(et.ok("queryBankCard", map[string]any{"bizUserId": "p"})["bindCardList"])
			require.Len(t, cards, 1)
			if tc.boundFirst {
				// bound by three elements first (bindMethod 1, 绑卡方式(首次)): no phone listed (§5.7)
				assert.NotContains(t, cards[0], "phone")
			} else {
				assert.Equal(t, "13900000002", cards[0]["phone"])
			}
			again := et.call("verifyBankCardChangeBindPhone", map[string]any{"bizUserId": "p", "tranceNum": ap["tranceNum"],
				"phone": "13900000002", "verificationCode": "111111"})
			assert.Equal(t, "30016", errCode(again.Err), "used up")
		})
	}
}

// TestBankCardChangeBindPhoneRefusals: its prerequisites and the bank's
// checks, cardCheck 6's simulations included.
func TestBankCardChangeBindPhoneRefusals(t *testing.T) {
	for _, tc := range []struct {
		name  string
		setup func(et *envTest)
		param map[string]any
		code  string
	}{
		{"an enterprise", func(et *envTest) {
			et.ok("createMember", map[string]any{"bizUserId": "p", "memberType": 2, "source": 2})
		}, apply("p", abcCard, validName, validID, "13900000002", 7, nil), "30006"},
		{"not real-named", func(et *envTest) {
			et.ok("createMember", map[string]any{"bizUserId": "p", "memberType": 3, "source": 1})
		}, apply("p", abcCard, validName, validID, "13900000002", 7, nil), "30008"},
		{"no bound phone", func(et *envTest) { et.person("p", validName, validID) },
			apply("p", abcCard, validName, validID, "13900000002", 7, nil), "30021"},
		{"another holder", nil, apply("p", abcCard, "王五", validID, "13900000002", 7, nil), "30009"},
		{"cardCheck 6, ending 01", nil, apply("p", "6228480000000000001", validName, validID, "13900000002", 6, nil), "30014"},
		{"a credit card without cvv2", nil, apply("p", ccbCredit, validName, validID, "13900000002", 7,
			map[string]any{"validate": "0321"}), "10001"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			et := newEnvTest(t, false)
			if tc.setup != nil {
				tc.setup(et)
			} else {
				et.person("p", validName, validID)
				et.withPhone("p", "13800000001")
			}
			assert.Equal(t, tc.code, errCode(et.call("bankCardChangeBindPhone", tc.param).Err))
		})
	}
}

// TestSubAccountsAndPayAccounts: getMemberInfo shows the latest
// sub-account (spec §5.5, §5.6); a member binds several payment accounts
// (§4.1.23); the platform opens its own sub-account (§4.1.27).
func TestSubAccountsAndPayAccounts(t *testing.T) {
	et := newEnvTest(t, false)
	et.person("p", validName, validID)
	et.withPhone("p", "13800000001")
	info := func() map[string]any {
		return et.ok("getMemberInfo", map[string]any{"bizUserId": "p"})["memberInfo"].(map[string]any)
	}
	assert.NotContains(t, info(), "subAcctNo")
	sub := et.ok("createBankSubAcctNo", map[string]any{"bizUserId": "p", "accountSetNo": "200126", "acctOrgType": 1})
	got := info()
	assert.Equal(t, sub["subAcctNo"], got["subAcctNo"])
	assert.Equal(t, int64(1), got["acctOrgType"])
	platform := et.ok("createBankSubAcctNo", map[string]any{"bizUserId": OwnerPlatform, "accountSetNo": "100001", "acctOrgType": 1})
	assert.Equal(t, OwnerPlatform, platform["bizUserId"])
	assert.NotEqual(t, sub["subAcctNo"], platform["subAcctNo"])

	for _, acct := range []string{"o-1", "o-2", "o-1"} {
		et.ok("applyBindAcct", map[string]any{"bizUserId": "p", "operationType": "set", "acctType": "weChatPublic", "acct": acct})
	}
	et.e.view("a", func(a *app) {
		m := a.members["p"]
		assert.Equal(t, []string{"o-1", "o-2"}, m.payAccts["weChatPublic"])
		assert.True(t, m.hasPayAcct("weChatPublic", "o-2"))
		assert.False(t, m.hasPayAcct("aliPayService", "o-2"))
	})
}

// TestSetSafeCardFalse: setSafeCard false is not supported (spec §4.1.12).
func TestSetSafeCardFalse(t *testing.T) {
	et := newEnvTest(t, false)
	et.person("p", validName, validID)
	et.ok("applyBindBankCard", apply("p", abcCard, validName, validID, "", 1, nil))
	out := et.call("setSafeCard", map[string]any{"bizUserId": "p", "cardNo": abcCard, "setSafeCard": false})
	assert.Equal(t, "10000", errCode(out.Err))
	et.ok("setSafeCard", map[string]any{"bizUserId": "p", "cardNo": abcCard, "setSafeCard": true})
}

// TestCheckPagePhone: the password pages name the bound phone, or
// 88888888888 for a member that never bound one (spec §4.1.23).
func TestCheckPagePhone(t *testing.T) {
	et := newEnvTest(t, false)
	et.person("p", validName, validID)
	assert.Nil(t, et.e.CheckPagePhone("a", "p", NoPhone))
	assert.Equal(t, "30021", errCode(et.e.CheckPagePhone("a", "p", "13800000001")))
	et.withPhone("p", "13800000001")
	assert.Nil(t, et.e.CheckPagePhone("a", "p", "13800000001"))
	assert.Equal(t, "30021", errCode(et.e.CheckPagePhone("a", "p", NoPhone)))
	assert.Equal(t, "30001", errCode(et.e.CheckPagePhone("a", "nobody", NoPhone)))
}

// TestCreditCardPhoneChangeNeedsValidity: confirming the phone change of
// a credit card wants its validate and cvv2 (spec §4.1.26, 信用卡必填).
// Without them tsymock confirms with a required-param note; with --strict
// it answers 10001 and changes nothing. A debit card needs neither.
func TestCreditCardPhoneChangeNeedsValidity(t *testing.T) {
	withCredit := map[string]any{"validate": "0321", "cvv2": "123"}
	for _, tc := range []struct {
		name    string
		cardNo  string
		confirm map[string]any // beside bizUserId, tranceNum, phone and the code
		missing []string       // noted
	}{
		{"a credit card with both", abcCredit, withCredit, nil},
		{"a credit card without cvv2", abcCredit, map[string]any{"validate": "0321"}, []string{"cvv2"}},
		{"a credit card without either", abcCredit, nil, []string{"validate", "cvv2"}},
		{"a debit card", abcCard, nil, nil},
	} {
		for _, strict := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s, strict %v", tc.name, strict), func(t *testing.T) {
				et := newEnvTest(t, strict)
				et.person("p", validName, validID)
				et.withPhone("p", "13800000001")
				ap := et.ok("bankCardChangeBindPhone", apply("p", tc.cardNo, validName, validID, "13900000002", 6, withCredit))
				confirm := map[string]any{"bizUserId": "p", "tranceNum": ap["tranceNum"], "phone": "13900000002", "verificationCode": "111111"}
				maps.Copy(confirm, tc.confirm)
				out := et.call("verifyBankCardChangeBindPhone", confirm)
				phone := et.ok("getMemberInfo", map[string]any{"bizUserId": "p"})["memberInfo"].(map[string]any)["phone"]
				if strict && len(tc.missing) > 0 {
					require.NotNil(t, out.Err)
					assert.Equal(t, "10001", out.Err.Code)
					assert.Contains(t, out.Err.Message, tc.missing[0]+": spec §4.1.26")
					assert.Equal(t, "13800000001", phone, "nothing changed")
					return
				}
				require.Nil(t, out.Err)
				assert.Equal(t, "13900000002", phone)
				var noted []string
				for _, n := range out.Portability {
					assert.Equal(t, []string{ruleRequired, "10001"}, []string{n.Rule, n.Code})
					noted = append(noted, strings.SplitN(n.Message, ":", 2)[0])
				}
				assert.Equal(t, tc.missing, noted)
			})
		}
	}
}

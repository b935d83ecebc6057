package emulator

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// portabilityCase is a call that relies on tsymock being more lenient than
// the real test environment.
type portabilityCase struct {
	name   string
	setup  func(et *envTest)
	method string
	param  map[string]any
	rule   string
	code   string // the real test environment's answer
}

func portabilityCases() []portabilityCase {
	person := func(et *envTest) { et.person("p", validName, validID) }
	bare := func(et *envTest) {
		et.ok("createMember", map[string]any{"bizUserId": "p", "memberType": 3, "source": 1})
	}
	company := func(et *envTest) {
		et.ok("createMember", map[string]any{"bizUserId": "c", "memberType": 2, "source": 2})
	}
	pending := func(cc int, phone string) func(et *envTest) {
		return func(et *envTest) {
			person(et)
			et.ok("applyBindBankCard", apply("p", abcCard, validName, validID, phone, cc, nil))
		}
	}
	return []portabilityCase{
		{"a bizUserId in Chinese", bare, "createMember",
			map[string]any{"bizUserId": "会员一", "memberType": 3, "source": 1}, RuleBizUserIDChinese, "10000"},
		{"getBankCardBin of a card outside the test cards", bare, "getBankCardBin",
			map[string]any{"cardNo": "6222020000000000002"}, ruleTestCard, "30049"},
		{"a 16-digit 622848 card", person, "applyBindBankCard",
			apply("p", "6228480000000005", validName, validID, "13800000001", 6, nil), ruleTestCard, "30049"},
		{"an ID number with a wrong check digit", bare, "setRealName",
			map[string]any{"bizUserId": "p", "name": "张三", "identityType": 1, "identityNo": "110101199001011234"},
			ruleTestIdentity, "30012"},
		{"a passport", bare, "setRealName",
			map[string]any{"bizUserId": "p", "name": "张三", "identityType": 3, "identityNo": "E12345678"}, ruleIdentityType, "20012"},
		{"another certificate (§6.2 99 其它证件)", bare, "setRealName",
			map[string]any{"bizUserId": "p", "name": "张三", "identityType": 99, "identityNo": "X1"}, ruleIdentityType, "20012"},
		{"a card applied for with another certificate (99)", person, "applyBindBankCard",
			apply("p", abcCard, validName, validID, "13800000001", 0, map[string]any{"identityType": 99}), ruleIdentityType, "20012"},
		{"a card applied for with a passport", person, "applyBindBankCard",
			apply("p", abcCard, validName, validID, "13800000001", 0, map[string]any{"identityType": 3}), ruleIdentityType, "20012"},
		{"a phone of a special prefix", person, "applyBindBankCard",
			apply("p", abcCard, validName, validID, "18800000001", 0, nil), rulePhonePrefix, "30014"},
		{"cardCheck 5 without its test data", person, "applyBindBankCard",
			apply("p", abcCard, validName, validID, "13800000001", 5, nil), ruleTestData, "30014"},
		{"cardCheck 8 without its test data", person, "applyBindBankCard",
			apply("p", abcCard, validName, validID, "13800000001", 8, nil), ruleTestData, "30014"},
		{"cardCheck 3 confirmed with the configured code", func(et *envTest) {
			pending(3, rnpPhone)(et)
			et.e.code = "654321" // --verification-code; 11111 and 111111 are the spec's (§6.18, §5.2)
		}, "bindBankCard", map[string]any{"bizUserId": "p", "phone": rnpPhone, "verificationCode": "654321"}, ruleSMSCode, "20011"},
		{"applyBindBankCard without a phone", person, "applyBindBankCard",
			apply("p", abcCard, validName, validID, "", 0, nil), ruleRequired, "10001"},
		{"bindBankCard of cardCheck 7 without tranceNum", pending(7, "13800000001"), "bindBankCard",
			map[string]any{"bizUserId": "p", "phone": "13800000001", "verificationCode": "111111"}, ruleRequired, "10001"},
		{"createBankSubAcctNo before setRealName", bare, "createBankSubAcctNo",
			map[string]any{"bizUserId": "p", "accountSetNo": "200126", "acctOrgType": 1}, rulePrerequisite, "30008"},
		{"createBankSubAcctNo without a phone", person, "createBankSubAcctNo",
			map[string]any{"bizUserId": "p", "accountSetNo": "200126", "acctOrgType": 1}, rulePrerequisite, "30021"},
		{"a cvv2 of 4 digits", person, "applyBindBankCard", apply("p", ccbCredit, validName, validID, "13800000001", 7,
			map[string]any{"validate": "0321", "cvv2": "1234"}), ruleParamFormat, "10000"},
		{"a unionBank of 11 digits", person, "applyBindBankCard", apply("p", abcCard, validName, validID, "13800000001", 7,
			map[string]any{"unionBank": "10333100000"}), ruleParamFormat, "40037"},
		{"createBankSubAcctNo of a member in the platform's set", func(et *envTest) {
			person(et)
			et.withPhone("p", "13800000001")
		}, "createBankSubAcctNo", map[string]any{"bizUserId": "p", "accountSetNo": "100001", "acctOrgType": 1},
			ruleSubAcctSet, "30018"},
		{"a backUrl holding \"#\"", company, "setCompanyInfo", func() map[string]any {
			p := companyParams("甲公司", true)
			p["backUrl"] = "http://127.0.0.1:8080/#/notify"
			return p
		}(), RuleURLFragment, "10000"},
		{"a backUrl whose query has sign", company, "setCompanyInfo", func() map[string]any {
			p := companyParams("甲公司", true)
			p["backUrl"] = "http://127.0.0.1:8080/notify?sign=mine"
			return p
		}(), RuleURLReturnKey, "10000"},
		{"a backUrl that is no URL", company, "setCompanyInfo", func() map[string]any {
			p := companyParams("甲公司", true)
			p["backUrl"] = "127.0.0.1:8080/notify"
			return p
		}(), RuleURLFormat, "40029"},
		{"an enterprise's bindPhone before setCompanyInfo", func(et *envTest) {
			company(et)
			et.ok("sendVerificationCode", map[string]any{"bizUserId": "c", "phone": "13800000001", "verificationCodeType": 9})
		}, "bindPhone", map[string]any{"bizUserId": "c", "phone": "13800000001", "verificationCode": "111111"},
			rulePrerequisite, "30030"},
		{"a code to bind a phone that is no mobile number", bare, "sendVerificationCode",
			map[string]any{"bizUserId": "p", "phone": "abc", "verificationCodeType": 9}, ruleParamFormat, "10000"},
		{"a code to bind a 10-digit phone", bare, "sendVerificationCode",
			map[string]any{"bizUserId": "p", "phone": "1380000000", "verificationCodeType": 9}, ruleParamFormat, "10000"},
		{"applyBindAcct of an enterprise", company, "applyBindAcct",
			map[string]any{"bizUserId": "c", "operationType": "set", "acctType": "weChatPublic", "acct": "o-openid"},
			RuleMemberType, "30006"},
		{"a parentBankName outside §6.21", company, "setCompanyInfo", companyWith("parentBankName", "火星银行"),
			RuleBankName, "10000"},
		{"an expLicense not yyyy-MM-dd", company, "setCompanyInfo", companyWith("expLicense", "2030/13/45"),
			ruleParamFormat, "40044"},
		{"a companyName with ASCII brackets", company, "setCompanyInfo", companyWith("companyName", "甲(北京)公司"),
			ruleParamFormat, "10000"},
		{"a legalPhone that is no mobile number", company, "setCompanyInfo", companyWith("legalPhone", "abc"),
			ruleParamFormat, "10000"},
		{"unbindBankCard of a cardCheck 1 card", func(et *envTest) {
			person(et)
			et.ok("applyBindBankCard", apply("p", abcCard, validName, validID, "", 1, nil))
		}, "unbindBankCard", map[string]any{"bizUserId": "p", "cardNo": abcCard}, RuleUnbindMethod, "30015"},
	}
}

// companyWith are setCompanyInfo's params for "c" with companyBasicInfo's
// key set to value.
func companyWith(key, value string) map[string]any {
	p := companyParams("甲公司", true)
	p["companyBasicInfo"].(map[string]any)[key] = value
	return p
}

// TestPortabilityRules: each leniency passes with one note naming its rule
// and the real environment's code, and with Config.Strict fails with that
// code before it changes anything.
func TestPortabilityRules(t *testing.T) {
	for _, tc := range portabilityCases() {
		for _, strict := range []bool{false, true} {
			name := tc.name
			if strict {
				name += " strict"
			}
			t.Run(name, func(t *testing.T) {
				et := newEnvTest(t, strict)
				tc.setup(et)
				before := snapshot(et.e, "a")
				out := et.call(tc.method, tc.param)
				if strict {
					require.NotNil(t, out.Err)
					assert.Equal(t, tc.code, out.Err.Code)
					assert.Contains(t, out.Err.Message, "rule "+tc.rule)
					assert.Empty(t, out.Portability)
					assert.Equal(t, before, snapshot(et.e, "a"), "a refused call changes nothing")
					return
				}
				require.Nil(t, out.Err)
				require.Len(t, out.Portability, 1, "%v", out.Portability)
				assert.Equal(t, tc.rule, out.Portability[0].Rule)
				assert.Equal(t, tc.code, out.Portability[0].Code)
				assert.Contains(t, out.Portability[0].Message, "spec §")
			})
		}
	}
}

// TestPortableCallsHaveNoNotes: the spec's own test data passes without a
// note: a member real-named with a test identity binds its test card.
func TestPortableCallsHaveNoNotes(t *testing.T) {
	for _, tc := range []struct {
		name, holder, id, card, phone string
		cardCheck                     int
	}{
		{"cardCheck 5", tsyName, tsyID, tsyCard, tsyPhone, 5},
		{"cardCheck 8", wxeName, wxeID, wxeCard, "13800000001", 8},
		{"cardCheck 6", validName, validID, abcCard, "13800000001", 6},
		{"cardCheck 7", validName, validID, abcCard, "13800000001", 7},
		// spec §6.18: cardCheck 7 binds real bank cards in the test environment
		{"cardCheck 7 with another bank's card", validName, validID, "6222020000000000002", "13800000001", 7},
		{"cardCheck 7 by default with a 16-digit card", validName, validID, "6228480000000005", "13800000001", 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			et := newEnvTest(t, true)
			et.person("p", tc.holder, tc.id)
			out := et.call("applyBindBankCard", apply("p", tc.card, tc.holder, tc.id, tc.phone, tc.cardCheck, nil))
			require.Nil(t, out.Err)
			assert.Empty(t, out.Portability)
		})
	}
}

// TestEveryRuleIsTestedAndDocumented: PortabilityRules lists exactly the
// rules the cases exercise, and docs/methods.md names each.
func TestEveryRuleIsTestedAndDocumented(t *testing.T) {
	var tested, listed []string
	rules := []string{RuleTestAmount, RuleCheckFileNotMade} // TestAppPaymentAmounts, TestCheckFileNotMade
	for _, tc := range portabilityCases() {
		rules = append(rules, tc.rule)
	}
	for _, tc := range orderLeniencies() {
		rules = append(rules, tc.rule)
	}
	for _, r := range rules {
		if !slices.Contains(tested, r) {
			tested = append(tested, r)
		}
	}
	docs, err := os.ReadFile(filepath.Join("..", "..", "docs", "methods.md"))
	require.NoError(t, err)
	for _, r := range PortabilityRules() {
		listed = append(listed, r.Rule)
		assert.True(t, strings.Contains(string(docs), "`"+r.Rule+"`"), "docs/methods.md documents rule %s", r.Rule)
	}
	assert.ElementsMatch(t, listed, tested)
}

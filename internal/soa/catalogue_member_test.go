package soa

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// specMemberRequired is, per method of specification V2.1.5 §4.1, the params its request table
// marks required (是) and the ones it marks encrypted (RSA 加密), written out from the spec
// independently of the tables (TestCatalogueParamsMatchTheSpecification reads them from the
// spec's text).
var specMemberRequired = map[string]struct{ required, encrypted []string }{
	"MemberService.createMember":         {[]string{"bizUserId", "memberType", "source"}, nil},
	"MemberService.sendVerificationCode": {[]string{"bizUserId", "phone", "verificationCodeType"}, nil},
	"MemberService.bindPhone":            {[]string{"bizUserId", "phone", "verificationCode"}, nil},
	"MemberService.signContract":         {[]string{"bizUserId", "jumpUrl", "backUrl", "source"}, nil},
	"MemberService.setRealName":          {[]string{"bizUserId", "name", "identityType", "identityNo"}, []string{"identityNo"}},
	"MemberService.setCompanyInfo": {[]string{"bizUserId", "companyBasicInfo", "isAuth"},
		[]string{"companyBasicInfo.legalIds", "companyBasicInfo.accountNo"}},
	"MemberService.getMemberInfo":  {[]string{"bizUserId"}, nil},
	"MemberService.getBankCardBin": {[]string{"cardNo"}, []string{"cardNo"}},
	"MemberService.applyBindBankCard": {[]string{"bizUserId", "cardNo", "name", "identityType", "identityNo"},
		[]string{"cardNo", "identityNo", "validate", "cvv2"}},
	"MemberService.bindBankCard":   {[]string{"bizUserId", "phone", "verificationCode"}, []string{"validate", "cvv2"}},
	"MemberService.setSafeCard":    {[]string{"bizUserId", "cardNo"}, []string{"cardNo"}},
	"MemberService.queryBankCard":  {[]string{"bizUserId"}, []string{"cardNo"}},
	"MemberService.unbindBankCard": {[]string{"bizUserId", "cardNo"}, []string{"cardNo"}},
	"MemberService.lockMember":     {[]string{"bizUserId"}, nil},
	"MemberService.unlockMember":   {[]string{"bizUserId"}, nil},
	"MemberPwdService.setPayPwd": {[]string{"bizUserId", "name", "identityType", "identityNo", "phone", "jumpUrl", "backUrl"},
		[]string{"identityNo"}},
	"MemberPwdService.updatePayPwd": {[]string{"bizUserId", "name", "identityType", "identityNo", "backUrl"},
		[]string{"identityNo"}},
	"MemberPwdService.resetPayPwd": {[]string{"bizUserId", "name", "identityType", "identityNo", "phone", "backUrl"},
		[]string{"identityNo"}},
	"MemberPwdService.updatePhoneByPayPwd": {[]string{"bizUserId", "name", "identityType", "identityNo", "oldPhone", "backUrl"},
		[]string{"identityNo"}},
	"MemberService.vspTermidService": {[]string{"bizUserId", "operationType", "vspCusid", "appid"}, nil},
	"MemberService.applyBindAcct":    {[]string{"bizUserId", "operationType", "acctType", "acct"}, nil},
	"MemberService.unbindPhone":      {[]string{"bizUserId", "phone", "verificationCode"}, nil},
	"MemberService.bankCardChangeBindPhone": {[]string{"bizUserId", "cardNo", "phone", "name", "cardCheck", "identityType", "identityNo"},
		[]string{"cardNo", "identityNo", "validate", "cvv2"}},
	"MemberService.verifyBankCardChangeBindPhone": {[]string{"bizUserId", "phone", "verificationCode"},
		[]string{"validate", "cvv2"}},
	"MemberService.createBankSubAcctNo": {[]string{"accountSetNo", "bizUserId", "acctOrgType"}, nil},
}

// TestMemberTablesFollowTheSpec: every MemberService and MemberPwdService method requires and
// encrypts what the specification's request table says. applyBindBankCard's phone (required but
// for cardCheck 1) and the tranceNum of cardCheck 6 and 7 depend on other params, so the emulator
// checks them, not the catalogue.
func TestMemberTablesFollowTheSpec(t *testing.T) {
	c := DefaultCatalogue()
	seen := 0
	for _, m := range c.Methods() {
		if m.Service != MemberService && m.Service != MemberPwdService || m.Name == "signContractQuery" {
			continue
		}
		want, ok := specMemberRequired[m.FullName()]
		if !assert.True(t, ok, "%s is not in the spec table of this test", m.FullName()) {
			continue
		}
		seen++
		var required []string
		for _, p := range m.Params {
			if p.Required {
				required = append(required, p.Name)
			}
		}
		assert.ElementsMatch(t, want.required, required, "%s required", m.FullName())
		assert.ElementsMatch(t, want.encrypted, m.EncryptedRequestPaths(), "%s encrypted", m.FullName())
	}
	assert.Equal(t, len(specMemberRequired), seen, "every method of the spec's §4.1 is in the catalogue")
}

// TestMemberEnums: the closed value sets of §4.1 are refused with 10000 naming the param.
func TestMemberEnums(t *testing.T) {
	c := DefaultCatalogue()
	tests := []struct {
		method string
		param  map[string]any
		bad    string
	}{
		{"vspTermidService", map[string]any{"bizUserId": "u", "operationType": "unbind", "vspCusid": "c", "appid": "a"}, "operationType"},
		{"applyBindAcct", map[string]any{"bizUserId": "u", "operationType": "set", "acctType": "wechat", "acct": "o"}, "acctType"},
		{"applyBindAcct", map[string]any{"bizUserId": "u", "operationType": "delete", "acctType": "weChatPublic", "acct": "o"}, "operationType"},
		{"createBankSubAcctNo", map[string]any{"bizUserId": "u", "accountSetNo": "200126", "acctOrgType": 2}, "acctOrgType"},
		{"bankCardChangeBindPhone", map[string]any{"bizUserId": "u", "cardNo": "x", "phone": "p", "name": "n",
			"cardCheck": 5, "identityType": 1, "identityNo": "i"}, "cardCheck"},
		{"applyBindBankCard", map[string]any{"bizUserId": "u", "cardNo": "x", "name": "n", "cardCheck": 9,
			"identityType": 1, "identityNo": "i"}, "cardCheck"},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.bad, func(t *testing.T) {
			m, serr := c.Lookup(MemberService, tt.method)
			assert.Nil(t, serr)
			got := m.Validate(tt.param)
			if assert.NotNil(t, got) {
				assert.Equal(t, "10000", got.Code)
				assert.Contains(t, got.Message, tt.bad)
			}
		})
	}
}

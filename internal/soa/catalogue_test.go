package soa

import (
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// protocolMethods is PROTOCOL.md §7 with the methods of spec §4.1, §4.2 and §4.3 it lacks (MemberService in
// specification V2.1.5 §4.1 order), written out
// independently of the tables.
var protocolMethods = map[string][]string{
	MemberService: {"createMember", "sendVerificationCode", "bindPhone", "signContract", "setRealName",
		"setCompanyInfo", "getMemberInfo", "getBankCardBin", "applyBindBankCard", "bindBankCard",
		"setSafeCard", "queryBankCard", "unbindBankCard", "lockMember", "unlockMember", "vspTermidService",
		"applyBindAcct", "unbindPhone", "bankCardChangeBindPhone", "verifyBankCardChangeBindPhone",
		"createBankSubAcctNo", "signContractQuery"},
	MemberPwdService: {"setPayPwd", "updatePayPwd", "resetPayPwd", "updatePhoneByPayPwd"},
	OrderService: {"depositApply", "withdrawApply", "consumeApply", "agentCollectApply", "signalAgentPay",
		"batchAgentPay", "pay", "resendPaySMS", "refund", "applicationTransfer", "freezeMoney",
		"unfreezeMoney", "queryBalance", "getOrderDetail", "queryInExpDetail", "closeOrder", "entryGoods",
		"queryGoods", "getPaymentInformationDetail", "getPayeeFundsInTransitDetail", "crossBorderWithdrawApply",
		"getOrderSplitRuleListDetail"},
	MerchantService: {"queryMerchantBalance", "queryReserveFundBalance", "getCheckAccountFile", "queryBankBalance"},
}

// protocolPages is PROTOCOL.md §6.
var protocolPages = map[string]string{
	"/yungateway/member/signContract.html":      "MemberService.signContract",
	"/yungateway/member/signContractQuery.html": "MemberService.signContractQuery",
	"/yungateway/pwd/setPayPwd.html":            "MemberPwdService.setPayPwd",
	"/yungateway/pwd/updatePayPwd.html":         "MemberPwdService.updatePayPwd",
	"/yungateway/pwd/resetPayPwd.html":          "MemberPwdService.resetPayPwd",
	"/yungateway/pwd/updatePhoneByPayPwd.html":  "MemberPwdService.updatePhoneByPayPwd",
	"/yungateway/pwd/payOrder.html":             "OrderService.pay",
	"/yungateway/frontTrans.do":                 "OrderService.pay",
}

func TestDefaultCatalogueHasEveryProtocolMethod(t *testing.T) {
	c := DefaultCatalogue()
	got := map[string][]string{}
	for _, m := range c.Methods() {
		if !slices.Contains(got[m.Service], m.Name) {
			got[m.Service] = append(got[m.Service], m.Name)
		}
	}
	assert.Equal(t, protocolMethods, got, "same methods, in the specification's order")
	assert.Equal(t, []string{MemberPwdService, MemberService, MerchantService, OrderService}, c.Services())
}

func TestDefaultCataloguePages(t *testing.T) {
	c := DefaultCatalogue()
	got := map[string]string{}
	for _, m := range c.Methods() {
		assert.Equal(t, m.PageFlow, m.Page != "", m.FullName())
		if m.PageFlow {
			got[m.Page] = m.FullName()
		}
	}
	assert.Equal(t, protocolPages, got)
}

func TestCatalogueTablesAreConsistent(t *testing.T) {
	for _, m := range DefaultCatalogue().Methods() {
		t.Run(m.FullName()+m.Page, func(t *testing.T) {
			assert.NotEmpty(t, m.Doc)
			checkParams(t, m.Params, m.FullName())
			checkParams(t, m.Returns, m.FullName()+" answer")
			assert.Equal(t, encryptedPaths(m.Returns, ""), m.EncryptedResponse,
				"EncryptedResponse lists exactly the encrypted answer fields")
		})
	}
}

// checkParams checks that a param list is well formed: unique names, options fit the type.
func checkParams(t *testing.T, ps []Param, where string) {
	t.Helper()
	seen := map[string]bool{}
	for _, p := range ps {
		at := where + " " + p.Name
		assert.NotEmpty(t, p.Name, where)
		assert.False(t, seen[p.Name], "duplicate %s", at)
		seen[p.Name] = true
		if len(p.Enum) > 0 {
			assert.Contains(t, []Type{String, Int}, p.Type, at)
		}
		if p.Min != nil || p.Max != nil {
			assert.Equal(t, Int, p.Type, at)
		}
		if p.Format != "" || p.Encrypted {
			assert.Equal(t, String, p.Type, at)
		}
		if len(p.Fields) > 0 {
			assert.Contains(t, []Type{Object, Array, Any}, p.Type, at)
			checkParams(t, p.Fields, at)
		}
	}
}

func TestLookup(t *testing.T) {
	c := DefaultCatalogue()
	m, err := c.Lookup("MemberService", "createMember")
	require.Nil(t, err)
	assert.Equal(t, "MemberService.createMember", m.FullName())
	assert.False(t, m.PageFlow)

	m, err = c.Lookup("OrderService", "pay")
	require.Nil(t, err)
	assert.False(t, m.PageFlow, "pay on /service/soa is the RPC entry")
	assert.Empty(t, m.EncryptedRequestPaths())
	assert.True(t, m.Params[3].Required && m.Params[3].Name == "verificationCode")
}

func TestLookupErrors(t *testing.T) {
	c := DefaultCatalogue()
	tests := []struct {
		name, service, method, code, message string
	}{
		{"unknown service", "FooService", "x", "10002",
			`参数service错误: unknown service "FooService"; known services: MemberPwdService, MemberService, MerchantService, OrderService`},
		{"service case", "memberService", "createMember", "10002",
			`unknown service "memberService"; known services: MemberPwdService, MemberService, MerchantService, OrderService; did you mean "MemberService"?`},
		{"service typo", "OrderServise", "pay", "10002", `did you mean "OrderService"?`},
		{"method typo", "MemberService", "createMembr", "10003",
			`参数method错误: unknown method "createMembr" in MemberService; did you mean "createMember"?`},
		{"method case", "MemberService", "CreateMember", "10003", `did you mean "createMember"?`},
		{"single for signal", "OrderService", "singleAgentPay", "10003",
			`参数method错误: unknown method "singleAgentPay" in OrderService; did you mean "signalAgentPay" (sic)?`},
		{"signal typo", "OrderService", "signalAgentPy", "10003", `did you mean "signalAgentPay" (sic)?`},
		{"wrong service", "MemberService", "depositApply", "10003",
			`参数method错误: unknown method "depositApply" in MemberService; "depositApply" belongs to OrderService`},
		{"nothing close", "MemberService", "launchRocket", "10003",
			`参数method错误: unknown method "launchRocket" in MemberService`},
		{"page flow", "MemberService", "signContract", "10003",
			"参数method错误: MemberService.signContract is a page flow, not callable on /service/soa: send the user's " +
				"browser to /yungateway/member/signContract.html with the same signed parameters (sysid, sign, timestamp, v, req)"},
		{"pwd page flow", "MemberPwdService", "setPayPwd", "10003", "/yungateway/pwd/setPayPwd.html"},
		{"empty service", "", "x", "10002", `unknown service ""`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := c.Lookup(tt.service, tt.method)
			assert.Nil(t, m)
			require.NotNil(t, err)
			assert.Equal(t, tt.code, err.Code)
			assert.Contains(t, err.Message, tt.message)
		})
	}
}

func TestLookupPage(t *testing.T) {
	c := DefaultCatalogue()
	for path, name := range protocolPages {
		service, method, _ := strings.Cut(name, ".")
		m, err := c.LookupPage(path, service, method)
		require.Nil(t, err, path)
		assert.Equal(t, path, m.Page)
		assert.True(t, m.PageFlow)
		byPath, ok := c.Page(path)
		require.True(t, ok, path)
		assert.Same(t, m, byPath, "Page finds it by its path alone")
	}
	_, ok := c.Page("/yungateway/nope.html")
	assert.False(t, ok)
	_, err := c.LookupPage("/yungateway/nope.html", "MemberService", "x")
	require.NotNil(t, err)
	assert.Equal(t, "10003", err.Code)
	assert.Contains(t, err.Message, `no page flow at "/yungateway/nope.html"; pages: /yungateway/frontTrans.do, `)

	_, err = c.LookupPage("/yungateway/pwd/setPayPwd.html", "MemberService", "setPayPwd")
	require.NotNil(t, err)
	assert.Equal(t, "10002", err.Code)
	assert.Contains(t, err.Message, `page /yungateway/pwd/setPayPwd.html serves MemberPwdService.setPayPwd, but req names service "MemberService"`)

	_, err = c.LookupPage("/yungateway/pwd/setPayPwd.html", "MemberPwdService", "resetPayPwd")
	require.NotNil(t, err)
	assert.Equal(t, "10003", err.Code)
}

func TestPayPagesTakeNoSMSCode(t *testing.T) {
	c := DefaultCatalogue()
	m, err := c.LookupPage("/yungateway/pwd/payOrder.html", "OrderService", "pay")
	require.Nil(t, err)
	assert.Nil(t, m.Validate(map[string]any{"bizUserId": "u", "bizOrderNo": "o", "consumerIp": "1.2.3.4"}))
	rpc, _ := c.Lookup("OrderService", "pay")
	assert.Equal(t, "10001", rpc.Validate(map[string]any{"bizUserId": "u", "bizOrderNo": "o", "consumerIp": "1.2.3.4"}).Code)
}

func TestNewCatalogueRejects(t *testing.T) {
	ok := Method{Service: "S", Name: "m", Doc: "d"}
	tests := []struct {
		name    string
		methods []Method
	}{
		{"empty name", []Method{{Service: "S"}}},
		{"empty service", []Method{{Name: "m"}}},
		{"duplicate", []Method{ok, ok}},
		{"page flow without page", []Method{{Service: "S", Name: "p", PageFlow: true}}},
		{"rpc with page", []Method{{Service: "S", Name: "p", Page: "/x"}}},
		{"duplicate page", []Method{{Service: "S", Name: "a", PageFlow: true, Page: "/x"},
			{Service: "S", Name: "b", PageFlow: true, Page: "/x"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := NewCatalogue(tt.methods...)
			assert.Error(t, err)
		})
	}
}

func TestNewCatalogueExtends(t *testing.T) {
	methods := append(DefaultMethods(), Method{Service: "NewService", Name: "hello", Doc: "a method from a newer API"})
	c, err := NewCatalogue(methods...)
	require.NoError(t, err)
	m, e := c.Lookup("NewService", "hello")
	require.Nil(t, e)
	assert.Equal(t, "NewService.hello", m.FullName())
}

func TestEncryptedRequestPaths(t *testing.T) {
	c := DefaultCatalogue()
	tests := map[string][]string{
		"MemberService.createMember":      nil,
		"MemberService.setRealName":       {"identityNo"},
		"MemberService.setCompanyInfo":    {"companyBasicInfo.legalIds", "companyBasicInfo.accountNo"},
		"MemberService.getBankCardBin":    {"cardNo"},
		"MemberService.applyBindBankCard": {"cardNo", "identityNo", "validate", "cvv2"},
		"MemberService.queryBankCard":     {"cardNo"},
		"MemberService.unbindBankCard":    {"cardNo"},
		"MemberService.setSafeCard":       {"cardNo"},
		"MemberPwdService.setPayPwd":      {"identityNo"},
		"OrderService.depositApply":       payMethodEncrypted(),
		"OrderService.withdrawApply":      append(payMethodEncrypted(), "bankCardNo"),
	}
	for full, want := range tests {
		m := findMethod(t, c, full)
		assert.Equal(t, want, m.EncryptedRequestPaths(), full)
	}
}

// payMethodEncrypted are the encrypted keys of the pay methods of spec §5.2: the card numbers of
// REALNAMEPAY, REALNAMEPAY_BATCH, QUICKPAY_TLT (and its validity and CVV2), QUICKPAY_VSP,
// WITHHOLD_SD and InstallmentPayment_H5.
func payMethodEncrypted() []string {
	return []string{"payMethod.REALNAMEPAY.bankCardNo", "payMethod.REALNAMEPAY_BATCH.bankCardNo",
		"payMethod.QUICKPAY_TLT.bankCardNo", "payMethod.QUICKPAY_TLT.validate", "payMethod.QUICKPAY_TLT.cvv2",
		"payMethod.QUICKPAY_VSP.bankCardNo", "payMethod.WITHHOLD_SD.bankCardNo",
		"payMethod.InstallmentPayment_H5.bankCardNo"}
}

func TestEncryptedResponsePaths(t *testing.T) {
	c := DefaultCatalogue()
	tests := map[string][]string{
		"MemberService.setRealName":    {"identityNo"},
		"MemberService.getMemberInfo":  {"memberInfo.identityCardNo", "memberInfo.legalIds", "memberInfo.accountNo"},
		"MemberService.queryBankCard":  {"bindCardList[].bankCardNo"},
		"MemberService.unbindBankCard": {"cardNo"},
		"MemberService.setSafeCard":    {"cardNo"},
		"MemberService.createMember":   nil,
	}
	for full, want := range tests {
		assert.Equal(t, want, findMethod(t, c, full).EncryptedResponse, full)
	}
}

// findMethod looks up "Service.method", page flows included.
func findMethod(t *testing.T, c *Catalogue, full string) *Method {
	t.Helper()
	for _, m := range c.Methods() {
		if m.FullName() == full {
			return m
		}
	}
	t.Fatalf("no method %s", full)
	return nil
}

func TestTypeString(t *testing.T) {
	names := map[Type]string{String: "string", Int: "int", Bool: "bool", Object: "object", Array: "array", Any: "any", Type(99): "Type(?)"}
	for typ, want := range names {
		assert.Equal(t, want, typ.String())
	}
}

// TestMethodDatesAreLeftToTheMethod: the dates PROTOCOL.md §8 answers 40044 for are not
// format-checked by the catalogue (its 10000 would come first), only required (10001).
func TestMethodDatesAreLeftToTheMethod(t *testing.T) {
	c := DefaultCatalogue()
	for _, tc := range []struct {
		method, valid string
		dates         []string
	}{
		{"OrderService.queryInExpDetail", `{"bizUserId":"u","startPosition":1,"queryNum":10}`, []string{"dateStart", "dateEnd"}},
		{"MerchantService.getCheckAccountFile", `{}`, []string{"date"}},
	} {
		m := findMethod(t, c, tc.method)
		for _, name := range tc.dates {
			param := mustParam(t, tc.valid)
			for _, d := range tc.dates {
				param[d] = "2026/02/30"
			}
			assert.Nil(t, m.Validate(param), "%s: any text in %s passes", tc.method, name)
			delete(param, name)
			assert.Equal(t, Errorf("10001", "%s", name), m.Validate(param), tc.method)
		}
		for _, p := range m.Params {
			if slices.Contains(tc.dates, p.Name) {
				assert.Empty(t, p.Format, "%s %s", tc.method, p.Name)
				assert.Contains(t, p.Doc, "40044", "%s %s documents who checks it", tc.method, p.Name)
			}
		}
	}
}

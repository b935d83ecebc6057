package soa

// Service names (PROTOCOL.md §7).
const (
	MemberService    = "MemberService"
	MemberPwdService = "MemberPwdService"
	OrderService     = "OrderService"
	MerchantService  = "MerchantService"
)

// memberMethods is MemberService, PROTOCOL.md §7, in the specification's order.
func memberMethods() []Method {
	methods := memberProfileMethods()
	methods = append(methods, memberCardMethods()...)
	return append(methods, memberOtherMethods()...)
}

// memberProfileMethods create a member and set its phone, identity and enterprise data.
func memberProfileMethods() []Method {
	return []Method{
		{Service: MemberService, Name: "createMember", Doc: "Create a member. Duplicate bizUserId is 30000.",
			Params: params(bizUserID(),
				integer("memberType").req().oneOf("2 enterprise, 3 personal", "2", "3"),
				source().req(), object("extendParam")),
			Returns: params(str("bizUserId"), str("userId").doc("a UUID"))},
		{Service: MemberService, Name: "sendVerificationCode", Doc: "Send an SMS code to bind or unbind a phone.",
			Params: params(bizUserID(), str("phone").req(),
				integer("verificationCodeType").req().oneOf("9 bind phone, 6 unbind phone", "9", "6")),
			Returns: params(str("bizUserId"), str("phone"))},
		{Service: MemberService, Name: "bindPhone", Doc: "Bind a phone with its SMS code. Already bound is 30024.",
			Params:  params(bizUserID(), str("phone").req(), str("verificationCode").req()),
			Returns: params(str("bizUserId"), str("phone"))},
		{Service: MemberService, Name: "unbindPhone", Doc: "Unbind a phone with its SMS code.",
			Params:  params(bizUserID(), str("phone").req(), str("verificationCode").req()),
			Returns: params(str("bizUserId"), str("phone"), str("result"))},
		{Service: MemberService, Name: "setRealName", Doc: "Real-name a personal member. Already done is 30007.",
			Params: params(bizUserID(), boolean("isAuth"), str("name").req(), identityType(),
				str("identityNo").req().enc()),
			Returns:           params(str("bizUserId"), str("name"), integer("identityType"), str("identityNo").enc()),
			EncryptedResponse: []string{"identityNo"}},
		{Service: MemberService, Name: "setCompanyInfo", Doc: "Submit an enterprise for audit; a verifyResult notification follows.",
			Params: params(bizUserID(), str("backUrl"), boolean("isAuth").req(), companyBasicInfo()),
			Returns: params(str("bizUserId"), integer("result").doc("2 approved, 3 rejected"),
				str("failReason"), str("remark"))},
		{Service: MemberService, Name: "getMemberInfo", Doc: "A member's details, personal or enterprise.",
			Params:  params(bizUserID()),
			Returns: params(str("bizUserId"), integer("memberType"), memberInfo()),
			EncryptedResponse: []string{"memberInfo.identityCardNo", "memberInfo.legalIds",
				"memberInfo.accountNo"}},
	}
}

// memberOtherMethods lock and unlock a member, open accounts and sign the e-contract.
func memberOtherMethods() []Method {
	return []Method{
		{Service: MemberService, Name: "lockMember", Doc: "Lock a member: its other calls fail with 30022.",
			Params: params(bizUserID()), Returns: params(str("bizUserId"))},
		{Service: MemberService, Name: "unlockMember", Doc: "Unlock a member.",
			Params: params(bizUserID()), Returns: params(str("bizUserId"))},
		{Service: MemberService, Name: "createBankSubAcctNo", Doc: "Open a bank sub-account.",
			Params:  params(bizUserID(), str("accountSetNo").req(), integer("acctOrgType").req()),
			Returns: params(str("bizUserId"), str("accountSetNo"), str("subAcctNo"))},
		{Service: MemberService, Name: "applyBindAcct", Doc: "Bind a payment account (e.g. a WeChat openid).",
			Params: params(bizUserID(), str("operationType").req(), str("acctType").req(),
				str("acct").req()),
			Returns: params(str("bizUserId"), str("result"))},
		{Service: MemberService, Name: "signContract", PageFlow: true, Page: "/yungateway/member/signContract.html",
			Doc: "Sign the e-contract in the browser; a signContract notification (with contractNo) follows. " +
				"Params are tsymock's choice.",
			Params:  params(bizUserID(), str("jumpUrl"), str("backUrl").req(), source()),
			Returns: params(str("bizUserId"))},
		{Service: MemberService, Name: "signContractQuery", PageFlow: true,
			Page:    "/yungateway/member/signContractQuery.html",
			Doc:     "Show the signed e-contract in the browser. Params are tsymock's choice.",
			Params:  params(bizUserID(), str("jumpUrl"), source()),
			Returns: params(str("bizUserId"))},
	}
}

// companyBasicInfo is setCompanyInfo's enterprise data. The optional keys after the spec's
// required ones are tsymock's choice of the usual set.
func companyBasicInfo() Param {
	return object("companyBasicInfo",
		str("companyName").req(), str("legalName").req(), identityType(),
		str("legalIds").req().enc(), str("legalPhone").req(), str("accountNo").req().enc(),
		str("parentBankName").req(), str("companyAddress"), integer("authType"), str("uniCredit"),
		str("businessLicense"), str("organizationCode"), str("taxRegister"), str("expLicense"),
		str("telephone"), str("bankCityNo"), str("bankName"), str("unionBank"), str("province"),
		str("city")).req()
}

// memberInfo is getMemberInfo's answer: the personal and the enterprise keys together.
func memberInfo() Param {
	return object("memberInfo",
		// personal
		str("name"), integer("userState"), str("userId"), str("phone"), str("identityCardNo").enc(),
		boolean("isPhoneChecked"), boolean("isIdentityChecked"), boolean("isSetPayPwd"),
		boolean("isSignContract"), str("contractNo"), str("registerTime"), str("realNameTime"),
		integer("source"), str("country"), str("province"), str("area"), str("address"),
		// enterprise
		str("companyName"), str("companyAddress"), str("legalName"), integer("identityType"),
		str("legalIds").enc(), str("legalPhone"), str("accountNo").enc(), str("parentBankName"),
		str("uniCredit"), str("businessLicense"), integer("status"), str("checkTime"),
		str("failReason"), str("remark"))
}

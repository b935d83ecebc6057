package soa

// Service names (PROTOCOL.md §7).
const (
	MemberService    = "MemberService"
	MemberPwdService = "MemberPwdService"
	OrderService     = "OrderService"
	MerchantService  = "MerchantService"
)

// memberMethods is MemberService, specification V2.1.5 §4.1: every method of its request tables,
// the page flows included, in the specification's order (signContractQuery, from a later version,
// last).
func memberMethods() []Method {
	methods := memberProfileMethods()
	methods = append(methods, memberCardMethods()...)
	return append(methods, memberOtherMethods()...)
}

// memberProfileMethods create a member, bind its phone, sign its e-contract and set its
// identity or enterprise data (spec §4.1.1–§4.1.8).
func memberProfileMethods() []Method {
	return []Method{
		{Service: MemberService, Name: "createMember", Doc: "Create a member (spec §4.1.1). Duplicate bizUserId is 30000.",
			Params: params(bizUserID(),
				integer("memberType").req().oneOf("2 enterprise, 3 personal", "2", "3"),
				source().req(), object("extendParam")),
			Returns: params(str("bizUserId").req(), str("userId").req().doc("a UUID"))},
		{Service: MemberService, Name: "sendVerificationCode", Doc: "Send an SMS code to bind or unbind a phone (spec §4.1.2).",
			Params: params(bizUserID(), str("phone").req(),
				integer("verificationCodeType").req().oneOf("9 bind phone, 6 unbind phone", "9", "6")),
			Returns: params(str("bizUserId").req(), str("phone").req())},
		{Service: MemberService, Name: "bindPhone", Doc: "Bind a phone with its SMS code (spec §4.1.3). Already bound is 30024.",
			Params:  params(bizUserID(), str("phone").req(), str("verificationCode").req()),
			Returns: params(str("bizUserId").req(), str("phone").req())},
		{Service: MemberService, Name: "signContract", PageFlow: true, Page: "/yungateway/member/signContract.html",
			Doc:     "Sign the e-contract in the browser (spec §4.1.4); a signContract notification (with contractNo) follows.",
			Params:  params(bizUserID(), jumpURL(), str("backUrl").req(), source().req()),
			Returns: params(str("bizUserId").req(), str("ContractNo").req(), str("result").req())},
		{Service: MemberService, Name: "setRealName", Doc: "Real-name a personal member (spec §4.1.5). Already done is 30007.",
			Params: params(bizUserID(), boolean("isAuth"), str("name").req(), identityType(),
				str("identityNo").req().enc()),
			Returns: params(str("bizUserId").req(), str("name").req(), integer("identityType").req(),
				str("identityNo").req().enc()),
			EncryptedResponse: []string{"identityNo"}},
		{Service: MemberService, Name: "setCompanyInfo",
			Doc: "Submit an enterprise for audit (spec §4.1.6); a verifyResult notification follows (§4.1.7).",
			Params: params(bizUserID(), str("backUrl"), boolean("isAuth").req(), companyBasicInfo(),
				object("companyExtendInfo")),
			Returns: params(str("bizUserId").req(), integer("result").doc("2 approved, 3 rejected; automatic audit only"),
				str("failReason"), str("remark"))},
		{Service: MemberService, Name: "getMemberInfo", Doc: "A member's details, personal (spec §5.6) or enterprise (§5.5).",
			Params:  params(bizUserID()),
			Returns: params(str("bizUserId").req(), integer("memberType").req(), memberInfo().req()),
			EncryptedResponse: []string{"memberInfo.identityCardNo", "memberInfo.legalIds",
				"memberInfo.accountNo"}},
	}
}

// companyBasicInfo is setCompanyInfo's enterprise data, spec §5.4: the keys its table marks 必填 are
// required. The ones it requires in a case (the three certificates of authType 1, uniCredit of
// authType 2, province and city together) are optional here.
func companyBasicInfo() Param {
	return object("companyBasicInfo",
		str("companyName").req(), str("companyAddress"),
		integer("authType").oneOf("1 三证 (default), 2 一证", "1", "2"), str("uniCredit"),
		str("businessLicense"), str("organizationCode"), str("taxRegister"), str("expLicense"),
		str("telephone"), str("legalName").req(), identityType(), str("legalIds").req().enc(),
		str("legalPhone").req(), str("accountNo").req().enc(), str("parentBankName").req(),
		str("bankCityNo"), str("bankName").req(), str("unionBank").req(), str("province"), str("city")).req()
}

// memberInfo is getMemberInfo's answer: the personal (spec §5.6) and the enterprise (§5.5) keys
// together.
func memberInfo() Param {
	return object("memberInfo",
		// personal, spec §5.6
		str("name"), integer("userState"), str("userId").req(), str("country"), str("province"),
		str("area"), str("address"), str("phone"), str("identityCardNo").enc(),
		boolean("isPhoneChecked"), str("registerTime"), str("registerIp"), integer("payFailAmount"),
		boolean("isIdentityChecked"), str("realNameTime"), str("remark"), integer("source"),
		boolean("isSetPayPwd"), boolean("isSignContract"), integer("acctOrgType").doc("1 华通银行"),
		str("subAcctNo"), str("signContractTime"), str("contractNo"),
		// enterprise, spec §5.5 (the keys above that it shares are not repeated)
		str("companyName"), str("companyAddress"), integer("authType"), str("businessLicense"),
		str("organizationCode"), str("uniCredit"), str("taxRegister"), str("expLicense"),
		str("telephone"), str("legalName"), integer("identityType"), str("legalIds").enc(),
		str("legalPhone"), str("accountNo").enc(), str("parentBankName"), str("bankCityNo"),
		str("bankName"), str("unionBank"), str("city"), integer("status"), str("checkTime"),
		str("failReason"))
}

// jumpURL is the jumpUrl of signContract and setPayPwd, which their tables require (spec §4.1.4,
// §4.1.17); the other pages' is optional (their tables say 否), and tsymock's page shows the result
// when there is none to return to (see docs/pages.md).
func jumpURL() Param {
	return str("jumpUrl").req().doc("where the browser returns; required by spec §4.1.4 and §4.1.17")
}

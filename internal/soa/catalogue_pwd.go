package soa

// pwdMethods is MemberPwdService, PROTOCOL.md §7: four page flows (§6) sharing one param list;
// each ends with a notification to backUrl.
func pwdMethods() []Method {
	return []Method{
		pwdPage("setPayPwd", "Set the payment password in the browser.", str("bizUserId")),
		pwdPage("updatePayPwd", "Change the payment password in the browser.", str("bizUserId")),
		pwdPage("resetPayPwd", "Reset the payment password in the browser.", str("bizUserId")),
		pwdPage("updatePhoneByPayPwd", "Change the bound phone, confirmed by the payment password.",
			str("bizUserId"), str("newPhone")),
	}
}

// pwdPage is one MemberPwdService page flow at /yungateway/pwd/<name>.html.
func pwdPage(name, doc string, returns ...Param) Method {
	return Method{Service: MemberPwdService, Name: name, Doc: doc,
		PageFlow: true, Page: "/yungateway/pwd/" + name + ".html",
		Params: params(bizUserID(), str("name").req(), identityType(), str("identityNo").req().enc(),
			str("phone"), str("jumpUrl"), str("backUrl").req()),
		Returns: returns}
}

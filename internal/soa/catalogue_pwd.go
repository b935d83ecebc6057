package soa

// pwdMethods is MemberPwdService, spec V2.1.5 §4.1.17–§4.1.20: four page flows, each ending with
// a notification to backUrl. Their params differ, as the spec's request tables say: setPayPwd and
// resetPayPwd name the bound phone (88888888888 for a member that never bound one, §4.1.23 note
// 5), updatePhoneByPayPwd the old phone. Only setPayPwd requires jumpUrl (see jumpURL).
func pwdMethods() []Method {
	return []Method{
		pwdPage("setPayPwd", "Set the payment password in the browser (spec §4.1.17).",
			pwdParams(str("phone").req().doc(boundPhoneDoc), jumpURL())),
		pwdPage("updatePayPwd", "Change the payment password in the browser (spec §4.1.18).",
			pwdParams(str("jumpUrl"))),
		pwdPage("resetPayPwd", "Reset the payment password in the browser (spec §4.1.19).",
			pwdParams(str("phone").req().doc(boundPhoneDoc), str("jumpUrl"))),
		pwdPage("updatePhoneByPayPwd", "Change the bound phone, confirmed by the payment password (spec §4.1.20).",
			pwdParams(str("oldPhone").req().doc(boundPhoneDoc), str("jumpUrl")),
			str("newPhone").doc("\"\" when the change failed")),
	}
}

// boundPhoneDoc documents the phone params of the password pages.
const boundPhoneDoc = "the member's bound phone; 88888888888 when it never bound one (spec §4.1.23)"

// pwdParams are a password page's params: the identity every page checks, then the page's own,
// then backUrl.
func pwdParams(own ...Param) []Param {
	ps := params(bizUserID(), str("name").req(), identityType(), str("identityNo").req().enc())
	return append(append(ps, own...), str("backUrl").req())
}

// pwdPage is one MemberPwdService page flow at /yungateway/pwd/<name>.html. Every page returns
// bizUserId and result to jumpUrl (spec §4.1.17-§4.1.20, both 是), then the page's own keys.
func pwdPage(name, doc string, ps []Param, own ...Param) Method {
	return Method{Service: MemberPwdService, Name: name, Doc: doc,
		PageFlow: true, Page: "/yungateway/pwd/" + name + ".html", Params: ps,
		Returns: append(params(str("bizUserId").req(), str("result").req()), own...)}
}

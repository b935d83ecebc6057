package soa

// memberOtherMethods are MemberService after the card methods, spec V2.1.5 §4.1.15–§4.1.27 (the
// payment-password pages of §4.1.17–§4.1.20 are MemberPwdService): lock and unlock, the VSP
// terminal binding, payment accounts, the phone changes and the bank sub-account. The order
// back-fill of §4.1.22 is a notification the platform sends, not a method a merchant calls, so it
// has no entry here.
func memberOtherMethods() []Method {
	return []Method{
		{Service: MemberService, Name: "lockMember", Doc: "Lock a member (spec §4.1.15): its other calls fail with 30022.",
			Params: params(bizUserID()), Returns: params(str("bizUserId").req())},
		{Service: MemberService, Name: "unlockMember", Doc: "Unlock a member (spec §4.1.16).",
			Params: params(bizUserID()), Returns: params(str("bizUserId").req())},
		{Service: MemberService, Name: "vspTermidService",
			Doc: "Bind (set) or list (query) a member's VSP (收银宝) merchant and terminal ids (spec §4.1.21, §5.14).",
			Params: params(bizUserID().doc("#yunBizUserId_B2C# for the platform"),
				str("operationType").req().oneOf("set 绑定, query 查询", "set", "query"),
				str("vspMerchantid").doc("group mode only"), str("vspCusid").req(), str("appid").req(),
				str("vspTermid").doc("required to set; to query, one terminal or (absent) all")),
			Returns: params(str("bizUserId").req(), str("result").req(), array("vspTermidList", str("vspMerchantid"),
				str("vspCusid"), str("vspTermid"), str("setDate")).req().doc("[] when none is bound"))},
		{Service: MemberService, Name: "applyBindAcct",
			Doc: "Bind a payment account, e.g. a WeChat openid (spec §4.1.23); a member may bind several.",
			Params: params(bizUserID(), str("operationType").req().oneOf("set 绑定", "set"),
				str("acctType").req().oneOf("weChatPublic, weChatMiniProgram or aliPayService",
					"weChatPublic", "weChatMiniProgram", "aliPayService"),
				str("acct").req()),
			Returns: params(str("bizUserId").req(), str("result").req())},
		{Service: MemberService, Name: "unbindPhone", Doc: "Unbind a phone with the SMS code sent to it (spec §4.1.24).",
			Params:  params(bizUserID(), str("phone").req(), str("verificationCode").req()),
			Returns: params(str("bizUserId").req(), str("phone").req(), str("result").req())},
		{Service: MemberService, Name: "bankCardChangeBindPhone",
			Doc: "Change a personal member's bound phone, confirmed by a bank card's SMS (spec §4.1.25); " +
				"verifyBankCardChangeBindPhone confirms it.",
			Params: params(bizUserID(), str("cardNo").req().enc(), str("phone").req(), str("name").req(),
				integer("cardCheck").req().oneOf("6 通联通协议支付签约, 7 收银宝快捷支付签约", "6", "7"),
				identityType(), str("identityNo").req().enc(), str("validate").enc(), str("cvv2").enc()),
			Returns: params(str("bizUserId").req(), str("tranceNum").req(), str("bankName").req(),
				str("bankCode").req(), integer("cardType").req())},
		{Service: MemberService, Name: "verifyBankCardChangeBindPhone",
			Doc: "Confirm bankCardChangeBindPhone with the SMS code (spec §4.1.26): the card and the member take the new phone.",
			Params: params(bizUserID(), str("tranceNum").doc("required for cardCheck 6 and 7"), str("phone").req(),
				str("verificationCode").req(), str("validate").enc(), str("cvv2").enc()),
			Returns: params(str("bizUserId").req(), str("tranceNum").req())},
		{Service: MemberService, Name: "createBankSubAcctNo", Doc: "Open a bank sub-account (spec §4.1.27).",
			Params: params(str("accountSetNo").req(), bizUserID().doc("#yunBizUserId_B2C# for the platform"),
				integer("acctOrgType").req().oneOf("1 华通银行", "1")),
			Returns: params(str("subAcctNo"), str("accountSetNo").req(), str("bizUserId").req())},
		{Service: MemberService, Name: "signContractQuery", PageFlow: true,
			Page: "/yungateway/member/signContractQuery.html",
			Doc: "Show the signed e-contract in the browser. Not in spec V2.1.5 (a later version's page); " +
				"params are tsymock's choice.",
			Params:  params(bizUserID(), str("jumpUrl"), source()),
			Returns: params(str("bizUserId"))},
	}
}

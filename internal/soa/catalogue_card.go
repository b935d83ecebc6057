package soa

// memberCardMethods are MemberService's bank-card methods, spec V2.1.5 §4.1.9–§4.1.14.
func memberCardMethods() []Method {
	return []Method{
		{Service: MemberService, Name: "getBankCardBin", Doc: "Look up a card's bank by its number (spec §4.1.9, §5.1).",
			Params: params(str("cardNo").req().enc()),
			Returns: params(object("cardBinInfo", str("cardBin"),
				integer("cardType").doc("1 debit, 2 credit"), str("bankCode"), str("bankName"),
				str("cardName"), integer("cardLenth").doc("sic"), integer("cardState"),
				str("cardTypeLabel")).req())},
		{Service: MemberService, Name: "applyBindBankCard",
			Doc: "Start binding a card (spec §4.1.10); cardCheck (§6.18) decides whether bindBankCard must confirm it. " +
				"Already bound is 30017.",
			Params: params(bizUserID(), str("cardNo").req().enc(),
				str("phone").doc("required but for cardCheck 1"), str("name").req(), cardCheck(),
				identityType(), str("identityNo").req().enc(), str("validate").enc(), str("cvv2").enc(),
				boolean("isSafeCard"), str("unionBank")),
			Returns: params(str("bizUserId").req(), str("tranceNum").doc("cardCheck 6 and 7 only"), str("transDate"),
				str("bankName").req(), str("bankCode").req(), integer("cardType").req())},
		{Service: MemberService, Name: "bindBankCard",
			Doc: "Confirm a card binding with the SMS code (spec §4.1.11).",
			Params: params(bizUserID(), str("tranceNum").doc("required for cardCheck 6 and 7"), str("transDate"),
				str("phone").req(), str("validate").enc(), str("cvv2").enc(), str("verificationCode").req()),
			Returns: params(str("bizUserId").req(), str("tranceNum").req(),
				str("transDate").doc("four-element (四要素) binding only"))},
		{Service: MemberService, Name: "setSafeCard",
			Doc: "Make a bound debit card the safe card (spec §4.1.12). The echoed cardNo is encrypted, as the spec says.",
			Params: params(bizUserID(), str("cardNo").req().enc(),
				boolean("setSafeCard").doc("default true; false is not supported")),
			Returns:           params(str("bizUserId").req(), str("cardNo").req().enc()),
			EncryptedResponse: []string{"cardNo"}},
		{Service: MemberService, Name: "queryBankCard", Doc: "List a member's bound cards, or one card (spec §4.1.13, §5.7).",
			Params:            params(bizUserID(), str("cardNo").enc()),
			Returns:           params(array("bindCardList", boundCardFields()...).req().doc("[] when none is bound")),
			EncryptedResponse: []string{"bindCardList[].bankCardNo"}},
		{Service: MemberService, Name: "unbindBankCard", Doc: "Unbind a card (spec §4.1.14).",
			Params:            params(bizUserID(), str("cardNo").req().enc()),
			Returns:           params(str("bizUserId").req(), str("cardNo").req().enc()),
			EncryptedResponse: []string{"cardNo"}},
	}
}

// cardCheck is the binding method of spec §6.18; absent means 7 (the default since 2.1.3).
// 2 was removed in 2.1.3 and 4 is not in the table: the emulator refuses them, and 99 (bound in
// the back office), with a message saying why.
func cardCheck() Param {
	return integer("cardCheck").oneOf("spec §6.18: 1, 3, 5, 6, 7 (default), 8; 2 and 4 are not offered, "+
		"99 is the back office's", "1", "2", "3", "4", "5", "6", "7", "8", "99")
}

// boundCardFields are the keys of a bindCardList item, spec §5.7.
func boundCardFields() []Param {
	return params(str("bankCardNo").enc(), str("bankName"), str("bindTime"),
		integer("cardType"), integer("bindState").doc("1 bound, 2 unbound"), str("phone"),
		boolean("isSafeCard"), integer("bindMethod").doc("the cardCheck it was bound with; 0 a corporate account"),
		integer("bankCardPro").req().doc("0 personal card, 1 corporate account"), str("bankCityNo"),
		str("branchBankName"), str("unionBank"), str("province"), str("city"))
}

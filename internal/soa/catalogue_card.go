package soa

// memberCardMethods are MemberService's bank-card methods, PROTOCOL.md §7.
func memberCardMethods() []Method {
	return []Method{
		{Service: MemberService, Name: "getBankCardBin", Doc: "Look up a card's bank by its number.",
			Params: params(str("cardNo").req().enc()),
			Returns: params(object("cardBinInfo", str("cardBin"),
				integer("cardType").doc("1 debit, 2 credit"), str("bankCode"), str("bankName"),
				str("cardName"), integer("cardLenth").doc("sic"), integer("cardState")))},
		{Service: MemberService, Name: "applyBindBankCard",
			Doc: "Start binding a card; bindBankCard confirms with the SMS code. Already bound is 30017.",
			Params: params(bizUserID(), str("cardNo").req().enc(), str("phone"), str("name").req(),
				integer("cardCheck"), identityType(), str("identityNo").req().enc(),
				str("validate").enc(), str("cvv2").enc(), boolean("isSafeCard"), str("unionBank")),
			Returns: params(str("bizUserId"), str("tranceNum"), str("transDate"), str("bankName"),
				str("bankCode"), integer("cardType"))},
		{Service: MemberService, Name: "bindBankCard",
			Doc: "Confirm a card binding with the SMS code. validate and cvv2 (credit cards) are tsymock's choice.",
			Params: params(bizUserID(), str("tranceNum"), str("transDate"), str("phone").req(),
				str("verificationCode").req(), str("validate").enc(), str("cvv2").enc()),
			Returns: params(str("bizUserId"), str("tranceNum"), str("transDate"))},
		{Service: MemberService, Name: "queryBankCard", Doc: "List a member's bound cards, or one card.",
			Params: params(bizUserID(), str("cardNo").enc()),
			Returns: params(array("bindCardList", str("bankCardNo").enc(), str("bankName"),
				str("bindTime"), integer("cardType"), integer("bindState"), str("phone"),
				boolean("isSafeCard"))),
			EncryptedResponse: []string{"bindCardList[].bankCardNo"}},
		{Service: MemberService, Name: "unbindBankCard", Doc: "Unbind a card.",
			Params:            params(bizUserID(), str("cardNo").req().enc()),
			Returns:           params(str("bizUserId"), str("cardNo").enc()),
			EncryptedResponse: []string{"cardNo"}},
		{Service: MemberService, Name: "setSafeCard",
			Doc:     "Make a bound debit card the safe card. The echoed cardNo is not encrypted (PROTOCOL.md §4 does not list it).",
			Params:  params(bizUserID(), str("cardNo").req().enc()),
			Returns: params(str("bizUserId"), str("cardNo"))},
	}
}

package soa

// orderPayMethods confirm, refund, transfer and freeze.
func orderPayMethods() []Method {
	return []Method{
		{Service: OrderService, Name: "pay", Doc: "Confirm an order with the SMS code (validateType 1).",
			Params: params(bizUserID(), str("bizOrderNo").req(), str("tradeNo"),
				str("verificationCode").req(), str("consumerIp").req()),
			Returns: payAnswer()},
		payPage("/yungateway/pwd/payOrder.html", "Confirm an order with the payment password in the browser."),
		payPage("/yungateway/frontTrans.do", "Confirm an order with an SMS code typed in the browser.",
			str("verificationCode").doc("spec §4.2.9: required and checked for a gateway or wallet H5 combined with BALANCE or COUPON; not read for one alone")),
		{Service: OrderService, Name: "resendPaySMS", Doc: "Send the order's SMS code again.",
			Params:  params(str("bizOrderNo").req()),
			Returns: params(str("bizOrderNo").req(), str("orderNo").req(), str("phone").req())},
		{Service: OrderService, Name: "refund", Doc: "Refund an order, wholly or partly.",
			Params: params(str("bizOrderNo").req(), str("oriBizOrderNo").req(), bizUserID(),
				str("refundType"), array("refundList", str("bizUserId").req(), str("accountSetNo"),
					integer("amount").req()),
				str("backUrl"), integer("amount").req(), integer("couponAmount"), integer("feeAmount"),
				str("extendInfo")),
			Returns: params(str("payStatus"), str("payFailMessage"), str("orderNo").req(), str("bizOrderNo").req(),
				integer("amount").req(), integer("couponAmount"), integer("feeAmount"), str("extendInfo"))},
		{Service: OrderService, Name: "applicationTransfer", Doc: "Transfer from the platform's account to a member.",
			Params: params(str("bizTransferNo").req(), str("sourceAccountSetNo").req(),
				str("targetBizUserId").req(), str("targetAccountSetNo").req(), integer("amount").req(),
				str("extendInfo")),
			Returns: params(str("transferNo").req(), str("bizTransferNo").req(), integer("amount").req(),
				str("extendInfo"))},
		freezeMethod("freezeMoney", "Freeze part of a member's balance."),
		freezeMethod("unfreezeMoney", "Release a freeze."),
	}
}

// payPage is OrderService.pay opened in the browser at path, with the params of its table (spec
// §4.2.9, §4.2.10; own are the page's own) and the RPC's tradeNo and backUrl: the user types the
// SMS code (or the password) on the page.
func payPage(path, doc string, own ...Param) Method {
	ps := append(params(bizUserID(), str("bizOrderNo").req(), str("tradeNo")), own...)
	return Method{Service: OrderService, Name: "pay", PageFlow: true, Page: path, Doc: doc,
		Params:  append(ps, str("jumpUrl"), str("backUrl"), str("consumerIp").req()),
		Returns: payAnswer()}
}

// payAnswer is the answer of OrderService.pay (spec §4.2.8), and what its pages return to jumpUrl
// (§4.2.10; §4.2.9 has no table): every key but payFailMessage is 是.
func payAnswer() []Param {
	return params(str("payStatus").req(), str("payFailMessage"), str("bizUserId").req(), str("bizOrderNo").req())
}

// freezeMethod is freezeMoney or unfreezeMoney (bizFreezenNo, sic).
func freezeMethod(name, doc string) Method {
	return Method{Service: OrderService, Name: name, Doc: doc,
		Params: params(bizUserID(), str("bizFreezenNo").req(), str("accountSetNo").req(),
			integer("amount").req()),
		Returns: params(str("bizFreezenNo").req(), integer("amount").req())}
}

// orderQueryMethods read balances, orders and the ledger.
func orderQueryMethods() []Method {
	return []Method{
		{Service: OrderService, Name: "queryBalance", Doc: "A member's balance (freezenAmount, sic).",
			Params:  params(bizUserID(), str("accountSetNo").req()),
			Returns: params(integer("allAmount").req(), integer("freezenAmount").req())},
		{Service: OrderService, Name: "getOrderDetail", Doc: "An order's status.",
			Params: params(str("bizOrderNo").req()),
			Returns: append(params(str("orderNo").req(), str("bizOrderNo").req(), integer("orderStatus").req().
				oneOf("1 unpaid, 3 failed, 4 succeeded, 5 succeeded then refunded, 6 closed, 99 in progress",
					"1", "3", "4", "5", "6", "99"),
				str("errorMessage"), integer("amount").req(), str("payDatetime"), str("buyerBizUserId").req(),
				str("oriOrderNo"), str("oriBizOrderNo"),
				integer("refundWhereabouts").oneOf("1 to the balance, 2 back to the card or channel", "1", "2"),
				integer("payWhereabouts").oneOf("1 to the balance", "1"), str("acct"), str("extendInfo")),
				channelReturns()...)},
		{Service: OrderService, Name: "queryInExpDetail", Doc: "A member's ledger between two dates.",
			Params: params(bizUserID(), str("accountSetNo"), methodDate("dateStart", "yyyy-MM-dd").req(),
				methodDate("dateEnd", "yyyy-MM-dd").req(), integer("startPosition").req().atLeast(1),
				integer("queryNum").req().atLeast(1).atMost(5000)),
			Returns: params(str("bizUserId").req(), integer("totalNum").req(), str("extendInfo"),
				array("inExpDetail", str("tradeNo").req(), str("bizOrderNo"), str("accountSetName").req(),
					str("changeTime").req(), integer("curAmount").req(), integer("oriAmount").req(),
					integer("chgAmount").req(), integer("curFreezenAmount").req(), str("extendInfo"),
					str("type")).req())},
	}
}

// orderLessUsedMethods are the "less used" methods PROTOCOL.md names without params: their
// params and answers are tsymock's choice, after the platform's specification (V2.1.5) and the
// public SDKs that call them (docs/methods.md says which).
func orderLessUsedMethods() []Method {
	byOrder := func(name, doc string, returns ...Param) Method {
		return Method{Service: OrderService, Name: name, Doc: doc,
			Params: params(str("bizOrderNo").req()), Returns: returns}
	}
	return []Method{
		byOrder("closeOrder", "Close an unpaid order.", integer("closeResult"), integer("orderStatus"),
			str("errorMessage"), str("orderNo"), str("bizOrderNo")),
		{Service: OrderService, Name: "entryGoods", Doc: "Register goods (a type of spec §6.4; cross-border goods with §5.17's goodsParams).",
			Params: params(bizUserID(), goodsType().req(), str("bizGoodsNo").req(), str("goodsName").req(),
				str("goodsDetail"), object("goodsParams"), str("showUrl"), str("extendInfo")),
			Returns: params(str("goodsNo").req(), str("bizGoodsNo").req())},
		{Service: OrderService, Name: "queryGoods", Doc: "Read goods that entryGoods registered.",
			Params: params(bizUserID(), str("bizGoodsNo").req()),
			// spec §4.2.12: neither the goodsNo nor the extendInfo of entryGoods is answered.
			Returns: params(str("bizUserId").req(), str("bizGoodsNo").req(), goodsType().req(),
				str("goodsName").req(), str("goodsDetail"), str("showUrl"), object("goodsParams"))},
		paymentInformationDetail(),
		payeeFundsInTransitDetail(),
		crossBorderWithdrawApply(),
		orderSplitRuleListDetail(),
	}
}

// goodsTypeDoc is spec §6.4's table of goods types; there is no 1.
const goodsTypeDoc = "spec §6.4: 2 虚拟商品, 3 实物商品, 4 线下服务, 5 跨境商品, 90 营销活动, 99 其他"

// goodsType is the kind of goods of entryGoods and queryGoods; an unknown kind is entryGoods'
// 40008 商品类型不存在, not a catalogue error.
func goodsType() Param {
	return integer("goodsType").doc(goodsTypeDoc)
}

// orderGoodsType is the goodsType an order names (spec §4.2.4–§4.2.7: 详细, the table of §6.4):
// a value outside the table is 10000, as for the other dictionaries of an order.
func orderGoodsType() Param {
	return integer("goodsType").oneOf(goodsTypeDoc, "2", "3", "4", "5", "90", "99")
}

// paymentInformationDetail reads an agentCollectApply order: what it collected and how much of
// each receiver's share was paid out. bizUserId, accountSetNo and the dates narrow the payouts.
// The answer is spec §4.2.21's paymentInformationList (§5.15), and the summary a public SDK reads
// besides (coajs/coa-allin-pay's PaymentInformationDetail: collOrderNo ... receiverInfoList), which
// no table of V2.1.5 has: tsymock's choice (docs/methods.md).
func paymentInformationDetail() Method {
	return Method{Service: OrderService, Name: "getPaymentInformationDetail",
		Doc: "What a collection (agentCollectApply) holds and has paid out, per receiver.",
		Params: params(str("bizOrderNo").req(), str("bizUserId"), str("accountSetNo"),
			methodDate("dateStart", "yyyy-MM-dd"), methodDate("dateEnd", "yyyy-MM-dd")),
		Returns: params(str("collOrderNo"), integer("collAmount"),
			str("payerId"), str("payerName"), str("collTime"), integer("payTotalAmount"),
			integer("unPayTotalAmount"),
			array("receiverInfoList", str("receiverId"), str("receiverName"), integer("managedCollAmount"),
				integer("payAmount"), integer("unPayAmount"),
				integer("status").oneOf("0 some still held, 1 nothing left to pay out", "0", "1")),
			array("paymentInformationList", paymentInformationItem()...).req())}
}

// paymentInformationItem is one row of getPaymentInformationDetail's paymentInformationList
// (spec §5.15): a receiver of the collection, or one payout to it.
func paymentInformationItem() []Param {
	return params(str("collOrderNo").req(), integer("collAmount").req(), str("payerName").req(),
		str("payerId").req(), str("collTime").req(), str("recieverName").req().doc("sic"),
		str("recieverId").req().doc("sic"), integer("managedCollAmount").req(),
		integer("status").req().oneOf("0 nothing paid out yet, 1 partly paid out, 2 all paid out", "0", "1", "2"),
		str("payOrderNo"), str("payTime"), integer("accountType").oneOf("1 to the balance, 2 to a card", "1", "2"),
		integer("payAmount"))
}

// payeeFundsInTransitDetail reads what collections still hold for one receiver (spec §4.2.22).
func payeeFundsInTransitDetail() Method {
	return Method{Service: OrderService, Name: "getPayeeFundsInTransitDetail",
		Doc: "What collections (agentCollectApply) still hold for a receiver, collected between two dates.",
		Params: params(bizUserID(), str("accountSetNo"), str("bizOrderNo"),
			methodDate("dateStart", "yyyy-MM-dd").req(), methodDate("dateEnd", "yyyy-MM-dd").req()),
		Returns: params(array("payeeFundsInTransitList", str("recieverName").req().doc("sic"),
			str("recieverId").req().doc("sic"), str("orderNo").req(), str("collTime").req(),
			integer("managedCollAmount").req(), str("payerName").req(), str("payerId").req(),
			integer("estCollAmount").req()).req())}
}

// crossBorderWithdrawApply withdraws to the cross-border reserve account bound to
// crossBorderbizUserId (spec §4.2.23; the param is spelled so in its table).
func crossBorderWithdrawApply() Method {
	return Method{Service: OrderService, Name: "crossBorderWithdrawApply",
		Doc: "Withdraw to the cross-border reserve account of another member (跨境提现).",
		Params: append(params(str("bizOrderNo").req(), bizUserID(), str("accountSetNo").req(),
			integer("amount").req(), integer("fee").req(), validateType(), str("backUrl").req(),
			str("orderExpireDatetime"), payMethod(), str("crossBorderbizUserId").req().doc("sic"),
			str("bankCardNo").req().enc(), bankCardPro(), withdrawType()),
			append(industry(), source().req(), str("summary"), str("extendInfo"))...),
		Returns: withdrawAnswer()}
}

// orderSplitRuleListDetail reads the split rules a consumeApply or a payout was made with
// (recieverId, sic, as in consumeApply).
func orderSplitRuleListDetail() Method {
	return Method{Service: OrderService, Name: "getOrderSplitRuleListDetail",
		Doc:    "The split rules a consumption or a payout was made with.",
		Params: params(str("bizOrderNo").req()),
		Returns: params(str("orderNo").req(), str("bizOrderNo").req(), str("recieverId").req().doc("sic"),
			integer("state").req().oneOf("0 not split (unpaid, failed or closed), 1 split", "0", "1"),
			array("splitRuleListDetail", splitRuleItem()...).req())}
}

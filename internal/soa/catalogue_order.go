package soa

// orderMethods is OrderService, PROTOCOL.md §7, in the specification's order.
func orderMethods() []Method {
	methods := orderApplyMethods()
	methods = append(methods, orderPayMethods()...)
	methods = append(methods, orderQueryMethods()...)
	return append(methods, orderLessUsedMethods()...)
}

// orderApplyMethods create orders: money in, out, between members, held and paid out.
func orderApplyMethods() []Method {
	return []Method{
		{Service: OrderService, Name: "depositApply", Doc: "Top up a member's account.",
			Params: append(params(str("bizOrderNo").req(), bizUserID(), str("accountSetNo").req(),
				integer("amount").req(), integer("fee").req(), validateType(), str("frontUrl"),
				str("backUrl").req(), str("orderExpireDatetime"), payMethod().req(), str("goodsName")),
				append(industry(), source().req(), str("summary"), str("extendInfo"))...),
			Returns: orderAnswer()},
		{Service: OrderService, Name: "withdrawApply", Doc: "Withdraw to a bound bank card.",
			Params: append(params(str("bizOrderNo").req(), bizUserID(), str("accountSetNo").req(),
				integer("amount").req(), integer("fee").req(), validateType(), str("backUrl").req(),
				str("orderExpireDatetime"), payMethod(), str("bankCardNo").req().enc(),
				bankCardPro(), withdrawType()),
				append(industry(), source().req(), str("summary"), str("extendInfo"))...),
			Returns: withdrawAnswer()},
		{Service: OrderService, Name: "consumeApply", Doc: "A payer pays a receiver (recieverId, sic).",
			Params: append(params(str("payerId").req(), str("recieverId").req().doc("sic"),
				str("bizOrderNo").req(), integer("amount").req(), integer("fee").req(), validateType(),
				array("splitRule", splitRuleItem()...), str("frontUrl"), str("backUrl").req(),
				str("orderExpireDatetime"), payMethod().req(), orderGoodsType(), str("bizGoodsNo"),
				str("goodsName"), str("goodsDesc")),
				append(industry(), source().req(), str("summary"), str("extendInfo"))...),
			Returns: orderAnswer()},
		{Service: OrderService, Name: "agentCollectApply",
			Doc: "Collect from a payer for receivers; the platform holds the money until paid out.",
			Params: append(params(str("bizOrderNo").req(), str("payerId").req(),
				array("recieverList", str("bizUserId").req(), integer("amount").req()).req().doc("sic"),
				orderGoodsType(), str("bizGoodsNo"), str("tradeCode").req(), integer("amount").req(),
				integer("fee"), validateType(), str("frontUrl"), str("backUrl").req(),
				str("orderExpireDatetime"), payMethod().req(), str("goodsName"), str("goodsDesc")),
				append(industry(), source().req(), str("summary"), str("extendInfo"))...),
			Returns: orderAnswer()},
		{Service: OrderService, Name: "signalAgentPay", Sic: true, LookAlikes: []string{"singleAgentPay"},
			Doc:    "Pay out held money to one receiver (the name is the platform's spelling of \"single\").",
			Params: agentPayParams(),
			Returns: params(str("payStatus").req(), str("payFailMessage"), str("orderNo").req(),
				str("bizOrderNo").req(), integer("payWhereabouts").req().doc("1 to the balance, 2 to a card"),
				str("extendInfo"))},
		{Service: OrderService, Name: "batchAgentPay", Doc: "Pay out held money in a batch; one notification per item.",
			Params: params(str("bizBatchNo").req(), array("batchPayList", batchItemParams()...).req(),
				orderGoodsType(), str("bizGoodsNo"), str("tradeCode").req()),
			Returns: params(str("bizBatchNo").req())},
	}
}

// withdrawAnswer is the answer of withdrawApply (spec §4.2.3) and crossBorderWithdrawApply
// (§4.2.23): orderNo and bizOrderNo always (是); payStatus, payFailMessage and bizUserId with
// validateType 0 only.
func withdrawAnswer() []Param {
	return params(str("payStatus"), str("payFailMessage"), str("bizUserId"), str("orderNo").req(),
		str("bizOrderNo").req(), str("extendInfo"))
}

// agentPayParams are signalAgentPay's params. Required keys of the collectPayList items are
// tsymock's choice.
func agentPayParams() []Param {
	return append(agentPayItem(), str("tradeCode").req())
}

// batchItemParams are a batchAgentPay item's: signalAgentPay's, but tradeCode may be left to
// the batch's own tradeCode.
func batchItemParams() []Param {
	return append(agentPayItem(), str("tradeCode"))
}

func agentPayItem() []Param {
	return params(str("bizOrderNo").req(),
		array("collectPayList", str("bizOrderNo").req(), integer("amount").req()).req(),
		bizUserID(), str("accountSetNo").req(), str("backUrl").req(), integer("amount").req(),
		integer("fee").req(), array("splitRuleList", splitRuleItem()...), orderGoodsType(),
		str("bizGoodsNo"), str("summary"), str("extendInfo"))
}

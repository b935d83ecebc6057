package emulator

import "maps"

// notifyOrder queues the OrderService/pay notification of an order's
// outcome (PROTOCOL.md §5, spec §4.2.15): tried up to 4 times by the
// notifier.
func (a *app) notifyOrder(o *order) {
	rv := map[string]any{"orderNo": o.orderNo, "bizOrderNo": o.bizOrderNo, "amount": o.amount,
		"buyerBizUserId": o.payer, "payDatetime": o.payDatetime(), "extendInfo": o.extendInfo}
	if o.ori != nil {
		rv["oriOrderNo"], rv["oriBizOrderNo"] = o.ori.orderNo, o.ori.bizOrderNo
	}
	maps.Copy(rv, o.whereaboutsFields())
	ev := Event{Service: "OrderService", Method: "pay", BackURL: o.backURL, Status: EventOK, ReturnValue: rv, Order: true}
	if o.status == statusFailed {
		ev.Status, ev.ErrorCode, ev.Message = EventError, o.errorCode, o.errorMessage
	}
	a.notify(ev)
}

// whereaboutsFields are the keys of spec §4.2.15 and §4.2.19 that some
// orders have: a refund's refundWhereabouts, a payout's payWhereabouts (to
// the balance), the card of a withdrawal or of a card payment (acct).
func (o *order) whereaboutsFields() map[string]any {
	v := map[string]any{}
	switch {
	case o.kind == kindRefund && o.whereabouts != 0:
		v["refundWhereabouts"] = o.whereabouts
	case o.kind == kindAgentPay:
		v["payWhereabouts"] = int64(toBalance)
	}
	if o.acct != "" {
		v["acct"] = o.acct
	} else if card := o.pay.cardNo(); card != "" {
		v["acct"] = cardHint(card)
	}
	return v
}

// orderHandlers are the emulated OrderService and MerchantService methods.
// The methods that make consumptions, collections and payouts keep what
// they were made with (keepDetails), for the detail queries.
func (e *Emulator) orderHandlers() map[string]handler {
	return map[string]handler{
		"OrderService.depositApply":               depositApply,
		"OrderService.consumeApply":               keepDetails(consumeApply),
		"OrderService.agentCollectApply":          keepDetails(agentCollectApply),
		"OrderService.signalAgentPay":             keepDetails(signalAgentPay),
		"OrderService.batchAgentPay":              keepDetails(batchAgentPay),
		"OrderService.withdrawApply":              withdrawApply,
		"OrderService.pay":                        e.pay,
		"OrderService.resendPaySMS":               resendPaySMS,
		"OrderService.refund":                     refund,
		"OrderService.applicationTransfer":        applicationTransfer,
		"OrderService.freezeMoney":                freezeMoney,
		"OrderService.unfreezeMoney":              unfreezeMoney,
		"OrderService.queryBalance":               queryBalance,
		"OrderService.getOrderDetail":             getOrderDetail,
		"OrderService.queryInExpDetail":           queryInExpDetail,
		"OrderService.closeOrder":                 closeOrder,
		"MerchantService.queryMerchantBalance":    queryMerchantBalance,
		"MerchantService.queryReserveFundBalance": queryReserveFundBalance,
		"MerchantService.getCheckAccountFile":     getCheckAccountFile,
		"MerchantService.queryBankBalance":        queryBankBalance,

		// The less used methods: goods, and what orders were made with.
		"OrderService.entryGoods":                  entryGoods,
		"OrderService.queryGoods":                  queryGoods,
		"OrderService.getPaymentInformationDetail": getPaymentInformationDetail,
		"OrderService.getOrderSplitRuleListDetail": getOrderSplitRuleListDetail,

		// Spec §4.2.22, §4.2.23.
		"OrderService.getPayeeFundsInTransitDetail": getPayeeFundsInTransitDetail,
		"OrderService.crossBorderWithdrawApply":     crossBorderWithdrawApply,
	}
}

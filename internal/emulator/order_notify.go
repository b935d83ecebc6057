package emulator

// notifyOrder queues the OrderService/pay notification of an order's
// outcome (PROTOCOL.md §5): tried up to 4 times by the notifier.
func (a *app) notifyOrder(o *order) {
	rv := map[string]any{"orderNo": o.orderNo, "bizOrderNo": o.bizOrderNo, "amount": o.amount,
		"buyerBizUserId": o.payer, "payDatetime": o.payDatetime(), "extendInfo": o.extendInfo}
	if o.ori != nil {
		rv["oriOrderNo"], rv["oriBizOrderNo"] = o.ori.orderNo, o.ori.bizOrderNo
	}
	if o.acct != "" {
		rv["acct"] = o.acct
	}
	ev := Event{Service: "OrderService", Method: "pay", BackURL: o.backURL, Status: EventOK, ReturnValue: rv, Order: true}
	if o.status == statusFailed {
		ev.Status, ev.ErrorCode, ev.Message = EventError, o.errorCode, o.errorMessage
	}
	a.notify(ev)
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

		// The less used methods: goods, and what orders were made with.
		"OrderService.entryGoods":                  entryGoods,
		"OrderService.queryGoods":                  queryGoods,
		"OrderService.getPaymentInformationDetail": getPaymentInformationDetail,
		"OrderService.getOrderSplitRuleListDetail": getOrderSplitRuleListDetail,
	}
}

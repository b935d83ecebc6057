package emulator

import "maps"

// notifyOrder queues the OrderService/pay notification of an order's
// outcome (PROTOCOL.md §5, spec §4.2.15): tried up to 4 times by the
// notifier.
func (a *app) notifyOrder(o *order) { a.notify(a.result(o)) }

// result is the OrderService/pay event of an order's outcome: status OK
// with its returnValue, or error with the order's code and message.
func (a *app) result(o *order) Event {
	rv := map[string]any{"orderNo": o.orderNo, "bizOrderNo": o.bizOrderNo, "amount": o.amount,
		"buyerBizUserId": a.buyerID(o.payer), "payDatetime": o.payDatetime(), "extendInfo": o.extendInfo}
	if no, biz, ok := a.original(o); ok {
		rv["oriOrderNo"], rv["oriBizOrderNo"] = no, biz
	}
	maps.Copy(rv, o.whereaboutsFields())
	a.withChannel(rv, o)
	ev := Event{Service: "OrderService", Method: "pay", BackURL: o.backURL, Status: EventOK, ReturnValue: rv, Order: true}
	if o.status == statusFailed {
		ev.Status, ev.ErrorCode, ev.Message = EventError, o.errorCode, o.errorMessage
	}
	return ev
}

// OrderResult is an ended order's OrderService/pay result as its
// notification carries it (SysID and At set), whether or not the platform
// notifies it: a failed inbound payment is not notified (spec §4.2.15),
// but a payment page still returns its result to the merchant's frontUrl
// or jumpUrl. ok is false for an unknown order or one still pending.
func (e *Emulator) OrderResult(sysid, bizOrderNo string) (Event, bool) {
	a := e.find(sysid)
	if a == nil {
		return Event{}, false
	}
	defer a.mu.Unlock()
	o, found := a.book.byBiz[bizOrderNo]
	if !found || (o.status != statusSucceeded && o.status != statusFailed && o.status != statusRefunded) {
		return Event{}, false
	}
	ev := a.result(o)
	ev.SysID, ev.At = sysid, a.now()
	return ev, true
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

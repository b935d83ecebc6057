package emulator

import "github.com/tsymock/tsymock/internal/soa"

// PageSMS is how frontTrans.do confirms an order's SMS code.
type PageSMS int

// The ways of PageSMS.
const (
	// SMSNone: no code is sent or checked. A gateway, wallet H5 or
	// instalment order alone (spec §4.2.9 verificationCode 1、网关支付，不填，
	// 不验短信验证码; §5.2 gateway and ALLINPAY_WALLET_H5 note (2) 非组合支付，不
	// 发送短信验证码; InstallmentPayment_H5 不输短信验证码), and an order the payer
	// pays outside (validateType 0: QR codes, JS, wallets).
	SMSNone PageSMS = iota
	// SMSParam: a gateway or wallet H5 combined with BALANCE or COUPON: the
	// merchant sends the code in the page's signed verificationCode (§4.2.9:
	// 2、组合支付含网关支付，必填，验证短信验证码; §5.2 note (3)).
	SMSParam
	// SMSTyped: any other order confirmed by SMS (a card's, validateType 1):
	// tsymock's page asks for the code, as OrderService.pay would take it.
	SMSTyped
)

// PageOrder is what a payment page shows of a pending order.
type PageOrder struct {
	OrderNo, BizOrderNo string
	Kind                string // deposit, consume, agentCollect, withdraw
	BizUserID           string // who pays
	Amount, Fee         int64
	ValidateType        int64  // 1 SMS code, 2 payment password
	PayMethod           string // the payMethod key, e.g. GATEWAY_VSP
	FrontURL, BackURL   string
	SMS                 PageSMS // how frontTrans.do confirms its SMS code
}

// PendingOrder returns an order that waits for payment (40000 unknown,
// 40004 not waiting, 40003 expired), for a page that completes it: 30022
// while its payer or a member it pays is locked (lockedParty, spec
// §4.1.15), as OrderService.pay answers.
func (e *Emulator) PendingOrder(sysid, bizOrderNo string) (PageOrder, *soa.Error) {
	a := e.find(sysid)
	if a == nil {
		return PageOrder{}, soa.Errorf("40000", "bizOrderNo %q", bizOrderNo)
	}
	defer a.mu.Unlock()
	v, serr := onPayable(bizOrderNo, (*app).lockedParty)(a)
	out, _ := v.(PageOrder)
	return out, serr
}

// CheckOrderCode checks the SMS code frontTrans.do confirms an order with,
// typed on the page or sent in its signed params, as OrderService.pay
// checks it: within 3 minutes of its sending (spec §6.16), the configured
// code or, for real-name pay, 111111. It changes nothing.
func (e *Emulator) CheckOrderCode(sysid, bizOrderNo, code string) *soa.Error {
	a := e.find(sysid)
	if a == nil {
		return soa.Errorf("40000", "bizOrderNo %q", bizOrderNo)
	}
	defer a.mu.Unlock()
	o, serr := a.order(bizOrderNo)
	if serr != nil {
		return serr
	}
	return e.orderCode(o, code, a.now())
}

// LinkedOrder finds the bizOrderNo of the orderNo a payInfo link names,
// for frontTrans.do?orderNo=..., which carries no signed params: 40000 for
// an orderNo unknown here, 10001 for an order whose apply answered no such
// link (a card or balance order confirmed by SMS, one confirmed with the
// password), which only signed params open (spec §4.2.9, §4.2.10).
func (e *Emulator) LinkedOrder(sysid, orderNo string) (string, *soa.Error) {
	a := e.find(sysid)
	if a == nil {
		return "", soa.Errorf("40000", "orderNo %q", orderNo)
	}
	defer a.mu.Unlock()
	o, ok := a.book.byNo[orderNo]
	if !ok {
		return "", soa.Errorf("40000", "orderNo %q", orderNo)
	}
	if !o.payLink() {
		return "", soa.Errorf("10001", "sysid, sign, timestamp, v, req: order %s (payMethod %s, validateType %d) was "+
			"answered no payInfo link, so only the signed params of spec §4.2.9 (frontTrans.do) or §4.2.10 "+
			"(payOrder.html) open its page", o.bizOrderNo, o.payMethod, o.validateType)
	}
	return o.bizOrderNo, nil
}

// ConfirmOrder completes a pending order as its page's confirm button does:
// the money moves and the order notification is queued. While its payer or
// a member it pays is locked it is 30022 and the order waits (spec
// §4.1.15; lockedParty). A payment the
// balance no longer covers, or one the test environment's channel fails
// (an agreement payment's test amounts, spec §5.2), fails the order
// instead (notified only if it is a withdrawal, spec §4.2.15).
func (e *Emulator) ConfirmOrder(sysid, bizOrderNo string) (PageOrder, *soa.Error) {
	return pageOrder(e.page(sysid, actConfirmOrder, bizOrderNo))
}

// confirmOrder pays o, unless its payer or a member it pays was locked
// since the page opened (30022, lockedParty; the order stays pending).
func confirmOrder(a *app, o *order) *soa.Error {
	if serr := a.lockedParty(o); serr != nil {
		return serr
	}
	return a.complete(o)
}

// FailOrder ends a pending order as failed, as a page's fail button does;
// only a withdrawal's failure is notified (spec §4.2.15).
func (e *Emulator) FailOrder(sysid, bizOrderNo, message string) (PageOrder, *soa.Error) {
	return pageOrder(e.page(sysid, actFailOrder, bizOrderNo, message))
}

func failOrder(message string) func(a *app, o *order) *soa.Error {
	return func(a *app, o *order) *soa.Error {
		a.failWith(o, soa.Errorf("40006", "%s", message))
		return nil
	}
}

func pageOrder(v any, serr *soa.Error) (PageOrder, *soa.Error) {
	out, _ := v.(PageOrder)
	return out, serr
}

// onPayable is the body of a page action on an order that waits for
// payment: it answers what a page shows of the order afterwards.
func onPayable(bizOrderNo string, act func(*app, *order) *soa.Error) opFunc {
	return func(a *app) (any, *soa.Error) {
		o, serr := a.order(bizOrderNo)
		if serr != nil {
			return nil, serr
		}
		if serr := a.payable(o); serr != nil {
			return nil, serr
		}
		serr = act(a, o)
		return o.page(), serr
	}
}

func (o *order) page() PageOrder {
	return PageOrder{OrderNo: o.orderNo, BizOrderNo: o.bizOrderNo, Kind: o.kind, BizUserID: o.payer,
		Amount: o.amount, Fee: o.fee, ValidateType: o.validateType, PayMethod: o.payMethod,
		FrontURL: o.frontURL, BackURL: o.backURL, SMS: o.pageSMS()}
}

// pageSMS is how frontTrans.do confirms the order's SMS code (PageSMS).
func (o *order) pageSMS() PageSMS {
	ch := o.pay.channel()
	onPage := ch != nil && ch.Confirm == soa.ConfirmPage
	switch {
	case onPage && len(o.pay.parts) == 1:
		return SMSNone
	case onPage:
		return SMSParam
	case o.validateType == 0:
		return SMSNone
	}
	return SMSTyped
}

package emulator

import "github.com/tsymock/tsymock/internal/soa"

// PageOrder is what a payment page shows of a pending order.
type PageOrder struct {
	OrderNo, BizOrderNo string
	Kind                string // deposit, consume, agentCollect, withdraw
	BizUserID           string // who pays
	Amount, Fee         int64
	ValidateType        int64  // 1 SMS code, 2 payment password
	PayMethod           string // the payMethod key, e.g. GATEWAY_VSP
	FrontURL, BackURL   string
}

// PendingOrder returns an order that waits for payment (40000 unknown,
// 40004 not waiting, 40003 expired), for a page that completes it.
func (e *Emulator) PendingOrder(sysid, bizOrderNo string) (PageOrder, *soa.Error) {
	return e.withPayable(sysid, bizOrderNo, func(*app, *order) *soa.Error { return nil })
}

// OrderByNo finds the bizOrderNo of an orderNo (40000 when unknown), for
// pages that are opened with the platform's number.
func (e *Emulator) OrderByNo(sysid, orderNo string) (string, *soa.Error) {
	a := e.app(sysid)
	a.mu.Lock()
	defer a.mu.Unlock()
	o, ok := a.book.byNo[orderNo]
	if !ok {
		return "", soa.Errorf("40000", "orderNo %q", orderNo)
	}
	return o.bizOrderNo, nil
}

// ConfirmOrder completes a pending order as its page's confirm button does:
// the money moves and the order notification is queued. A payment the
// balance no longer covers fails the order instead (and is notified).
func (e *Emulator) ConfirmOrder(sysid, bizOrderNo string) (PageOrder, *soa.Error) {
	return e.withPayable(sysid, bizOrderNo, func(a *app, o *order) *soa.Error {
		serr := a.succeed(o)
		if serr != nil {
			a.failWith(o, serr)
		}
		return serr
	})
}

// FailOrder ends a pending order as failed, as a page's fail button does,
// and queues the failure notification.
func (e *Emulator) FailOrder(sysid, bizOrderNo, message string) (PageOrder, *soa.Error) {
	return e.withPayable(sysid, bizOrderNo, func(a *app, o *order) *soa.Error {
		a.failWith(o, soa.Errorf("40006", "%s", message))
		return nil
	})
}

// withPayable runs act on an order that waits for payment, under the
// application's lock, and returns what a page shows of it afterwards.
func (e *Emulator) withPayable(sysid, bizOrderNo string, act func(*app, *order) *soa.Error) (PageOrder, *soa.Error) {
	a := e.app(sysid)
	a.mu.Lock()
	defer a.mu.Unlock()
	o, serr := a.order(bizOrderNo)
	if serr != nil {
		return PageOrder{}, serr
	}
	if serr := a.payable(o); serr != nil {
		return PageOrder{}, serr
	}
	serr = act(a, o)
	return o.page(), serr
}

func (o *order) page() PageOrder {
	return PageOrder{OrderNo: o.orderNo, BizOrderNo: o.bizOrderNo, Kind: o.kind, BizUserID: o.payer,
		Amount: o.amount, Fee: o.fee, ValidateType: o.validateType, PayMethod: o.payMethod,
		FrontURL: o.frontURL, BackURL: o.backURL}
}

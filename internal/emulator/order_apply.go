package emulator

import (
	"time"

	"github.com/tsymock/tsymock/internal/soa"
)

// newOrder reads what every order method shares: bizOrderNo, amount, fee,
// backUrl, extendInfo, validateType and orderExpireDatetime.
func (a *app) newOrder(kind string, p params) (*order, *soa.Error) {
	o := &order{
		kind: kind, bizOrderNo: p.str("bizOrderNo"), amount: p.num("amount"), fee: p.num("fee"),
		backURL: p.str("backUrl"), extendInfo: p.str("extendInfo"), validateType: p.num("validateType"),
		frontURL: p.str("frontUrl"),
		status:   statusUnpaid, orderNo: a.number(), created: a.now(),
	}
	if _, dup := a.book.byBiz[o.bizOrderNo]; dup {
		return nil, soa.Errorf("40017", "bizOrderNo %q", o.bizOrderNo)
	}
	if serr := checkAmounts(o.amount, o.fee); serr != nil {
		return nil, serr
	}
	exp, serr := a.expiry(p.str("orderExpireDatetime"))
	o.expires = exp
	return o, serr
}

// expiry reads orderExpireDatetime: "yyyy-MM-dd HH:mm:ss" China time, in
// the future of the injected clock (20015 otherwise).
func (a *app) expiry(s string) (time.Time, *soa.Error) {
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.ParseInLocation(soa.TimestampLayout, s, soa.Shanghai())
	if err != nil {
		return time.Time{}, soa.Errorf("20015", "orderExpireDatetime %q is not \"yyyy-MM-dd HH:mm:ss\"", s)
	}
	if !t.After(a.now()) {
		return time.Time{}, soa.Errorf("20015", "orderExpireDatetime %s is not in the future (server time %s)", s, soa.FormatTime(a.now()))
	}
	return t, nil
}

// start records a new order and either completes it at once (a balance
// payment without confirmation) or leaves it pending: SMS confirmation via
// pay, or a page for gateway, scan and H5 methods.
func (a *app) start(o *order, pm payMethod) (map[string]any, *soa.Error) {
	o.payMethod = pm.name
	o.phone = a.smsPhone(o.payer, pm)
	if pm.kind == payBalance && o.validateType == 0 {
		// Recorded only when paid: a refused payment leaves no order
		// behind, so the merchant may retry with the same bizOrderNo.
		if serr := a.succeed(o); serr != nil {
			return nil, serr
		}
		a.register(o)
		return o.answer(), nil
	}
	a.register(o)
	if pm.kind == payQuick && o.validateType == 0 {
		o.validateType = 1 // quick pay is always confirmed with an SMS code
	}
	v := o.answer()
	if pm.kind == payPage {
		v["payInfo"] = "/yungateway/frontTrans.do?orderNo=" + o.orderNo
	}
	return v, nil
}

// pay confirms a pending order with the SMS code.
func (e *Emulator) pay(a *app, p params) (map[string]any, *soa.Error) {
	o, serr := a.order(p.str("bizOrderNo"))
	if serr != nil {
		return nil, serr
	}
	if o.payer != p.str("bizUserId") {
		return nil, soa.Errorf("40022", "order %s belongs to %s", o.bizOrderNo, o.payer)
	}
	if serr := a.payable(o); serr != nil {
		return nil, serr
	}
	if o.validateType != 1 {
		return nil, soa.Errorf("40028", "order %s is confirmed on its page (payMethod %s, validateType %d), not with an SMS code", o.bizOrderNo, o.payMethod, o.validateType)
	}
	if p.str("verificationCode") != e.code {
		return nil, soa.NewError("20011")
	}
	if serr := a.succeed(o); serr != nil {
		a.failWith(o, serr)
	}
	return map[string]any{"payStatus": o.answer()["payStatus"], "payFailMessage": o.errorMessage,
		"bizUserId": o.payer, "bizOrderNo": o.bizOrderNo}, nil
}

// payable checks that an order is waiting for payment and not expired.
func (a *app) payable(o *order) *soa.Error {
	if o.status != statusUnpaid {
		return soa.Errorf("40004", "order %s has status %d", o.bizOrderNo, o.status)
	}
	if o.expired(a.now()) {
		o.status = statusClosed
		return soa.Errorf("40003", "order %s expired at %s", o.bizOrderNo, soa.FormatTime(o.expires))
	}
	return nil
}

// smsPhone is where an order's confirmation code goes: the phone the bank
// holds for a quick-pay card, else the member's bound phone.
func (a *app) smsPhone(payer string, pm payMethod) string {
	m, ok := a.members[payer]
	if !ok {
		return ""
	}
	if c, ok := m.cards[pm.cardNo]; ok && pm.kind == payQuick && c.phone != "" {
		return c.phone
	}
	return m.phone
}

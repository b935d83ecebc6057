package emulator

import (
	"github.com/tsymock/tsymock/internal/soa"
)

// refund returns money of a succeeded order to its payer, wholly or in
// parts, never more than what is left to refund. The original order's
// status becomes 5. Who gives the money back depends on the order: the
// member's balance for a deposit (back to the card), the receiver (or the
// members of refundList) for a consumption, escrow for a collection not yet
// paid out. feeAmount is the part of the refund that the platform gives
// back from the fee it took; it cannot exceed the fee not yet refunded.
func refund(a *app, p params) (map[string]any, *soa.Error) {
	ori, serr := a.refundable(p)
	if serr != nil {
		return nil, serr
	}
	o, serr := a.newOrder(kindRefund, p)
	if serr != nil {
		return nil, serr
	}
	if o.amount > ori.amount-ori.refunded {
		return nil, soa.Errorf("40020", "refund of %d exceeds the %d left to refund on %s", o.amount, ori.amount-ori.refunded, ori.bizOrderNo)
	}
	o.payer, o.accountSet, o.ori = ori.payer, ori.accountSet, ori
	feeBack := p.num("feeAmount")
	if feeBack < 0 || feeBack > ori.fee-ori.feeRefunded || feeBack > o.amount {
		return nil, soa.Errorf("40020", "feeAmount %d: the fee left to refund on %s is %d", feeBack, ori.bizOrderNo, ori.fee-ori.feeRefunded)
	}
	if o.legs, serr = a.refundLegs(ori, o.amount-feeBack, p["refundList"]); serr != nil {
		return nil, serr
	}
	o.legs = append(o.legs, Leg{acct(OwnerPlatform, a.feeSet(ori)), ori.legs[0].From, feeBack})
	if serr := a.succeed(o); serr != nil {
		return nil, serr
	}
	a.register(o)
	ori.refunded += o.amount
	ori.feeRefunded += feeBack
	ori.status = statusRefunded
	if ori.kind == kindCollect {
		takeShares(ori, o.amount-feeBack)
	}
	return map[string]any{"payStatus": "success", "payFailMessage": "", "orderNo": o.orderNo,
		"bizOrderNo": o.bizOrderNo, "amount": o.amount, "couponAmount": p.num("couponAmount"),
		"feeAmount": p.num("feeAmount"), "extendInfo": o.extendInfo}, nil
}

// refundable finds the original order: it exists (40000), was paid by
// bizUserId (40022), succeeded (40041), and is of a kind that refunds (40039).
func (a *app) refundable(p params) (*order, *soa.Error) {
	ori, serr := a.order(p.str("oriBizOrderNo"))
	if serr != nil {
		return nil, serr
	}
	if ori.payer != p.str("bizUserId") {
		return nil, soa.Errorf("40022", "order %s was paid by %s", ori.bizOrderNo, ori.payer)
	}
	if ori.status != statusSucceeded && ori.status != statusRefunded {
		return nil, soa.Errorf("40041", "order %s has status %d", ori.bizOrderNo, ori.status)
	}
	switch ori.kind {
	case kindDeposit, kindConsume, kindCollect:
		return ori, nil
	}
	return nil, soa.Errorf("40039", "a %s order cannot be refunded", ori.kind)
}

// refundLegs moves the money back to where the payment came from.
func (a *app) refundLegs(ori *order, amount int64, refundList any) ([]Leg, *soa.Error) {
	set := ori.accountSet
	back := ori.legs[0].From // the payer's balance, or outside for cards and gateways
	switch ori.kind {
	case kindDeposit:
		return []Leg{{acct(ori.payer, set), back, amount}}, nil
	case kindCollect:
		if amount > ori.left() {
			return nil, soa.Errorf("40040", "collection %s holds only %d in escrow", ori.bizOrderNo, ori.left())
		}
		return []Leg{{acct(OwnerEscrow, a.escrowSet()), back, amount}}, nil
	}
	givers := asList(refundList)
	if len(givers) == 0 {
		return []Leg{{acct(ori.receiver, set), back, amount}}, nil
	}
	var legs []Leg
	var sum int64
	for _, g := range givers {
		legs = append(legs, Leg{acct(asStr(g["bizUserId"]), set), back, asInt(g["amount"])})
		sum += asInt(g["amount"])
	}
	if sum != amount {
		return nil, soa.Errorf("40020", "refundList adds up to %d, the refund amount is %d", sum, amount)
	}
	return legs, nil
}

// takeShares lowers a collection's receivers' shares by a refunded amount,
// in receiver order, so that what is refunded can no longer be paid out.
func takeShares(c *order, amount int64) {
	c.paidOut += amount
	for _, id := range sortedKeys(c.shares) {
		take := min(amount, c.shares[id])
		c.shares[id] -= take
		amount -= take
	}
}

// feeSet is the account set where the platform took an order's fee.
func (a *app) feeSet(o *order) string {
	if o.kind == kindCollect {
		return a.escrowSet()
	}
	return o.accountSet
}

package emulator

import (
	"slices"

	"github.com/tsymock/tsymock/internal/soa"
)

// Where a refund's money goes (refundWhereabouts, spec §4.2.15).
const (
	toBalance = 1 // to the payer's account
	toChannel = 2 // back to the card or channel paid with
)

// refund returns money of a succeeded order to its payer, wholly or in
// parts, never more than what is left to refund (spec §4.2.16). The
// original order's status becomes 5. Who gives the money back depends on
// the order: the member's balance for a deposit (back to the card), the
// receiver (or the members of refundList) for a consumption, escrow and
// the receivers paid out for a collection (order_refund_collect.go), the
// member a platform transfer paid (order_refund_transfer.go). feeAmount is
// the part of the refund that the platform gives back from the fee it took,
// out of its standard balance set where the fee went (income; spec
// §4.2.16 note 11); couponAmount the part that goes back to the coupon;
// of a combined payment the channel is refunded first, then the balance.
// bizUserId is looked up first (ownMember: 30001 unknown, 30022 locked: a
// locked member receives nothing, spec §4.1.15).
func refund(a *app, p params) (map[string]any, *soa.Error) {
	if serr := a.ownMember(p.str("bizUserId")); serr != nil {
		return nil, serr
	}
	if no := p.str("oriBizOrderNo"); a.book.byBiz[no] == nil {
		if leg, ok := a.transferred(no); ok {
			return refundTransfer(a, p, leg)
		}
	}
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
	feeBack, coupon := p.num("feeAmount"), p.num("couponAmount")
	if serr := checkFeeBack(feeBack, o.amount, ori); serr != nil {
		return nil, serr
	}
	// The refund's fee is the fee it gives back: its line's 手续费 in the
	// reconciliation file (spec §4.3.2: the order's Fee) and the admin view.
	o.fee = feeBack
	if coupon < 0 || coupon > o.amount {
		return nil, soa.Errorf("40020", "couponAmount %d must be between 0 and the refund's amount %d", coupon, o.amount)
	}
	if net := (ori.amount - ori.fee) - (ori.refunded - ori.feeRefunded); o.amount-feeBack > net {
		return nil, soa.Errorf("40020", "refund of %d with feeAmount %d: what the receiver gives back may not exceed the "+
			"order's amount less its fee, %d left on %s; refund the fee with feeAmount (spec §4.2.16 note 11)",
			o.amount, feeBack, net, ori.bizOrderNo)
	}
	full := o.amount == ori.amount-ori.refunded
	givers, plan, serr := a.refundGivers(ori, o.amount-feeBack, full, p["refundList"])
	if serr != nil {
		return nil, serr
	}
	targets, serr := refundTargets(ori, o.amount, coupon)
	if serr != nil {
		return nil, serr
	}
	o.legs = match(append(givers, flow{a.feeAccount(a.feeSet(ori)), feeBack}), targets)
	o.whereabouts = whereabouts(targets)
	if fail := a.refundFailure(ori, o.amount); fail != nil {
		a.register(o)
		a.failWith(o, fail)
		return refundAnswer(o, p), nil
	}
	if serr := a.succeed(o); serr != nil {
		return nil, serr
	}
	a.register(o)
	refunded(ori, o, feeBack, targets, plan)
	return refundAnswer(o, p), nil
}

// refunded records a refund on its original order; plan is how a
// collection's refund was given back (nil for other orders).
func refunded(ori, o *order, feeBack int64, targets []flow, plan *collectRefund) {
	ori.refunded += o.amount
	ori.feeRefunded += feeBack
	ori.status = statusRefunded
	takeBack(ori, targets)
	if plan != nil {
		plan.apply(ori)
	}
}

// refundAnswer is refund's answer: the order's outcome, the amounts echoed.
func refundAnswer(o *order, p params) map[string]any {
	v := map[string]any{"payStatus": o.payStatus(), "orderNo": o.orderNo,
		"bizOrderNo": o.bizOrderNo, "amount": o.amount, "couponAmount": p.num("couponAmount"),
		"feeAmount": p.num("feeAmount")}
	putText(v, "payFailMessage", o.errorMessage)
	o.echoExtendInfo(v)
	return v
}

// refundFailure is the test environment's simulated failure of a refund
// of ori, an agreement payment (QUICKPAY_TLT), by its amount, or nil.
func (a *app) refundFailure(ori *order, amount int64) *soa.Error {
	if ori.pay.part("QUICKPAY_TLT") == nil {
		return nil
	}
	return a.tltRefundFailure(amount)
}

// whereabouts is refundWhereabouts: 2 when any of the money goes back
// outside (a card, a channel), 1 when all of it goes to balances.
func whereabouts(targets []flow) int64 {
	if slices.ContainsFunc(targets, func(f flow) bool { return f.acct.Owner == OwnerOutside }) {
		return toChannel
	}
	return toBalance
}

// refundable finds the original order: it exists (40000), was paid by
// bizUserId (40022) and not by the platform itself (40039, note 2),
// succeeded (40041), is of a kind that refunds and was not paid at a POS
// (40039), and refundType is D0 or D1 (40023).
func (a *app) refundable(p params) (*order, *soa.Error) {
	if serr := checkRefundType(p); serr != nil {
		return nil, serr
	}
	ori, ok := a.book.byBiz[p.str("oriBizOrderNo")]
	if !ok { // named by its param: the refund's own bizOrderNo is new (the platform says 原订单不存在)
		return nil, soa.Errorf("40000", "oriBizOrderNo %q, the order to refund", p.str("oriBizOrderNo"))
	}
	if ori.payer != p.str("bizUserId") {
		return nil, soa.Errorf("40022", "order %s was paid by %s", ori.bizOrderNo, ori.payer)
	}
	if ori.payer == OwnerPlatform {
		return nil, soa.Errorf("40039", "order %s is the platform's own: orders the platform made are not refunded "+
			"(spec §4.2.16 note 2)", ori.bizOrderNo)
	}
	if ori.status != statusSucceeded && ori.status != statusRefunded {
		return nil, soa.Errorf("40041", "order %s has status %d", ori.bizOrderNo, ori.status)
	}
	// §4.2.16 note 5: neither a 收银宝 POS order nor a 当面付 payment is
	// refunded through the API. A back-filled order (either) has no pay
	// parts, only its payMethod, so it is asked apart.
	if ori.payMethod == backfillPayMethod || ori.pay.part(backfillPayMethod) != nil {
		return nil, soa.Errorf("40039", "order %s was paid at a 收银宝 terminal (ORDER_VSPPAY: a POS or 当面付 payment), "+
			"which refunds on the terminal, not through the API (spec §4.2.16 note 5)", ori.bizOrderNo)
	}
	switch ori.kind {
	case kindDeposit, kindConsume, kindCollect:
		return ori, nil
	}
	return nil, soa.Errorf("40039", "a %s order cannot be refunded", ori.kind)
}

// checkRefundType checks that refundType is D0 or D1, or not sent (40023).
func checkRefundType(p params) *soa.Error {
	if t := p.str("refundType"); t != "" && t != "D0" && t != "D1" {
		return soa.Errorf("40023", "refundType %q must be D1 (the default) or D0 (spec §4.2.16)", t)
	}
	return nil
}

// refundGivers are who gives amount back: the member for a deposit, the
// receivers of a collection as collectionRefund plans it (the plan is
// returned too), the receiver or the members of refundList for a
// consumption (40020 when they do not add up). full is a refund of all
// that is left.
func (a *app) refundGivers(ori *order, amount int64, full bool, refundList any) ([]flow, *collectRefund, *soa.Error) {
	set := ori.accountSet
	switch ori.kind {
	case kindDeposit:
		return []flow{{acct(ori.payer, set), amount}}, nil, nil
	case kindCollect:
		plan, serr := a.collectionRefund(ori, amount, full, refundList)
		if serr != nil {
			return nil, nil, serr
		}
		return plan.givers(a.escrowSet()), plan, nil
	}
	givers := asList(refundList)
	if len(givers) == 0 {
		return []flow{{acct(ori.receiver, set), amount}}, nil, nil
	}
	if serr := a.lenient(RuleRefundList, "10000", "refundList: spec §4.2.16 leaves it out of the refund of a "+
		"consumption (refundList (1)), whose receiver gives the money back, splits too (note 8); tsymock takes each "+
		"part from the member it names"); serr != nil {
		return nil, nil, serr
	}
	var out []flow
	var sum int64
	asked := map[string]int64{} // per member: one named twice is held to its share once
	for _, g := range givers {
		id := asStr(g["bizUserId"])
		n := asInt(g["amount"])
		if n <= 0 {
			return nil, nil, soa.Errorf("40020", "refundList amount for %s must be positive, got %d", id, n)
		}
		total, ok := addFen(asked[id], n)
		if !ok {
			return nil, nil, tooMuch("refundList")
		}
		asked[id] = total
		if !a.before(RulesDec2026e) {
			if serr := a.checkGiver(ori, id, total); serr != nil {
				return nil, nil, serr
			}
		}
		out = append(out, flow{acct(id, ori.paidSet(id)), n})
		if sum, ok = addFen(sum, n); !ok {
			return nil, nil, tooMuch("refundList")
		}
	}
	if sum != amount {
		return nil, nil, soa.Errorf("40020", "refundList adds up to %d, the refund amount is %d", sum, amount)
	}
	return out, nil, nil
}

// checkGiver holds a consumption refund's refundList item to whom the
// order paid (since RulesDec2026e; an older op took the money from any
// member named): its receiver, who bears the splits (spec §4.2.16 note 8),
// or a split receiver up to what the order left it (paid less what it
// split on) less what earlier refunds of it took back; anyone else is
// 40022, as in a collection's.
func (a *app) checkGiver(ori *order, id string, amount int64) *soa.Error {
	switch id {
	case ori.receiver:
		return nil
	case ori.payer: // a card's money passes through the payer: no split of it
		return soa.Errorf("40022", "refundList: %s is the payer of consumption %s, who is refunded, not a giver "+
			"(spec §4.2.16 note 8: the receiver bears the splits)", id, ori.bizOrderNo)
	}
	kept, split := a.splitKept(ori, id)
	if !split {
		return soa.Errorf("40022", "refundList: %s is neither the receiver nor a split receiver of consumption %s "+
			"(spec §4.2.16 note 8: the receiver bears the splits)", id, ori.bizOrderNo)
	}
	if left := kept - a.givenBack(ori, id); amount > left {
		return soa.Errorf("40020", "refundList: consumption %s left %s %d by its split, %d of it not yet given back; %d asked in all",
			ori.bizOrderNo, id, kept, left, amount)
	}
	return nil
}

// splitKept is what consumption o left owner by its split rule (what its
// legs paid owner less what owner split on and paid in fees) and whether
// the split paid owner at all; the platform's fee income is no split.
func (a *app) splitKept(o *order, owner string) (kept int64, split bool) {
	fee := a.feeAccount(a.feeSet(o))
	for _, g := range o.legs {
		switch {
		case g.To.Owner == owner && !g.To.Frozen && g.To != fee:
			kept += g.Amount
			split = true
		case g.From.Owner == owner && !g.From.Frozen:
			kept -= g.Amount
		}
	}
	return kept, split
}

// givenBack is what the succeeded refunds of o took from owner.
func (a *app) givenBack(o *order, owner string) int64 {
	var back int64
	for _, r := range a.book.all {
		if r.kind != kindRefund || r.ori != o || r.status != statusSucceeded {
			continue
		}
		for _, g := range r.legs {
			if g.From.Owner == owner && !g.From.Frozen {
				back += g.Amount
			}
		}
	}
	return back
}

// paidSet is the account set where order o paid owner, where a refund
// takes back what owner gives: the order's own set for its receiver and
// anyone it did not pay, the set a split item named for a split receiver
// (spec §5.3 accountSetNo; §4.2.16 note 8: the receivers bear the splits,
// but refundList may name a split receiver to give its part back).
func (o *order) paidSet(owner string) string {
	if owner == o.receiver {
		return o.accountSet
	}
	for _, g := range o.legs {
		if g.To.Owner == owner && !g.To.Frozen {
			return g.To.Set
		}
	}
	return o.accountSet
}

// feeSet is the account set where a legacy op's rules took an order's fee
// (see feeAccount): a collection's in escrow, any other's in its own set.
func (a *app) feeSet(o *order) string {
	if o.kind == kindCollect {
		return a.escrowSet()
	}
	return o.accountSet
}

// checkFeeBack holds a refund's feeAmount to spec §4.2.16: not negative,
// not more than the refund's amount (不得超过退款总金额), nor than the
// original's fee not yet given back. Each 40020 names the rule it broke.
func checkFeeBack(feeBack, amount int64, ori *order) *soa.Error {
	left := ori.fee - ori.feeRefunded
	switch {
	case feeBack < 0:
		return soa.Errorf("40020", "feeAmount %d is negative", feeBack)
	case feeBack > amount:
		return soa.Errorf("40020", "feeAmount %d is more than the refund's amount %d (spec §4.2.16: 不得超过退款总金额)", feeBack, amount)
	case feeBack > left:
		return soa.Errorf("40020", "feeAmount %d: the fee left to refund on %s is %d", feeBack, ori.bizOrderNo, left)
	}
	return nil
}

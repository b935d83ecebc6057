package emulator

import "github.com/tsymock/tsymock/internal/soa"

// consumeApply: a payer pays a receiver (recieverId, sic). BALANCE without
// confirmation pays at once; each splitRule receiver is credited its share,
// less its fee and what it passes on (order_split.go), the platform the
// fees, the receiver the rest. It may be paid by a
// combination of a channel, BALANCE and COUPON (spec §4.2.1 三).
func consumeApply(a *app, p params) (map[string]any, *soa.Error) {
	payer, serr := a.member(p.str("payerId"))
	if serr != nil {
		return nil, serr
	}
	receiver, serr := a.receiver(p.str("recieverId"))
	if serr != nil {
		return nil, serr
	}
	o, serr := a.newOrder(kindConsume, p)
	if serr != nil {
		return nil, serr
	}
	if serr := a.checkCrossBorderOrder(p); serr != nil {
		return nil, serr
	}
	pm, serr := a.payment("consumeApply", p, o.amount, payer, []string{receiver})
	if serr != nil {
		return nil, serr
	}
	splits, serr := a.splits("splitRule", p["splitRule"], o.amount-o.fee)
	if serr != nil {
		return nil, serr
	}
	o.payer, o.receiver, o.accountSet = payer.bizUserID, receiver, a.orderSet(pm)
	if serr := a.checkSet(o.accountSet); serr != nil {
		return nil, serr
	}
	if o.sources, serr = a.paySources(pm, payer.bizUserID, o.accountSet); serr != nil {
		return nil, serr
	}
	if serr := a.checkDailyOrders(kindConsume, payer.bizUserID); serr != nil {
		return nil, serr
	}
	o.legs = a.chainLegs(o.sources, acct(payer.bizUserID, o.accountSet), acct(receiver, o.accountSet), o.amount, o.fee, splits)
	if a.before(RulesDec2026b) { // net legs from the sources to where the money ends
		o.legs = match(flows(o.sources), a.distribute(receiver, o.accountSet, o.amount, o.fee, splits))
	}
	return a.start(o, pm)
}

// receiver checks a receiving member (30058 when unknown); the platform's
// own member always receives.
func (a *app) receiver(bizUserID string) (string, *soa.Error) {
	if bizUserID == OwnerPlatform {
		return bizUserID, nil
	}
	if _, ok := a.members[bizUserID]; !ok {
		return "", soa.Errorf("30058", "receiver %q", bizUserID)
	}
	m, serr := a.member(bizUserID)
	if serr != nil {
		return "", serr
	}
	return m.bizUserID, a.checkReceiverReady(m)
}

// checkReceiverReady notes a receiver that may not receive yet (spec
// §4.2.4 note 3): a person real-named (30008), an enterprise approved
// (30050). tsymock let them pass before; the note says the real platform
// refuses (the error with --strict).
func (a *app) checkReceiverReady(m *member) *soa.Error {
	if code, lacks := a.unverified(m); code != "" {
		return a.lenient(rulePrerequisite, code, "receiver %q lacks %s: spec §4.2.4 note 3 pays only a real-named "+
			"person or an approved enterprise", m.bizUserID, lacks)
	}
	return nil
}

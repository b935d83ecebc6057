package emulator

import "github.com/tsymock/tsymock/internal/soa"

// split is one receiver of a splitRule: it gets amount, of which fee goes
// to the platform.
type split struct {
	bizUserID string
	amount    int64
	fee       int64
}

// consumeApply: a payer pays a receiver (recieverId, sic). BALANCE without
// confirmation pays at once; each splitRule receiver is credited its share,
// the platform the fee, the receiver the rest. It may be paid by a
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
	pm, serr := a.payment("consumeApply", p, o.amount, payer, []string{receiver})
	if serr != nil {
		return nil, serr
	}
	splits, serr := a.splits(p["splitRule"], o.amount-o.fee)
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
	o.legs = match(flows(o.sources), distribute(receiver, o.accountSet, o.amount, o.fee, splits))
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
	if code, lacks := m.unverified(); code != "" {
		return a.lenient(rulePrerequisite, code, "receiver %q lacks %s: spec §4.2.4 note 3 pays only a real-named "+
			"person or an approved enterprise", m.bizUserID, lacks)
	}
	return nil
}

// splits reads a split rule; the shares may not exceed what is left to
// split (40020).
func (a *app) splits(v any, available int64) ([]split, *soa.Error) {
	var out []split
	var sum int64
	for _, it := range asList(v) {
		s := split{bizUserID: asStr(it["bizUserId"]), amount: asInt(it["amount"]), fee: asInt(it["fee"])}
		if _, serr := a.receiver(s.bizUserID); serr != nil {
			return nil, serr
		}
		if s.amount < 0 || s.fee < 0 || s.fee > s.amount {
			return nil, soa.Errorf("40020", "splitRule for %s: amount %d, fee %d", s.bizUserID, s.amount, s.fee)
		}
		sum += s.amount
		out = append(out, s)
	}
	if sum > available {
		return nil, soa.Errorf("40020", "splitRule shares add up to %d, more than the %d left after the fee", sum, available)
	}
	return out, nil
}

// distribute is where amount goes: each split its share less its fee, the
// platform every fee, the receiver the rest.
func distribute(receiver, set string, amount, fee int64, splits []split) []flow {
	rest, fees := amount-fee, fee
	var to []flow
	for _, s := range splits {
		to = append(to, flow{acct(s.bizUserID, set), s.amount - s.fee})
		rest -= s.amount
		fees += s.fee
	}
	return append(to, flow{acct(receiver, set), rest}, flow{acct(OwnerPlatform, set), fees})
}

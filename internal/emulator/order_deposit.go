package emulator

import "github.com/tsymock/tsymock/internal/soa"

// depositApply tops up a member's account from a card or a gateway. The
// money comes from outside; the fee goes to the platform. It is always
// confirmed: by SMS (pay) for quick pay, on a page for the others.
func depositApply(a *app, p params) (map[string]any, *soa.Error) {
	m, serr := a.member(p.str("bizUserId"))
	if serr != nil {
		return nil, serr
	}
	set := p.str("accountSetNo")
	if serr := a.checkSet(set); serr != nil {
		return nil, serr
	}
	o, serr := a.newOrder(kindDeposit, p)
	if serr != nil {
		return nil, serr
	}
	pm, serr := parsePayMethod(p["payMethod"], o.amount)
	if serr != nil {
		return nil, serr
	}
	if pm.kind == payBalance {
		return nil, soa.Errorf("40009", "a deposit cannot be paid from BALANCE")
	}
	if serr := a.checkCard(m, pm); serr != nil {
		return nil, serr
	}
	o.payer, o.accountSet = m.bizUserID, set
	o.legs = []Leg{
		{acct(OwnerOutside, set), acct(m.bizUserID, set), o.amount - o.fee},
		{acct(OwnerOutside, set), acct(OwnerPlatform, set), o.fee},
	}
	return a.start(o, pm)
}

// checkCard: quick pay needs a card bound to the member (30045).
func (a *app) checkCard(m *member, pm payMethod) *soa.Error {
	if pm.kind != payQuick {
		return nil
	}
	if _, ok := m.cards[pm.cardNo]; !ok {
		return soa.Errorf("30045", "%s pays with a card that is not bound to %s", pm.name, m.bizUserID)
	}
	return nil
}

package emulator

import (
	"strings"

	"github.com/tsymock/tsymock/internal/soa"
)

// FailMarker in a withdrawApply's extendInfo makes the withdrawal fail
// after it is accepted, as a bank refusing the transfer would: no money
// moves, the order ends with status 3 and a failure notification is sent.
const FailMarker = "tsymock:fail"

// withdrawApply sends money from a member's account to a bound card: the
// amount less the fee leaves the ledger, the fee goes to the platform.
// validateType 1 waits for the SMS code (pay); otherwise it pays at once.
func withdrawApply(a *app, p params) (map[string]any, *soa.Error) {
	m, serr := a.member(p.str("bizUserId"))
	if serr != nil {
		return nil, serr
	}
	set := p.str("accountSetNo")
	if serr := a.checkSet(set); serr != nil {
		return nil, serr
	}
	card, ok := m.cards[p.str("bankCardNo")]
	if !ok {
		return nil, soa.Errorf("30045", "withdrawal to a card that is not bound to %s", m.bizUserID)
	}
	o, serr := a.newOrder(kindWithdraw, p)
	if serr != nil {
		return nil, serr
	}
	o.payer, o.accountSet, o.acct = m.bizUserID, set, cardHint(card.cardNo)
	o.legs = []Leg{
		{acct(m.bizUserID, set), acct(OwnerOutside, set), o.amount - o.fee},
		{acct(m.bizUserID, set), acct(OwnerPlatform, set), o.fee},
	}
	if strings.Contains(o.extendInfo, FailMarker) {
		a.register(o)
		a.failWith(o, soa.Errorf("40006", "the bank refused the withdrawal (%s in extendInfo)", FailMarker))
		return o.answer(), nil
	}
	return a.start(o, payMethod{kind: payBalance, accountSet: set})
}

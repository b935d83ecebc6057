package emulator

import "github.com/tsymock/tsymock/internal/soa"

// kindCrossBorder is a cross-border withdrawal (跨境提现, order type 17 of
// spec §6.15).
const kindCrossBorder = "crossBorderWithdraw"

// crossBorderWithdrawApply withdraws a member's money to the cross-border
// reserve account that another member, an enterprise (30006), has bound
// (spec §4.2.23): bankCardNo is that member's card (30045), and the two
// members differ (10000). It goes on as withdrawApply does, through
// WITHDRAW_TLT, WITHDRAW_SD, WITHDRAW_HTBANK or WITHDRAW_JFB. The
// cross-border side (易通汇) has no state to keep: the money leaves the
// ledger as for a withdrawal.
func crossBorderWithdrawApply(a *app, p params) (map[string]any, *soa.Error) {
	m, set, serr := a.memberAccount("crossBorderWithdrawApply", p)
	if serr != nil {
		return nil, serr
	}
	reserve, serr := a.crossBorderMember(p.str("crossBorderbizUserId"), m.bizUserID)
	if serr != nil {
		return nil, serr
	}
	card, ok := reserve.cards[p.str("bankCardNo")]
	if !ok {
		return nil, soa.Errorf("30045", "bankCardNo is not bound to the cross-border member %s", reserve.bizUserID)
	}
	return a.withdraw(kindCrossBorder, "crossBorderWithdrawApply", m, set, cardHint(card.cardNo), p)
}

// crossBorderMember is the member holding the cross-border reserve account:
// known (30001), an enterprise (30006), not the one withdrawing (10000).
func (a *app) crossBorderMember(bizUserID, withdrawer string) (*member, *soa.Error) {
	if bizUserID == withdrawer {
		return nil, soa.Errorf("10000", "crossBorderbizUserId must not be the bizUserId withdrawing (%s)", withdrawer)
	}
	m, serr := a.member(bizUserID)
	if serr != nil {
		return nil, serr
	}
	if m.memberType != memberEnterprise {
		return nil, soa.Errorf("30006", "crossBorderbizUserId %s is a personal member; the cross-border reserve "+
			"account belongs to an enterprise member (spec §4.2.23)", bizUserID)
	}
	return m, nil
}

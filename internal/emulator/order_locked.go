package emulator

import (
	"maps"
	"slices"

	"github.com/tsymock/tsymock/internal/soa"
)

// lockedParty refuses to pay o while a member party to it is locked (30022),
// spec §4.1.15 (lines 2735-2737): 会员被锁定后将无法创建订单，也不能收款。除解锁
// 会员之外，其它接口都将返回错误信息“会员已锁定”. The apply refused a locked
// payer or receiver; one locked after it neither pays (the payer: the
// spec's words whole, as every call of a locked member is answered) nor is
// paid (a consumption's receiver and split members, a collection's
// receivers: the words, then which member, since the call is not its own).
// OrderService.pay, frontTrans.do and payOrder.html check it when they open
// and when they confirm; the order stays pending, payable once unlocked.
// An op answered before RulesDec2026c paid whoever was locked.
func (a *app) lockedParty(o *order) *soa.Error {
	if a.before(RulesDec2026c) {
		return nil
	}
	if a.isLocked(o.payer) {
		return soa.Quoted("30022", textLocked)
	}
	for _, id := range o.payees() {
		if id != o.payer && a.isLocked(id) {
			return soa.Explained("30022", textLocked, "order "+o.bizOrderNo+" pays "+id+
				", which is locked: a locked member receives nothing (spec §4.1.15: 也不能收款); the order waits, "+
				"payable once unlockMember unlocks "+id)
		}
	}
	return nil
}

// isLocked reports whether id is a member of the application that is
// locked; the platform's own member and tsymock's inner accounts never are.
func (a *app) isLocked(id string) bool {
	m, ok := a.members[id]
	return ok && m.locked
}

// payees are who an order's money goes to, in the order its legs credit
// them (a consumption's receiver, then its split members), then a
// collection's receivers, sorted: the escrow holds their money until a
// payout, but they are its 收款列表 (spec §4.2.5 recieverList). Accounts that
// are no member's (the platform, the escrow, outside) are left to
// lockedParty's lookup.
func (o *order) payees() []string {
	var out []string
	for _, l := range o.legs {
		if !slices.Contains(out, l.To.Owner) {
			out = append(out, l.To.Owner)
		}
	}
	return append(out, slices.Sorted(maps.Keys(o.shares))...)
}

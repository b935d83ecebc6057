package emulator

import (
	"github.com/tsymock/tsymock/internal/soa"
)

// agentCollectApply collects from a payer for the receivers of recieverList
// (sic). The money waits in escrow until signalAgentPay or batchAgentPay
// pays it out; the collection fee goes to the platform at once, into its
// standard balance set (income). It may be
// paid by a combination of a channel, BALANCE and COUPON (spec §4.2.1 三).
func agentCollectApply(a *app, p params) (map[string]any, *soa.Error) {
	payer, serr := a.member(p.str("payerId"))
	if serr != nil {
		return nil, serr
	}
	o, serr := a.newOrder(kindCollect, p)
	if serr != nil {
		return nil, serr
	}
	if serr := a.checkCrossBorderOrder(p); serr != nil {
		return nil, serr
	}
	if o.shares, serr = a.shares(p["recieverList"], o.amount, o.fee); serr != nil {
		return nil, serr
	}
	pm, serr := a.payment("agentCollectApply", p, o.amount, payer, payees(p["recieverList"]))
	if serr != nil {
		return nil, serr
	}
	o.payer, o.accountSet = payer.bizUserID, a.orderSet(pm)
	if serr := a.checkSet(o.accountSet); serr != nil {
		return nil, serr
	}
	if o.sources, serr = a.paySources(pm, payer.bizUserID, o.accountSet); serr != nil {
		return nil, serr
	}
	if serr := a.checkDailyOrders(kindCollect, payer.bizUserID); serr != nil {
		return nil, serr
	}
	escrow := acct(OwnerEscrow, a.escrowSet())
	o.legs = a.chainLegs(o.sources, acct(payer.bizUserID, o.accountSet), escrow, o.amount, o.fee, nil)
	if a.before(RulesDec2026b) { // a channel's money straight into escrow
		o.legs = append(match(flows(o.sources), []flow{{escrow, o.amount}}), Leg{escrow, a.feeAccount(a.escrowSet()), o.fee})
	}
	return a.start(o, pm)
}

// shares reads recieverList: each receiver's share. The shares add up to
// the amount less the fee (spec §4.2.5, amount: 订单金额=收款列表总金额+手续费;
// 40020 otherwise): the fee is the platform's, and the receivers are paid
// out what is left.
func (a *app) shares(v any, amount, fee int64) (map[string]int64, *soa.Error) {
	shares := map[string]int64{}
	var sum int64
	for _, it := range asList(v) {
		id, share := asStr(it["bizUserId"]), asInt(it["amount"])
		if serr := a.notPlatform("recieverList bizUserId", id, "§5.8, §4.2.6: a collection is paid out to members"); serr != nil {
			return nil, serr
		}
		if _, serr := a.receiver(id); serr != nil {
			return nil, serr
		}
		if share <= 0 {
			return nil, soa.Errorf("40020", "recieverList amount for %s must be positive, got %d", id, share)
		}
		shares[id] += share
		var ok bool
		if sum, ok = addFen(sum, share); !ok {
			return nil, tooMuch("recieverList")
		}
	}
	if sum != amount-fee {
		return nil, soa.Errorf("40020", "recieverList adds up to %d; spec §4.2.5 wants the amount %d less the fee %d, %d "+
			"(订单金额=收款列表总金额+手续费)", sum, amount, fee, amount-fee)
	}
	return shares, nil
}

// left is what a collection still holds in escrow: its amount less its fee
// and what was paid out or refunded.
func (o *order) left() int64 {
	var held int64
	for _, s := range o.shares {
		held += s
	}
	return min(held, o.amount-o.fee-o.paidOut)
}

// payees are the bizUserIds of a recieverList, in its order.
func payees(v any) []string {
	var out []string
	for _, it := range asList(v) {
		out = append(out, asStr(it["bizUserId"]))
	}
	return out
}

// notPlatform refuses the platform (#yunBizUserId_B2C#) where only a member
// may receive (30059 收款人不能为平台, spec §7): a collection's receiver,
// whose money only a payout to a member (§4.2.6: 支持个人会员、企业会员)
// could take out of escrow, and a payout's payee. Ops answered before
// RulesDec2026b took a collection for the platform and answered a payout
// to it 30001.
func (a *app) notPlatform(what, id, why string) *soa.Error {
	if id != OwnerPlatform || a.before(RulesDec2026b) {
		return nil
	}
	return soa.Errorf("30059", "%s %s: the platform receives no collection or payout (spec %s); a consumption "+
		"(recieverId) or a split rule (§5.3) pays the platform", what, id, why)
}

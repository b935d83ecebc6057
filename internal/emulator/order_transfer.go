package emulator

import (
	"slices"

	"github.com/tsymock/tsymock/internal/soa"
)

// freeze is one freezeMoney: how much of it is still frozen.
type freeze struct {
	bizUserID, set string
	frozen         int64
}

// transfer is one applicationTransfer, by its bizTransferNo: what the
// reconciliation file shows beside the ledger's entry (spec §4.3.2).
type transfer struct {
	transferNo, extendInfo string
	extendInfoEmpty        bool // extendInfo was sent as "" (echoText)
}

// applicationTransfer pays a member from the platform's own account. Its
// extendInfo takes no "|" (spec §4.2.17: 不可包含“|”特殊字符), noted as the
// order methods note it (checkExtendInfo) since RulesDec2026c.
func applicationTransfer(a *app, p params) (map[string]any, *soa.Error) {
	no := p.str("bizTransferNo")
	if _, dup := a.book.transfers[no]; dup {
		return nil, soa.Errorf("40017", "bizTransferNo %q", no)
	}
	src, dst := p.str("sourceAccountSetNo"), p.str("targetAccountSetNo")
	for _, set := range []string{src, dst} {
		if serr := a.checkSet(set); serr != nil {
			return nil, serr
		}
	}
	if serr := a.checkTransferSets(src, dst); serr != nil {
		return nil, serr
	}
	target, serr := a.member(p.str("targetBizUserId"))
	if serr != nil {
		return nil, serr
	}
	amount := p.num("amount")
	if serr := checkAmounts(amount, 0); serr != nil {
		return nil, serr
	}
	if !a.before(RulesDec2026c) { // an op before it took a "|" without a note
		if serr := a.checkExtendInfo("§4.2.17", p); serr != nil {
			return nil, serr
		}
	}
	transferNo := a.number()
	ref := Ref{OrderNo: transferNo, BizOrderNo: no, TradeNo: transferNo}
	if err := a.book.ledger.post(a.now(), ref, Leg{acct(OwnerPlatform, src), acct(target.bizUserID, dst), amount}); err != nil {
		return nil, ledgerError("40014", err)
	}
	tr := transfer{transferNo: transferNo, extendInfo: p.str("extendInfo"), extendInfoEmpty: a.echoesEmpty(p, "extendInfo")}
	a.book.transfers[no] = tr
	v := map[string]any{"transferNo": transferNo, "bizTransferNo": no, "amount": amount}
	echoText(v, "extendInfo", tr.extendInfo, tr.extendInfoEmpty) // §4.2.17: 原样返回
	return v, nil
}

// checkTransferSets notes a transfer between sets the platform does not
// transfer between (spec §4.2.17): from one of the platform's own sets
// (standard, deposit 保证金, marketing, prepaid cards, a custom one), never
// the escrow set, the reserve (100003) or the intermediate sets (100004,
// 100005); to the escrow set (托管专用账户集) only.
func (a *app) checkTransferSets(src, dst string) *soa.Error {
	switch {
	case src == a.escrowSet() || slices.Contains(reserveSets(), src):
		return a.lenient(RuleTransferSet, "30018", "sourceAccountSetNo %s: spec §4.2.17 transfers from the platform's "+
			"standard, deposit, marketing, prepaid-card or custom set only", src)
	case dst != a.escrowSet():
		return a.lenient(RuleTransferSet, "30018", "targetAccountSetNo %s: spec §4.2.17 transfers to the members' "+
			"escrow set (托管专用账户集, %s) only", dst, a.escrowSet())
	}
	return nil
}

// freezeMoney moves part of a member's available balance to its frozen
// part (50001 when the available balance is short).
func freezeMoney(a *app, p params) (map[string]any, *soa.Error) {
	m, set, serr := a.memberAccount("freezeMoney", p)
	if serr != nil {
		return nil, serr
	}
	no, amount := p.str("bizFreezenNo"), p.num("amount")
	if _, dup := a.book.freezes[no]; dup {
		return nil, soa.Errorf("40017", "bizFreezenNo %q", no)
	}
	if serr := checkAmounts(amount, 0); serr != nil {
		return nil, serr
	}
	avail := acct(m.bizUserID, set)
	frozen := Account{Owner: m.bizUserID, Set: set, Frozen: true}
	if err := a.book.ledger.post(a.now(), a.freezeRef(no), Leg{avail, frozen, amount}); err != nil {
		return nil, ledgerError("50001", err)
	}
	a.book.freezes[no] = &freeze{bizUserID: m.bizUserID, set: set, frozen: amount}
	return map[string]any{"bizFreezenNo": no, "amount": amount}, nil
}

// unfreezeMoney releases all or part of one freeze: 50004 when there is no
// such freeze for this member, 50003 when it holds less.
func unfreezeMoney(a *app, p params) (map[string]any, *soa.Error) {
	m, set, serr := a.memberAccount("unfreezeMoney", p)
	if serr != nil {
		return nil, serr
	}
	no, amount := p.str("bizFreezenNo"), p.num("amount")
	f, ok := a.book.freezes[no]
	if !ok || f.bizUserID != m.bizUserID || f.set != set {
		return nil, soa.Errorf("50004", "bizFreezenNo %q for %s in %s", no, m.bizUserID, set)
	}
	if amount <= 0 || amount > f.frozen {
		return nil, soa.Errorf("50003", "freeze %s holds %d, %d asked", no, f.frozen, amount)
	}
	frozen := Account{Owner: m.bizUserID, Set: set, Frozen: true}
	if err := a.book.ledger.post(a.now(), a.freezeRef(no), Leg{frozen, acct(m.bizUserID, set), amount}); err != nil {
		return nil, ledgerError("50003", err)
	}
	f.frozen -= amount
	return map[string]any{"bizFreezenNo": no, "amount": amount}, nil
}

// memberInSet reads bizUserId and accountSetNo.
func (a *app) memberInSet(p params) (*member, string, *soa.Error) {
	m, serr := a.member(p.str("bizUserId"))
	if serr != nil {
		return nil, "", serr
	}
	set := p.str("accountSetNo")
	return m, set, a.checkSet(set)
}

// freezeRef is the ledger reference of a freeze or an unfreeze of
// bizFreezenNo: its statement line's tradeNo (spec §5.12 收支明细流水号,
// required) is a serial of its own, drawn as the platform's numbers are.
// Ops answered before RulesDec2026b drew none and left it empty.
func (a *app) freezeRef(bizFreezenNo string) Ref {
	if a.before(RulesDec2026b) {
		return Ref{BizOrderNo: bizFreezenNo}
	}
	return Ref{BizOrderNo: bizFreezenNo, TradeNo: a.number()}
}

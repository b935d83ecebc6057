package emulator

import (
	"github.com/tsymock/tsymock/internal/soa"
)

// draw is the part of a collection that a payout takes.
type draw struct {
	collect *order
	amount  int64
}

// signalAgentPay (sic) pays held money out of escrow to one receiver,
// against the collections named in collectPayList.
func signalAgentPay(a *app, p params) (map[string]any, *soa.Error) {
	o, serr := a.agentPay(p, "")
	if serr != nil {
		return nil, serr
	}
	v := map[string]any{"payStatus": "success", "orderNo": o.orderNo, "bizOrderNo": o.bizOrderNo, "payWhereabouts": 1}
	o.echoExtendInfo(v)
	return v, nil
}

// agentPay makes, posts and records one payout order; batch is the
// bizBatchNo of a batchAgentPay item ("" for signalAgentPay), which the
// summary reconciliation file counts apart (spec §4.3.2).
func (a *app) agentPay(p params, batch string) (*order, *soa.Error) {
	if serr := a.notPlatform("the payout's bizUserId", p.str("bizUserId"), "§4.2.6 bizUserId: 支持个人会员、企业会员"); serr != nil {
		return nil, serr
	}
	payee, serr := a.member(p.str("bizUserId"))
	if serr != nil {
		return nil, serr
	}
	set := p.str("accountSetNo")
	if serr := a.checkSet(set); serr != nil {
		return nil, serr
	}
	if serr := a.checkMemberSet("the payout's accountSetNo", payee.bizUserID, set); serr != nil {
		return nil, serr
	}
	o, serr := a.newOrder(kindAgentPay, p)
	if serr != nil {
		return nil, serr
	}
	draws, serr := a.draws(p["collectPayList"], payee.bizUserID, o.amount)
	if serr != nil {
		return nil, serr
	}
	splits, serr := a.splits("splitRuleList", p["splitRuleList"], o.amount-o.fee)
	if serr != nil {
		return nil, serr
	}
	o.payer, o.receiver, o.accountSet, o.batch = payee.bizUserID, payee.bizUserID, set, batch
	escrow := []*source{{flow: flow{acct(OwnerEscrow, a.escrowSet()), o.amount}}}
	o.legs = a.chainLegs(escrow, Account{}, acct(payee.bizUserID, set), o.amount, o.fee, splits)
	if a.before(RulesDec2026b) { // net legs from escrow to where the money ends
		o.legs = match(flows(escrow), a.distribute(payee.bizUserID, set, o.amount, o.fee, splits))
	}
	if serr := a.succeed(o); serr != nil {
		return nil, serr
	}
	for _, d := range draws {
		d.collect.shares[payee.bizUserID] -= d.amount
		d.collect.paidOut += d.amount
		d.collect.paidTo(acct(payee.bizUserID, set), d.amount)
	}
	a.register(o)
	return o, nil
}

// draws checks collectPayList: each collection exists, succeeded, was made
// for payee, and still holds the amount (40040); they add up to the payout.
func (a *app) draws(v any, payee string, amount int64) ([]draw, *soa.Error) {
	var out []draw
	var sum int64
	need := map[*order]int64{}
	for _, it := range asList(v) {
		c, serr := a.collection(asStr(it["bizOrderNo"]))
		if serr != nil {
			return nil, serr
		}
		d := draw{collect: c, amount: asInt(it["amount"])}
		if d.amount <= 0 {
			return nil, soa.Errorf("40020", "collectPayList amount for %s must be positive, got %d", c.bizOrderNo, d.amount)
		}
		var ok bool
		if need[c], ok = addFen(need[c], d.amount); !ok {
			return nil, tooMuch("collectPayList")
		}
		if _, ok := c.shares[payee]; !ok {
			return nil, soa.Errorf("40022", "collection %s was not made for %s", c.bizOrderNo, payee)
		}
		if need[c] > c.shares[payee] || need[c] > c.left() {
			return nil, soa.Errorf("40040", "collection %s holds %d for %s, %d asked", c.bizOrderNo, min(c.shares[payee], c.left()), payee, need[c])
		}
		if sum, ok = addFen(sum, d.amount); !ok {
			return nil, tooMuch("collectPayList")
		}
		out = append(out, d)
	}
	if sum != amount {
		return nil, soa.Errorf("40020", "collectPayList adds up to %d, the payout amount is %d", sum, amount)
	}
	return out, nil
}

// collection finds a succeeded agentCollect order.
func (a *app) collection(bizOrderNo string) (*order, *soa.Error) {
	c, serr := a.order(bizOrderNo)
	if serr != nil {
		return nil, serr
	}
	if c.kind != kindCollect {
		return nil, soa.Errorf("40018", "order %s is a %s, not an agentCollect", bizOrderNo, c.kind)
	}
	if c.status != statusSucceeded && c.status != statusRefunded {
		return nil, soa.Errorf("40019", "collection %s has status %d, not paid", bizOrderNo, c.status)
	}
	return c, nil
}

// detailCollection is collection for the detail queries of spec §4.2.21
// and §4.2.22, which answer a failed collection with the spec's own words
// (若上送代收失败的订单，提示错误信息“上送的代收订单支付失败”); the code
// stays 40019, tsymock's choice, as the spec names none.
func (a *app) detailCollection(bizOrderNo string) (*order, *soa.Error) {
	c, serr := a.collection(bizOrderNo)
	if serr != nil && serr.Code == "40019" && a.book.byBiz[bizOrderNo].status == statusFailed {
		return nil, soa.Quoted("40019", textCollectionFailed)
	}
	return c, serr
}

// batchAgentPay pays out each item like signalAgentPay. An item that
// cannot be paid does not stop the others: it is recorded as a failed order
// and notified, as each paid item is notified on its own. The spec is of two
// minds about the failure: §3.7's table notifies a batch payout's 订单成功、
// 订单失败, each order on its own, and §4.2.7 note 3 says each item's outcome
// comes by notification; §4.2.7 note 4 says a payout to a balance is notified
// only on success. tsymock notifies (a choice, docs/methods.md): a suite
// that waits for the failure passes, and one that does not is not hurt.
// An item whose bizOrderNo is taken refuses the whole batch (takenItem);
// before RulesDec2026c it was skipped, without an order or a notification.
func batchAgentPay(a *app, p params) (map[string]any, *soa.Error) {
	batch := p.str("bizBatchNo")
	if _, dup := a.book.batches[batch]; dup {
		return nil, soa.Errorf("40017", "bizBatchNo %q", batch)
	}
	if serr := checkTradeCode(p.str("tradeCode"), false); serr != nil {
		return nil, serr
	}
	items := asList(p["batchPayList"])
	if !a.before(RulesDec2026c) {
		if serr := a.takenItem(batch, items); serr != nil {
			return nil, serr
		}
	}
	a.book.batches[batch] = true
	for _, item := range items {
		if item["tradeCode"] == nil {
			item["tradeCode"] = p["tradeCode"]
		}
		if _, serr := a.agentPay(params(item), batch); serr != nil {
			a.failedItem(params(item), batch, serr)
		}
	}
	return map[string]any{"bizBatchNo": batch}, nil
}

// takenItem refuses a batch with 40017 (订单已经存在, chapter 7) when an
// item's bizOrderNo is taken, by an order or by an earlier item of the
// batch, before any item is paid and without keeping bizBatchNo, so that
// the merchant may send the batch again once it is fixed. Such an item
// could be neither paid nor recorded as failed, and so never notified,
// where spec §3.7 (批量托管代付 订单成功、订单失败 每个托管代付订单分别通知) and
// §4.2.7 note 3 (每笔托管代付订单是否成功，以异步通知为准) promise every item
// an outcome; a bizOrderNo is unique as in every order apply (§4.2.1:
// 40017). The message names the item by its index and its bizOrderNo.
func (a *app) takenItem(batch string, items []map[string]any) *soa.Error {
	first := map[string]int{}
	for i, it := range items {
		no := asStr(it["bizOrderNo"])
		if j, dup := first[no]; dup {
			return soa.Errorf("40017", "batchPayList[%d] bizOrderNo %q is batchPayList[%d]'s too: batch %q is refused and "+
				"no item is paid (each item is an order of its own, spec §4.2.7, §5.11)", i, no, j, batch)
		}
		if _, dup := a.book.byBiz[no]; dup {
			return soa.Errorf("40017", "batchPayList[%d] bizOrderNo %q is an order already: batch %q is refused and no "+
				"item is paid (each item is an order of its own, spec §4.2.7, §5.11)", i, no, batch)
		}
		first[no] = i
	}
	return nil
}

// failedItem records a batch item that could not be paid. An item whose
// bizOrderNo is already taken (possible only in an op before RulesDec2026c,
// see takenItem) is not recorded: the existing order stays as it is.
func (a *app) failedItem(p params, batch string, serr *soa.Error) {
	o := &order{kind: kindAgentPay, bizOrderNo: p.str("bizOrderNo"), orderNo: a.number(), batch: batch,
		created: a.now(), payer: p.str("bizUserId"), amount: p.num("amount"),
		backURL: p.str("backUrl"), extendInfo: p.str("extendInfo"), extendInfoEmpty: a.echoesEmpty(p, "extendInfo")}
	if _, dup := a.book.byBiz[o.bizOrderNo]; !dup {
		a.register(o)
		a.failWith(o, serr)
		a.notifyOrder(o) // failWith notifies withdrawals only: see batchAgentPay
	}
}

package emulator

import "github.com/tsymock/tsymock/internal/soa"

// bookExtras is what the less used methods read beyond the orders
// themselves: the goods of entryGoods, and how orders were made, which the
// order methods do not keep because no money depends on it: the split
// rules of a consumption or a payout as sent, the receivers of a collection
// in the order its recieverList named them, and the payouts drawn from each
// collection. Like the rest of the state it is built only inside ops, so a
// replay rebuilds it.
type bookExtras struct {
	goods     map[string]*goods  // by bizGoodsNo
	rules     map[string][]rule  // orderNo → its splitRule or splitRuleList
	receivers map[string][]share // collection orderNo → its recieverList, one item per receiver
	payouts   map[string][]drawn // collection orderNo → what payouts took from it, in order
}

// rule is one split rule item as sent, with its nested splitRuleList.
type rule struct {
	bizUserID, accountSet, remark string
	amount, fee                   int64
	sub                           []rule
	to                            Account // where the item is paid, once checked (see splitAccount)
}

// share is a receiver's part of a collection, as its recieverList said.
type share struct {
	bizUserID string
	amount    int64
}

// drawn is what one payout took from a collection for its payee.
type drawn struct {
	payout, payee string // the payout's orderNo, and who it paid
	amount        int64
}

// more returns the book's extras for writing, made on first use: most
// applications never call the methods that need them.
func (b *orderBook) more() *bookExtras {
	if b.extras == nil {
		b.extras = &bookExtras{}
	}
	return b.extras
}

// read returns the book's extras for reading, an empty one when there are
// none: a query must not make them, so that it leaves the state as it was.
func (b *orderBook) read() *bookExtras {
	if b.extras == nil {
		return &bookExtras{}
	}
	return b.extras
}

// keepDetails wraps an order-making method (consumeApply, agentCollectApply,
// signalAgentPay, batchAgentPay) so that the orders it registers keep what
// they were made with, for getOrderSplitRuleListDetail and
// getPaymentInformationDetail. It draws nothing from the clock or the ids,
// so a replayed op comes out as it did.
func keepDetails(h handler) handler {
	return func(a *app, p params) (map[string]any, *soa.Error) {
		before := len(a.book.all)
		v, serr := h(a, p)
		for _, o := range a.book.all[before:] {
			a.keepDetail(o, paramsOf(o, p))
		}
		return v, serr
	}
}

// paramsOf finds the params an order was made with: the call's own, or for
// a batch the first batchPayList item with the order's bizOrderNo (a later
// item with the same number was refused as a duplicate).
func paramsOf(o *order, p params) params {
	if p.str("bizOrderNo") == o.bizOrderNo {
		return p
	}
	for _, item := range asList(p["batchPayList"]) {
		if asStr(item["bizOrderNo"]) == o.bizOrderNo {
			return params(item)
		}
	}
	return params{}
}

// keepDetail records what an order was made with. Only a payout that
// succeeded took money from its collections.
func (a *app) keepDetail(o *order, p params) {
	x := a.book.more()
	switch o.kind {
	case kindConsume:
		put(&x.rules, o.orderNo, readRules(p["splitRule"]))
	case kindCollect:
		put(&x.receivers, o.orderNo, readShares(p["recieverList"]))
	case kindAgentPay:
		put(&x.rules, o.orderNo, readRules(p["splitRuleList"]))
		if o.status == statusSucceeded {
			a.keepDraws(o, p["collectPayList"])
		}
	}
}

// keepDraws records what a payout took from each collection of its
// collectPayList.
func (a *app) keepDraws(payout *order, collectPayList any) {
	x := a.book.more()
	for _, it := range asList(collectPayList) {
		c, ok := a.book.byBiz[asStr(it["bizOrderNo"])]
		if !ok {
			continue // the payout was checked against its collections: cannot happen
		}
		d := drawn{payout: payout.orderNo, payee: payout.receiver, amount: asInt(it["amount"])}
		put(&x.payouts, c.orderNo, append(x.payouts[c.orderNo], d))
	}
}

// readRules reads split rule items, nested ones included, as sent.
func readRules(v any) []rule {
	var out []rule
	for _, it := range asList(v) {
		out = append(out, rule{bizUserID: asStr(it["bizUserId"]), accountSet: asStr(it["accountSetNo"]),
			remark: asStr(it["remark"]), amount: asInt(it["amount"]), fee: asInt(it["fee"]),
			sub: readRules(it["splitRuleList"])})
	}
	return out
}

// readShares reads a recieverList: one share per receiver, in the order
// they first appear, adding up a receiver named twice as the collection
// does.
func readShares(v any) []share {
	var out []share
	at := map[string]int{}
	for _, it := range asList(v) {
		id := asStr(it["bizUserId"])
		if i, seen := at[id]; seen {
			out[i].amount += asInt(it["amount"])
			continue
		}
		at[id] = len(out)
		out = append(out, share{bizUserID: id, amount: asInt(it["amount"])})
	}
	return out
}

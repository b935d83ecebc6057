package emulator

import (
	"maps"
	"slices"

	"github.com/tsymock/tsymock/internal/soa"
)

// collectRefund is how a refund of a collection (托管代收, spec §4.2.5) is
// given back: from escrow, out of the receivers' shares not yet paid out,
// and from the accounts of receivers it was paid out to (spec §4.2.16
// refundList, §5.9).
type collectRefund struct {
	escrow  map[string]int64 // receiver → taken from their unpaid share, in escrow
	escrowN int64            // the escrow map's total
	paid    []flow           // taken back from a receiver's account it was paid out to
}

func newCollectRefund() *collectRefund { return &collectRefund{escrow: map[string]int64{}} }

// givers are the flows that give the refund's money back.
func (r *collectRefund) givers(escrowSet string) []flow {
	var out []flow
	if r.escrowN > 0 {
		out = append(out, flow{acct(OwnerEscrow, escrowSet), r.escrowN})
	}
	return append(out, r.paid...)
}

// takeEscrow takes n of receiver id's unpaid share.
func (r *collectRefund) takeEscrow(id string, n int64) {
	r.escrow[id] += n
	r.escrowN += n
}

// collectionRefund plans who gives back amount of a refund of collection
// c. Without refundList the money goes back the way it came (spec §4.2.16,
// refundList (3) A): first what escrow still holds, then what payouts paid
// to receivers; refundList is required for a partial refund (3) B, a
// portability note. With it each item names a receiver and where its part
// comes from (spec §5.9): without accountSetNo, the receiver's share still
// in escrow; with it, the receiver's account in that set, where a payout
// of c paid it.
func (a *app) collectionRefund(c *order, amount int64, full bool, refundList any) (*collectRefund, *soa.Error) {
	items := asList(refundList)
	if len(items) > 0 {
		return a.listedRefund(c, amount, items)
	}
	if !full {
		if serr := a.lenient(ruleRequired, "10001", "refundList: spec §4.2.16 requires it for a partial refund of a "+
			"collection (托管代收, refundList (3) B); without it tsymock takes the %d back the way it came, from "+
			"escrow first, then from the receivers paid out", amount); serr != nil {
			return nil, serr
		}
	}
	return originalPath(c, amount)
}

// originalPath takes amount from escrow, receiver by receiver in bizUserId
// order, then from the payouts in the order they were made (40040 when the
// collection holds and paid out less).
func originalPath(c *order, amount int64) (*collectRefund, *soa.Error) {
	r := newCollectRefund()
	need := amount
	for _, id := range slices.Sorted(maps.Keys(c.shares)) {
		if take := min(need, c.shares[id], c.left()-r.escrowN); take > 0 {
			r.takeEscrow(id, take)
			need -= take
		}
	}
	for _, p := range c.payouts {
		if take := min(need, p.amount); take > 0 {
			r.paid = append(r.paid, flow{p.acct, take})
			need -= take
		}
	}
	if need > 0 {
		return nil, soa.Errorf("40040", "collection %s holds %d in escrow and its payouts paid %d: a refund of %d cannot be given back",
			c.bizOrderNo, c.left(), c.paidOutTotal(), amount)
	}
	return r, nil
}

// listedRefund takes each item of refundList where it says (spec §5.9):
// the receiver must be one of c's (40022), and its part may not exceed
// what it has there (40040); the items add up to amount (40020).
func (a *app) listedRefund(c *order, amount int64, items []map[string]any) (*collectRefund, *soa.Error) {
	r := newCollectRefund()
	var total int64
	for _, it := range items {
		id, set, n := asStr(it["bizUserId"]), asStr(it["accountSetNo"]), asInt(it["amount"])
		if _, ok := c.shares[id]; !ok {
			return nil, soa.Errorf("40022", "refundList: %s is no receiver of collection %s (spec §5.9)", id, c.bizOrderNo)
		}
		if n <= 0 {
			return nil, soa.Errorf("40020", "refundList amount for %s must be positive, got %d", id, n)
		}
		var serr *soa.Error
		switch {
		case set == "":
			serr = r.fromEscrow(c, id, n)
		case !a.before(RulesDec2026b) && a.checkSet(set) != nil:
			// an unknown set is 30019 as everywhere; ops answered before
			// RulesDec2026b found no payout there (40040)
			serr = a.checkSet(set)
		default:
			serr = r.fromPayout(c, acct(id, set), n)
		}
		if serr != nil {
			return nil, serr
		}
		var ok bool
		if total, ok = addFen(total, n); !ok {
			return nil, tooMuch("refundList")
		}
	}
	if total != amount {
		return nil, soa.Errorf("40020", "refundList adds up to %d; it must be the refund's amount less its feeAmount, %d (spec §4.2.16)", total, amount)
	}
	return r, nil
}

// fromEscrow takes n of receiver id's share of c that escrow still holds.
func (r *collectRefund) fromEscrow(c *order, id string, n int64) *soa.Error {
	have := min(c.shares[id]-r.escrow[id], c.left()-r.escrowN)
	if n > have {
		return soa.Errorf("40040", "refundList: collection %s holds %d in escrow for %s, %d asked; what was paid out "+
			"is refunded with the accountSetNo it was paid to (spec §5.9)", c.bizOrderNo, max(have, 0), id, n)
	}
	r.takeEscrow(id, n)
	return nil
}

// fromPayout takes n back from the account a payout of c paid.
func (r *collectRefund) fromPayout(c *order, to Account, n int64) *soa.Error {
	var paid int64
	for _, p := range c.payouts {
		if p.acct == to {
			paid += p.amount
		}
	}
	for _, f := range r.paid {
		if f.acct == to {
			paid -= f.amount
		}
	}
	if n > paid {
		return soa.Errorf("40040", "refundList: payouts of collection %s paid %d to %s in account set %s, %d asked (spec §5.9)",
			c.bizOrderNo, paid, to.Owner, to.Set, n)
	}
	r.paid = append(r.paid, flow{to, n})
	return nil
}

// apply records a refund on its collection: the shares it took from
// escrow can no longer be paid out, and what it took back from payouts
// can no longer be refunded.
func (r *collectRefund) apply(c *order) {
	for id, n := range r.escrow {
		c.shares[id] -= n
		c.paidOut += n
	}
	for _, f := range r.paid {
		need := f.amount
		for i := range c.payouts {
			if c.payouts[i].acct == f.acct {
				take := min(need, c.payouts[i].amount)
				c.payouts[i].amount -= take
				need -= take
			}
		}
	}
}

// paidTo records that a payout paid n of collection c to an account.
func (c *order) paidTo(to Account, n int64) {
	for i := range c.payouts {
		if c.payouts[i].acct == to {
			c.payouts[i].amount += n
			return
		}
	}
	c.payouts = append(c.payouts, flow{to, n})
}

// paidOutTotal is what payouts of collection c paid and refunds have not
// taken back.
func (c *order) paidOutTotal() int64 {
	var t int64
	for _, p := range c.payouts {
		t += p.amount
	}
	return t
}

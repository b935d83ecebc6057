package emulator

import (
	"time"

	"github.com/tsymock/tsymock/internal/soa"
)

// maxTransitDays is how many days getPayeeFundsInTransitDetail looks at,
// at most (spec §4.2.22).
const maxTransitDays = 7

// getPayeeFundsInTransitDetail answers, for one receiver, what collections
// (agentCollectApply) paid between dateStart and dateEnd (China-time days,
// both included, at most 7) still hold for it in escrow (spec §4.2.22),
// one row per collection (spec §5.16): its share as listed
// (managedCollAmount) and what is still to come (estCollAmount). bizOrderNo
// narrows it to one collection, which must have been paid (40019) and made
// for the receiver (40022); accountSetNo must be a set of the application
// (30019) and, as the money waits in escrow whatever set it goes to, does
// not narrow the rows.
func getPayeeFundsInTransitDetail(a *app, p params) (map[string]any, *soa.Error) {
	m, serr := a.member(p.str("bizUserId"))
	if serr != nil {
		return nil, serr
	}
	if set := p.str("accountSetNo"); set != "" {
		if serr := a.checkSet(set); serr != nil {
			return nil, serr
		}
	}
	from, to, serr := dateRange(p.str("dateStart"), p.str("dateEnd"))
	if serr != nil {
		return nil, serr
	}
	if to.Sub(from) > maxTransitDays*24*time.Hour {
		return nil, soa.Errorf("40044", "dateStart %s to dateEnd %s is more than %d days", p.str("dateStart"),
			p.str("dateEnd"), maxTransitDays)
	}
	collections, serr := a.transitCollections(p.str("bizOrderNo"), m.bizUserID)
	if serr != nil {
		return nil, serr
	}
	rows := make([]any, 0)
	for _, c := range collections {
		held := min(c.shares[m.bizUserID], c.left())
		if held <= 0 || c.paidAt.Before(from) || !c.paidAt.Before(to) {
			continue
		}
		rows = append(rows, map[string]any{"recieverName": a.memberName(m.bizUserID), "recieverId": m.bizUserID,
			"orderNo": c.orderNo, "collTime": c.payDatetime(), "managedCollAmount": listedShare(a, c, m.bizUserID),
			"payerName": a.memberName(c.payer), "payerId": c.payer, "estCollAmount": held})
	}
	return map[string]any{"payeeFundsInTransitList": rows}, nil
}

// transitCollections are the paid collections made for a receiver: the one
// named (40000, 40018, 40019, 40022), or all of them in the order they were
// made.
func (a *app) transitCollections(bizOrderNo, receiver string) ([]*order, *soa.Error) {
	if bizOrderNo != "" {
		c, serr := a.detailCollection(bizOrderNo)
		if serr != nil {
			return nil, serr
		}
		if _, ok := c.shares[receiver]; !ok {
			return nil, soa.Errorf("40022", "collection %s was not made for %s", c.bizOrderNo, receiver)
		}
		return []*order{c}, nil
	}
	var out []*order
	for _, o := range a.book.all {
		_, made := o.shares[receiver]
		if o.kind == kindCollect && made && (o.status == statusSucceeded || o.status == statusRefunded) {
			out = append(out, o)
		}
	}
	return out, nil
}

// listedShare is a receiver's share of a collection as its recieverList
// said.
func listedShare(a *app, c *order, receiver string) int64 {
	for _, s := range a.book.read().receivers[c.orderNo] {
		if s.bizUserID == receiver {
			return s.amount
		}
	}
	return 0
}

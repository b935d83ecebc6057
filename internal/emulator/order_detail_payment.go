package emulator

import (
	"cmp"
	"time"

	"github.com/tsymock/tsymock/internal/soa"
)

// Receiver states of getPaymentInformationDetail's receiverInfoList.
const (
	receiverHeld = 0 // some of the receiver's share is still held in escrow
	receiverDone = 1 // nothing is left to pay out to it (paid out or refunded)
)

// payoutFilter is which payouts of a collection getPaymentInformationDetail
// counts: to payee ("" for every receiver), into set ("" for any), paid in
// [from, to).
type payoutFilter struct {
	payee, set string
	from, to   time.Time
}

// getPaymentInformationDetail answers what a collection (agentCollectApply,
// paid) took from its payer (spec §4.2.21) and, per receiver of its
// recieverList: its share
// (managedCollAmount), what payouts paid it (payAmount) and what escrow still
// holds for it (unPayAmount, never more than the collection holds: the
// collection fee is borne by the last payouts); and the same as the rows of
// paymentInformationList, the spec's shape. bizUserId narrows the
// answer to one receiver; accountSetNo and dateStart/dateEnd narrow the
// payouts counted in payAmount. Only paymentInformationList is in the
// spec's table; the rest is the summary a public SDK reads (coa-allin-pay),
// without the orderNo and bizOrderNo that neither has.
func getPaymentInformationDetail(a *app, p params) (map[string]any, *soa.Error) {
	c, serr := a.detailCollection(p.str("bizOrderNo")) // 40000, 40018, 40019
	if serr != nil {
		return nil, serr
	}
	f, serr := a.payoutFilter(c, p)
	if serr != nil {
		return nil, serr
	}
	held := c.left()
	items, rows := make([]any, 0), make([]any, 0)
	var paid, unpaid int64
	for _, s := range a.book.read().receivers[c.orderNo] {
		if f.payee != "" && s.bizUserID != f.payee {
			continue
		}
		item, itemPaid, itemUnpaid := a.receiverInfo(c, s, f, held)
		items = append(items, item)
		rows = append(rows, a.paymentRows(c, s, f, itemPaid, itemUnpaid)...)
		paid, unpaid = paid+itemPaid, unpaid+itemUnpaid
	}
	return map[string]any{"collOrderNo": c.bizOrderNo,
		"collAmount": c.amount, "payerId": c.payer, "payerName": a.memberName(c.payer),
		"collTime": c.payDatetime(), "payTotalAmount": paid, "unPayTotalAmount": min(unpaid, held),
		"receiverInfoList": items, "paymentInformationList": rows}, nil
}

// Receiver states of paymentInformationList (spec §5.15).
const (
	rowNothingPaid = 0 // 未收款: no payout has paid it yet
	rowPartlyPaid  = 1 // 收款中: paid in part, the rest still held
	rowAllPaid     = 2 // 已收款: nothing is held for it any more
)

// paymentRows are a receiver's rows of paymentInformationList (spec
// §5.15): one per payout counted by the filter, or one without payout
// fields when none is; each with the collection and the receiver's state.
func (a *app) paymentRows(c *order, s share, f payoutFilter, paid, unpaid int64) []any {
	state := rowPartlyPaid
	switch {
	case paid == 0:
		state = rowNothingPaid
	case unpaid == 0:
		state = rowAllPaid
	}
	row := func() map[string]any {
		return map[string]any{"collOrderNo": c.bizOrderNo, "collAmount": c.amount, "payerName": a.memberName(c.payer),
			"payerId": c.payer, "collTime": c.payDatetime(), "recieverName": a.memberName(s.bizUserID),
			"recieverId": s.bizUserID, "managedCollAmount": s.amount, "status": state}
	}
	var rows []any
	for _, d := range a.book.read().payouts[c.orderNo] {
		o, ok := a.book.byNo[d.payout]
		if !ok || d.payee != s.bizUserID || !a.counts(d, f) {
			continue
		}
		r := row()
		r["payOrderNo"], r["payTime"], r["accountType"], r["payAmount"] = o.bizOrderNo, o.payDatetime(), int64(toBalance), d.amount
		rows = append(rows, r)
	}
	if len(rows) == 0 {
		rows = append(rows, row())
	}
	return rows
}

// payoutFilter reads the narrowing params: bizUserId must be a member
// (30001; 30022 locked) the collection was made for (40022), accountSetNo a set of the
// application (30019), and the dates, China-time days both included,
// written yyyy-MM-dd and in order (40044).
func (a *app) payoutFilter(c *order, p params) (payoutFilter, *soa.Error) {
	f := payoutFilter{payee: p.str("bizUserId"), set: p.str("accountSetNo")}
	if f.payee != "" {
		if f.payee != OwnerPlatform {
			if _, serr := a.member(f.payee); serr != nil { // 30001, or 30022 locked (spec §4.1.15)
				return f, serr
			}
		}
		if _, ok := c.shares[f.payee]; !ok {
			return f, soa.Errorf("40022", "collection %s was not made for %s", c.bizOrderNo, f.payee)
		}
	}
	if f.set != "" {
		if serr := a.checkSet(f.set); serr != nil {
			return f, serr
		}
	}
	var serr *soa.Error
	f.from, f.to, serr = payoutDays(p.str("dateStart"), p.str("dateEnd"))
	return f, serr
}

// payoutDays reads the optional dates as queryInExpDetail reads its own
// (40044 when malformed or the wrong way round); a date left out leaves
// that side open: the first or the last day yyyy-MM-dd can write, so that
// no date sent is out of order with it, and a message names only what was
// sent.
func payoutDays(start, end string) (time.Time, time.Time, *soa.Error) {
	return dateRange(cmp.Or(start, "0001-01-01"), cmp.Or(end, "9999-12-31"))
}

// receiverInfo is one receiver's item, with what it was paid (as counted)
// and what is still held for it.
func (a *app) receiverInfo(c *order, s share, f payoutFilter, held int64) (map[string]any, int64, int64) {
	var paid int64
	for _, d := range a.book.read().payouts[c.orderNo] {
		if d.payee == s.bizUserID && a.counts(d, f) {
			paid += d.amount
		}
	}
	unpaid := min(c.shares[s.bizUserID], held)
	state := receiverHeld
	if unpaid == 0 {
		state = receiverDone
	}
	return map[string]any{"receiverId": s.bizUserID, "receiverName": a.memberName(s.bizUserID),
		"managedCollAmount": s.amount, "payAmount": paid, "unPayAmount": unpaid, "status": state}, paid, unpaid
}

// counts reports whether a payout passes the filter's set and days.
func (a *app) counts(d drawn, f payoutFilter) bool {
	o, ok := a.book.byNo[d.payout]
	if !ok {
		return false
	}
	return (f.set == "" || o.accountSet == f.set) && !o.paidAt.Before(f.from) && o.paidAt.Before(f.to)
}

// memberName is the name a member goes by: its real name, or its company's
// name; "" before either is set, and for the platform.
func (a *app) memberName(bizUserID string) string {
	m, ok := a.members[bizUserID]
	switch {
	case !ok:
		return ""
	case m.realName:
		return m.name
	case m.company != nil:
		return m.company.info["companyName"]
	}
	return ""
}

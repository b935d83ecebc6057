package emulator

import (
	"cmp"
	"maps"
	"slices"
	"time"

	"github.com/tsymock/tsymock/internal/soa"
)

// queryBalance answers a member's balance in one account set; allAmount
// includes the frozen part (freezenAmount, sic).
func queryBalance(a *app, p params) (map[string]any, *soa.Error) {
	m, set, serr := a.memberInSet(p)
	if serr != nil {
		return nil, serr
	}
	b := a.book.ledger.owned(m.bizUserID, set)
	return map[string]any{"allAmount": b.All, "freezenAmount": b.Frozen}, nil
}

// getOrderDetail answers an order's status (spec §4.2.19). A pending order
// past its expiry is shown closed (6), as the platform closes it.
func getOrderDetail(a *app, p params) (map[string]any, *soa.Error) {
	o, serr := a.order(p.str("bizOrderNo"))
	if serr != nil {
		return nil, serr
	}
	status := o.statusAt(a.now())
	v := map[string]any{"orderNo": o.orderNo, "bizOrderNo": o.bizOrderNo, "orderStatus": status,
		"amount": o.amount, "payDatetime": o.payDatetime(), "buyerBizUserId": a.buyerID(o.payer)}
	putText(v, "errorMessage", o.errorMessage)
	o.echoExtendInfo(v)
	if no, biz, ok := a.original(o); ok {
		v["oriOrderNo"], v["oriBizOrderNo"] = no, biz
	}
	maps.Copy(v, o.whereaboutsFields())
	a.withChannel(v, o)
	return v, nil
}

func (o *order) payDatetime() string {
	if o.paidAt.IsZero() {
		return ""
	}
	return soa.FormatTime(o.paidAt)
}

// closeOrder closes an unpaid order (40019 for any other status, one the
// platform closed already at its orderExpireDatetime or its nightly run
// too, as getOrderDetail shows it: spec §4.2.1 (2)).
func closeOrder(a *app, p params) (map[string]any, *soa.Error) {
	o, serr := a.order(p.str("bizOrderNo"))
	if serr != nil {
		return nil, serr
	}
	if status := o.statusAt(a.now()); status != statusUnpaid {
		return nil, soa.Errorf("40019", "order %s has status %d; only an unpaid order closes", o.bizOrderNo, status)
	}
	o.status = statusClosed
	return map[string]any{"closeResult": 1, "orderStatus": statusClosed, "errorMessage": "",
		"orderNo": o.orderNo, "bizOrderNo": o.bizOrderNo}, nil
}

// resendPaySMS "sends" the confirmation code of a pending SMS order again
// (spec §4.2.25): 40019 unless the order waits for its code, within its
// orderExpireDatetime or, without one, 30 minutes of being made; 40015
// when the last resend was less than 10 seconds ago. A code still valid
// (3 minutes, spec §6.16) is sent again as it is, keeping its validity; an
// expired one is replaced by a new one, valid 3 minutes from then. The spec quotes the
// messages of both (textResendFinished, textResendTooOften) and names no
// code: these are tsymock's choice.
func resendPaySMS(a *app, p params) (map[string]any, *soa.Error) {
	o, serr := a.order(p.str("bizOrderNo"))
	if serr != nil {
		return nil, serr
	}
	now := a.now()
	if o.status != statusUnpaid || !now.Before(o.smsEnd()) {
		return nil, soa.Quoted("40019", textResendFinished)
	}
	if o.validateType != validateSMS || (o.pageAlone() && !a.before(RulesDec2026)) { // a legacy op (before RulesDec2026) sent one
		return nil, soa.Errorf("40019", "order %s does not wait for an SMS code", o.bizOrderNo)
	}
	if !o.resentAt.IsZero() && now.Sub(o.resentAt) < resendGap {
		return nil, soa.Quoted("40015", textResendTooOften)
	}
	o.resentAt = now
	if !now.Before(o.codeSent().Add(smsCodeValidity)) {
		o.codeSentAt = now // 过有效期，发新的验证码; within it the same code, valid as long as before
	}
	return map[string]any{"bizOrderNo": o.bizOrderNo, "orderNo": o.orderNo, "phone": o.phone}, nil
}

// Limits of resendPaySMS (spec §4.2.25).
const (
	smsCodeValidity = 3 * time.Minute  // an order's SMS code, from its sending (spec §6.16: 有效期 3 分钟)
	resendGap       = 10 * time.Second // between two resends of an order's code
	smsOrderLife    = 30 * time.Minute // an order without orderExpireDatetime takes its code this long
)

// codeSent is when the order's current SMS code was sent: at its apply, or
// by the last resendPaySMS that found the code expired (spec §4.2.25:
// 验证码在有效期内，发原验证码，过有效期，发新的验证码).
func (o *order) codeSent() time.Time {
	if o.codeSentAt.IsZero() {
		return o.created
	}
	return o.codeSentAt
}

// smsEnd is when an order stops taking its SMS code.
func (o *order) smsEnd() time.Time {
	if !o.expires.IsZero() {
		return o.expires
	}
	return o.created.Add(smsOrderLife)
}

// queryInExpDetail pages a member's statement lines between two dates
// (both inclusive, China time), newest first (spec §4.2.20), in one
// account set or, without accountSetNo, in every set of the application
// for a member and in the platform's standard sets for the platform
// (§4.2.20 accountSetNo: 如果不传，则查询平台所有标准账户集的收支明细).
// A line's extendInfo is its order's or its transfer's.
func queryInExpDetail(a *app, p params) (map[string]any, *soa.Error) {
	m, serr := a.actor(p.str("bizUserId")) // the platform's own statement too (spec §4.2.20: #yunBizUserId_B2C#)
	if serr != nil {
		return nil, serr
	}
	sets := a.sets
	if m.bizUserID == OwnerPlatform {
		sets = a.standardSets()
	}
	if set := p.str("accountSetNo"); set != "" {
		if serr := a.checkSet(set); serr != nil {
			return nil, serr
		}
		sets = []string{set}
	}
	from, to, serr := dateRange(p.str("dateStart"), p.str("dateEnd"))
	if serr != nil {
		return nil, serr
	}
	if serr := a.checkStatementRange(from, to); serr != nil {
		return nil, serr
	}
	lines := a.newestFirst(m.bizUserID, sets, from, to)
	page := pageOf(lines, p.num("startPosition"), p.num("queryNum"))
	items := make([]any, 0, len(page))
	for _, l := range page {
		item := map[string]any{"tradeNo": l.TradeNo, "type": a.lineType(l.Line),
			"accountSetName": accountSetName(l.set), "changeTime": soa.FormatTime(l.At), "curAmount": l.After,
			"oriAmount": l.Before, "chgAmount": l.Change, "curFreezenAmount": l.FrozenThen}
		putText(item, "bizOrderNo", l.Ref.BizOrderNo) // §5.12: 否; the platform's funds have none
		text, sentEmpty := a.lineExtendInfo(l.Ref)
		echoText(item, "extendInfo", text, sentEmpty) // §5.12 as §4.2.2-§4.2.7: 原样返回
		items = append(items, item)
	}
	return map[string]any{"bizUserId": m.bizUserID, "totalNum": len(lines), "inExpDetail": items}, nil
}

// setLine is a statement line with its account set.
type setLine struct {
	Line
	set string
}

// newestFirst is an owner's statement lines in sets between from and to,
// the latest first by time (spec §4.2.20, line 8395: 返回明细以时间倒序排列),
// lines of the same time the later posted first. Time and posting order
// differ only after the clock went back (POST /__tsymock/clock, a restart
// with an earlier --clock); each line keeps the balances it was posted
// with, so the running balances then follow the posting order, not the
// page's.
func (a *app) newestFirst(owner string, sets []string, from, to time.Time) []setLine {
	var lines []setLine
	for _, set := range sets {
		for _, l := range a.statement(owner, set, from, to) {
			lines = append(lines, setLine{l, set})
		}
	}
	slices.SortFunc(lines, func(x, y setLine) int { return cmp.Or(y.At.Compare(x.At), cmp.Compare(y.Seq, x.Seq)) })
	return lines
}

// statement is owner's lines in set: the ledger's, but for the platform's
// intermediate set A (100004), which holds what collections hold until
// paid out or refunded (§6.17 用于正向交易资金的中间账户): the platform's own
// lines there and the escrow's, shown as one, as queryMerchantBalance
// answers their sum.
func (a *app) statement(owner, set string, from, to time.Time) []Line {
	if owner == OwnerPlatform && set == SetIntermediateA {
		return a.book.ledger.merged([][2]string{{OwnerPlatform, set}, {OwnerEscrow, a.escrowSet()}}, from, to)
	}
	return a.book.ledger.statement(owner, set, from, to)
}

// dateRange turns two yyyy-MM-dd dates into [start of first, start of the
// day after the last) in China time (40044 when the end is before the start).
func dateRange(start, end string) (time.Time, time.Time, *soa.Error) {
	from, err1 := time.ParseInLocation(time.DateOnly, start, soa.Shanghai())
	to, err2 := time.ParseInLocation(time.DateOnly, end, soa.Shanghai())
	// the message names only the malformed dates: a caller's open end may be a default it never sent
	switch {
	case err1 != nil && err2 != nil:
		return from, to, detailed("40044", msgDatesFormat, start, end)
	case err1 != nil:
		return from, to, detailed("40044", msgDateFormat, "dateStart", start)
	case err2 != nil:
		return from, to, detailed("40044", msgDateFormat, "dateEnd", end)
	}
	if to.Before(from) {
		return from, to, detailed("40044", msgDateOrder, end, start)
	}
	return from, to.AddDate(0, 0, 1), nil
}

// pageOf returns queryNum lines from the 1-based startPosition.
func pageOf[L any](lines []L, start, num int64) []L {
	first := int(start - 1)
	if first >= len(lines) || first < 0 {
		return nil
	}
	return lines[first:min(len(lines), first+int(num))]
}

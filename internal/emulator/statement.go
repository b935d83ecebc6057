package emulator

import (
	"fmt"
	"math"
	"slices"
	"time"
)

// Line is one statement line of an owner's account set: the change an
// entry made and the balances before and after it.
type Line struct {
	Seq        int
	At         time.Time
	Ref        Ref
	Leg        Leg    // the movement, which tells a line's type (see lineType)
	TradeNo    string // tradeNo: the posting's number and the entry's place in it
	Before     int64  // oriAmount: all (available + frozen) before
	After      int64  // curAmount: all after
	Change     int64  // chgAmount: After - Before (freezing changes nothing here)
	FrozenThen int64  // curFreezenAmount: frozen after
}

// statement returns the lines of owner in set with from <= At < to, oldest
// first: one line per entry, each movement of an order apart, as the
// platform lists them (spec §5.3's worked example: 10000 +1000 -10 -500
// -200 for one order; see chainLegs). A freeze or unfreeze is a line with
// change 0, as the platform shows a movement between available and frozen.
func (l *ledger) statement(owner, set string, from, to time.Time) []Line {
	var lines []Line
	for _, pos := range l.index[owner+"|"+set] {
		e := l.entries[pos]
		if e.At.Before(from) || !e.At.Before(to) {
			continue
		}
		line := lineOf(e, owner, set)
		line.TradeNo = l.tradeNo(pos)
		lines = append(lines, line)
	}
	return lines
}

// merged returns the lines of several holdings (owner and set, as
// statement takes them) shown as one, with from <= At < to, oldest first:
// each entry once, its change the sum of theirs, and running balances
// that are the sum of the holdings' (see merge: the platform's 100004).
func (l *ledger) merged(holdings [][2]string, from, to time.Time) []Line {
	var positions []int
	for _, h := range holdings {
		positions = append(positions, l.index[h[0]+"|"+h[1]]...)
	}
	slices.Sort(positions)
	positions = slices.Compact(positions)
	all := make([]int64, len(holdings))
	frozen := make([]int64, len(holdings))
	var lines []Line
	for _, pos := range positions {
		e := l.entries[pos]
		var change int64
		for i, h := range holdings {
			if !touches(e.Leg, h[0], h[1]) {
				continue
			}
			own := lineOf(e, h[0], h[1])
			all[i], frozen[i] = own.After, own.FrozenThen
			change += own.Change
		}
		if e.At.Before(from) || !e.At.Before(to) {
			continue
		}
		total := sum(all)
		lines = append(lines, Line{Seq: e.Seq, At: e.At, Ref: e.Ref, Leg: e.Leg, TradeNo: l.tradeNo(pos),
			Before: total - change, After: total, Change: change, FrozenThen: sum(frozen)})
	}
	return lines
}

// touches reports whether leg moves money from or to owner in set.
func touches(leg Leg, owner, set string) bool {
	return (leg.From.Owner == owner && leg.From.Set == set) || (leg.To.Owner == owner && leg.To.Set == set)
}

// sum adds the balances of holdings shown as one; each is within int64
// (the ledger refuses a posting past it), their sum stops at its largest.
func sum(amounts []int64) int64 {
	var n int64
	for _, a := range amounts {
		if next, ok := addFen(n, a); ok {
			n = next
		} else {
			return math.MaxInt64
		}
	}
	return n
}

// tradeNo is the 收支明细流水号 of the entry at pos (spec §5.12 tradeNo, one
// per line, required): its posting's number and its place among the
// posting's entries, so that an order's lines are told apart (the
// platform's are 21 or 22 digits; an order number and three digits are
// 22). The platform's starting funds are numbered fundsTradeNo. An entry
// with no number (a freeze answered before RulesDec2026b) has none.
func (l *ledger) tradeNo(pos int) string {
	e := l.entries[pos]
	no := e.Ref.TradeNo
	if no == "" && e.Ref.OrderNo == fundsOrderNo {
		no = fundsTradeNo
	}
	if no == "" {
		return ""
	}
	n := 1
	for p := pos - 1; p >= 0 && l.entries[p].Ref == e.Ref && l.entries[p].At.Equal(e.At); p-- {
		n++
	}
	return fmt.Sprintf("%s%03d", no, n)
}

// fundsTradeNo is the number of the platform's starting funds' lines, one
// a funded set (001, 002, 003): the shape of the id source's numbers (10,
// eight digits, a nine-digit serial) with serial 0, which the source never
// draws, as it counts from 1. It is made when a statement is read, not
// drawn when the funds are posted, so that the numbers every later op drew
// stay as they were (a log written before it replays with the same
// orderNos) and an older data dir's funds get it too.
const fundsTradeNo = "1000000000000000000"

func lineOf(e Entry, owner, set string) Line {
	after, change := e.To, e.Leg.Amount
	if e.Leg.From.Owner == owner && e.Leg.From.Set == set {
		after, change = e.From, -e.Leg.Amount
		if e.Leg.To.Owner == owner && e.Leg.To.Set == set {
			change = 0 // a move between available and frozen
		}
	}
	return Line{Seq: e.Seq, At: e.At, Ref: e.Ref, Leg: e.Leg, Before: after.All - change,
		After: after.All, Change: change, FrozenThen: after.Frozen}
}

// lineType is a statement line's type: a key the real test environment
// answers beside §5.12's, as public merchant code shows its lines (充值,
// 无验证代收, 平台转账, 代付), with §6.15's order type names. Money a channel
// brings passes through the payer as 充值 (see chainLegs); a platform
// transfer is 平台转账; a freeze 冻结 and an unfreeze 解冻; other money from
// outside (the platform's funds, a reserve-fund transfer) 充值. The type is
// the record's that made the entry (lineOrder, lineTransfer): a freeze
// whose bizFreezenNo is also a transfer's bizTransferNo is still 冻结.
func (a *app) lineType(l Line) string {
	if o := a.lineOrder(l.Ref); o != nil {
		if l.Leg.From.Owner == OwnerOutside && o.kind != kindDeposit {
			return "充值"
		}
		return orderTypeName(o)
	}
	_, transfer := a.lineTransfer(l.Ref)
	switch {
	case transfer:
		return "平台转账"
	case l.Leg.To.Frozen && !l.Leg.From.Frozen:
		return "冻结"
	case l.Leg.From.Frozen && !l.Leg.To.Frozen:
		return "解冻"
	}
	return "充值"
}

// lineExtendInfo is the extendInfo of the order or the transfer that made
// an entry, "" for another (a freeze, the platform's funds), and whether
// it was sent as "" (answered "" like the order's own answers, echoText).
func (a *app) lineExtendInfo(r Ref) (text string, sentEmpty bool) {
	if o := a.lineOrder(r); o != nil {
		return o.extendInfo, o.extendInfoEmpty
	}
	if tr, ok := a.lineTransfer(r); ok {
		return tr.extendInfo, tr.extendInfoEmpty
	}
	return "", false
}

// lineOrder is the order that posted an entry, by its orderNo, which only
// an order's entries carry as theirs; nil for another entry. bizOrderNo
// would not do: bizOrderNo, bizTransferNo and bizFreezenNo are apart, so
// a freeze or a transfer may carry an order's number.
func (a *app) lineOrder(r Ref) *order {
	if r.OrderNo == "" {
		return nil
	}
	return a.book.byNo[r.OrderNo]
}

// lineTransfer is the applicationTransfer that posted an entry: the one of
// its bizTransferNo whose transferNo the entry carries.
func (a *app) lineTransfer(r Ref) (transfer, bool) {
	tr, ok := a.book.transfers[r.BizOrderNo]
	return tr, ok && r.OrderNo != "" && tr.transferNo == r.OrderNo
}

// orderTypeName is an order's type as a statement line names it (spec
// §6.15; a collection without confirmation is 无验证代收, as the real test
// environment shows one).
func orderTypeName(o *order) string {
	switch o.kind {
	case kindConsume:
		return "消费"
	case kindCollect:
		if o.validateType == 0 {
			return "无验证代收"
		}
		return "代收"
	case kindAgentPay:
		if o.batch != "" {
			return "批量代付"
		}
		return "代付"
	case kindWithdraw:
		return "提现"
	case kindCrossBorder:
		return "跨境提现"
	case kindRefund:
		return "退款"
	}
	return "充值"
}

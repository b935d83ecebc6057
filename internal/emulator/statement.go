package emulator

import "time"

// Line is one statement line of an owner's account set: the change an
// entry made and the balances before and after it.
type Line struct {
	Seq        int
	At         time.Time
	Ref        Ref
	Before     int64 // oriAmount: all (available + frozen) before
	After      int64 // curAmount: all after
	Change     int64 // chgAmount: After - Before (freezing changes nothing here)
	FrozenThen int64 // curFreezenAmount: frozen after
}

// statement returns the lines of owner in set with from <= At < to, oldest
// first. A freeze or unfreeze is a line with change 0, as the platform
// shows a movement between available and frozen. An order's entries in
// one account of owner are one line (see merges): its payer sees one line
// of -amount, however many receivers, split items and fees the order
// pays (spec §5.12: a 收支明细流水 with the order's bizOrderNo; §4.2.4 fee:
// 内扣, the payer pays the amount and no more).
func (l *ledger) statement(owner, set string, from, to time.Time) []Line {
	var lines []Line
	for _, pos := range l.index[owner+"|"+set] {
		e := l.entries[pos]
		if e.At.Before(from) || !e.At.Before(to) {
			continue
		}
		next := lineOf(e, owner, set)
		if n := len(lines); n > 0 && merges(lines[n-1], next) {
			lines[n-1] = merged(lines[n-1], next)
			continue
		}
		lines = append(lines, next)
	}
	return lines
}

// merges reports whether next is the same posting of an order as last, in
// the same account: an order posts all its entries at once (app.succeed),
// so they follow one another in the owner's index with one Ref and one
// time. Entries without an order number (a freeze, an unfreeze) stay
// apart, so that freezing and unfreezing at one instant are two lines.
func merges(last, next Line) bool {
	return next.Ref.OrderNo != "" && next.Ref == last.Ref && next.At.Equal(last.At)
}

// merged is two lines of one posting as one: the balances before the
// first and after the second, the change of both.
func merged(first, second Line) Line {
	second.Before = first.Before
	second.Change += first.Change
	return second
}

func lineOf(e Entry, owner, set string) Line {
	after, change := e.To, e.Leg.Amount
	if e.Leg.From.Owner == owner && e.Leg.From.Set == set {
		after, change = e.From, -e.Leg.Amount
		if e.Leg.To.Owner == owner && e.Leg.To.Set == set {
			change = 0 // a move between available and frozen
		}
	}
	return Line{Seq: e.Seq, At: e.At, Ref: e.Ref, Before: after.All - change,
		After: after.All, Change: change, FrozenThen: after.Frozen}
}

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
// shows a movement between available and frozen.
func (l *ledger) statement(owner, set string, from, to time.Time) []Line {
	var lines []Line
	for _, pos := range l.index[owner+"|"+set] {
		e := l.entries[pos]
		if e.At.Before(from) || !e.At.Before(to) {
			continue
		}
		lines = append(lines, lineOf(e, owner, set))
	}
	return lines
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

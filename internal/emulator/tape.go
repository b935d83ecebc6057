package emulator

import (
	"sync/atomic"
	"time"

	"github.com/tsymock/tsymock/internal/soa"
)

// Tape is what one op drew from the clock and the id source, in order. The
// state depends only on the ops and these draws, so replaying an op with its
// tape after a restart rebuilds exactly the state it left, whatever the clock
// says by then and in whatever order other applications' ops come.
type Tape struct {
	Times []int64  `json:"times,omitempty"` // Unix nanoseconds
	IDs   []string `json:"ids,omitempty"`   // userIds and numbers, as drawn
}

// tape records an op's draws (live) or hands them back (replay).
type tape struct {
	Tape
	play   bool
	ti, ii int
	short  bool // a replay drew more than was recorded: the op diverged
}

// now is the op's time, in China time (Asia/Shanghai) whatever the host's
// zone, so that the admin views show the times the wire does and the same
// bytes with or without a data dir (probe-S: a tape's times came back in
// the host's zone). With a tape it is cut to Unix nanoseconds (no monotonic
// reading), so that the live state and a replayed one hold the same value.
func (a *app) now() time.Time {
	t := a.tape
	if t == nil {
		return a.clock.Now().In(soa.Shanghai())
	}
	if t.play {
		if t.ti < len(t.Times) {
			t.ti++
			return time.Unix(0, t.Times[t.ti-1]).In(soa.Shanghai())
		}
		t.short = true
	}
	n := a.clock.Now().UnixNano()
	if !t.play {
		t.Times = append(t.Times, n)
	}
	return time.Unix(0, n).In(soa.Shanghai())
}

// uuid draws a userId.
func (a *app) uuid() string {
	a.drawn.uuids.Add(1)
	return a.draw(a.ids.UUID)
}

// number draws a numeric id (orderNo, tranceNum, ...).
func (a *app) number() string {
	a.drawn.numbers.Add(1)
	return a.draw(a.ids.Number)
}

// drawCount is how many userIds and numbers the ops of an emulator took
// from its id source, replays included: where a seeded source stands is
// a function of these two counts alone (ids.Source reads its random
// stream in order, 16 bytes a userId and 4 a number, and counts the
// numbers), which is what a snapshot needs to put a new source there.
type drawCount struct {
	uuids, numbers atomic.Uint64
}

// draw takes an id from the source. A replay hands back the recorded id but
// still draws one from the source and drops it, so that a seeded source
// continues after a restart where it stood before it.
func (a *app) draw(next func() string) string {
	id := next()
	t := a.tape
	switch {
	case t == nil:
	case !t.play:
		t.IDs = append(t.IDs, id)
	case t.ii < len(t.IDs):
		t.ii++
		id = t.IDs[t.ii-1]
	default:
		t.short = true
	}
	return id
}

// spent reports whether a replay used exactly what was recorded.
func (t *tape) spent() bool { return !t.short && t.ti == len(t.Times) && t.ii == len(t.IDs) }

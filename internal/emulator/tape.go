package emulator

import (
	"sync/atomic"
	"time"

	"github.com/tsymock/tsymock/internal/ids"
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
func (a *app) uuid() string { return a.draw(false) }

// number draws a numeric id (orderNo, tranceNum, ...).
func (a *app) number() string { return a.draw(true) }

// Id streams an op draws from (Op.Streams).
const (
	// StreamsShared is the one stream of the emulator's source that every
	// application drew from before StreamsPerApp: what a log written then
	// holds (Op.Streams 0).
	StreamsShared = 0
	// StreamsPerApp is the application's own stream (ids.Source.For of
	// its sysid): its ids depend only on the seed, its sysid and the order
	// of its own draws.
	StreamsPerApp = 1
)

// sharedDraws counts what ops of StreamsShared took from the emulator's
// shared stream, replays included: Restore puts a shared source where
// the counts say, and every number an application's own stream draws has
// a serial above the shared stream's numbers (ids.Source.SerialAtLeast),
// so that a data dir written before StreamsPerApp never sees a number it
// handed out again.
type sharedDraws struct {
	uuids, numbers atomic.Uint64
}

// draw takes an id. An op of StreamsPerApp draws from the application's
// own stream, one of StreamsShared (an older log's) from the emulator's
// shared one, and counts it (sharedDraws). A replay hands back the
// recorded id but still draws one from the same stream and drops it, so
// that the stream goes on after a restart where it stood before it.
func (a *app) draw(number bool) string {
	var id string
	if a.streams == StreamsShared {
		if number {
			a.shared.numbers.Add(1)
		} else {
			a.shared.uuids.Add(1)
		}
		id = next(a.sharedIDs, number)
	} else {
		if number {
			a.ids.SerialAtLeast(a.shared.numbers.Load())
		}
		id = next(a.ids, number)
	}
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

// next draws a userId or a number from src.
func next(src *ids.Source, number bool) string {
	if number {
		return src.Number()
	}
	return src.UUID()
}

// spent reports whether a replay used exactly what was recorded.
func (t *tape) spent() bool { return !t.short && t.ti == len(t.Times) && t.ii == len(t.IDs) }

package emulator

import (
	"cmp"
	"fmt"
	"maps"
	"runtime"
	"slices"
	"time"
)

// Snapshot is the whole state of an emulator at one moment, as Capture
// copied it: every application with its members, order book, ledger,
// pending notifications and back-fills, and what the emulator itself
// holds (the notification sequence, the draws from the id source, the
// account sets configured apart). It shares nothing that the emulator
// changes, so Encode may run while the emulator goes on. Restore builds
// a new emulator's state from what Encode wrote.
type Snapshot struct {
	head  StateHeader
	apps  []appCopy
	stats CaptureStats
}

// CaptureStats says what Capture copied and how long it held the state.
type CaptureStats struct {
	Apps, Members, Orders, Entries, Events int
	// Frozen is how long every application was held at once: the freeze,
	// and the inside function (a log's Roll) with it.
	Frozen time.Duration
	// Held is how long the last application was held, until it was
	// copied: no change waited longer than this for the capture.
	Held time.Duration
}

// Stats says what Capture copied and how long it held the state.
func (s *Snapshot) Stats() CaptureStats { return s.stats }

// Capture copies the emulator's whole state at one moment. It freezes
// the emulator: it takes the lock of the application map (no application
// is created or reset) and of every application (no op is under way, so
// none is half applied and every op whose record is in the log is in the
// state); it then runs inside, if not nil, and copies the emulator's own
// counters. Each application is released as soon as it is copied.
//
// inside is where a write-ahead log ends the records the snapshot covers
// (wal.Log.Roll): while it runs no op can record, so the log and the state
// agree. An error from inside ends the capture with nothing copied.
//
// The copy is taken under the locks and the encoding after (Encode), so a
// change waits at most for its application to be copied: see CaptureStats
// and docs/reliability.md for the times of a large state.
//
// The notifications in the snapshot are those queued and not yet taken:
// the ones a notifier took with TakeEvents and has not finished are its
// own, and a data dir that restores the snapshot must keep them apart.
func (e *Emulator) Capture(inside func() error) (*Snapshot, error) {
	return e.CaptureWith(CaptureOptions{Inside: inside})
}

// CaptureOptions are what CaptureWith runs around the freeze.
type CaptureOptions struct {
	// Before, if not nil, runs once the room for the copies is made (and
	// the heap collected, for a large state), just before the freeze, with
	// nothing of the emulator held. It is where a caller holds off changes
	// of its own that are not ops, such as a data dir's records of
	// registered applications and finished notifications, without making
	// them wait for that preparation. A lock taken there must always be
	// taken before the emulator's (never while an application is locked),
	// or the freeze deadlocks. When Before runs, Inside runs after it, so
	// that Inside may release what Before took.
	Before func()
	// Inside is Capture's inside: it runs with the emulator frozen.
	Inside func() error
}

// CaptureWith is Capture with a step before the freeze (CaptureOptions).
func (e *Emulator) CaptureWith(o CaptureOptions) (*Snapshot, error) {
	room := e.makeRoom()
	settleHeap(room)
	if o.Before != nil {
		o.Before()
	}
	start := time.Now()
	apps, head, err := e.freeze(o.Inside)
	if err != nil {
		return nil, err
	}
	s := &Snapshot{head: head}
	s.stats.Frozen = time.Since(start)
	for _, a := range apps {
		c := copyAndRelease(a, room[a])
		s.stats.add(&c)
		s.apps = append(s.apps, c)
	}
	s.stats.Held = time.Since(start)
	return s, nil
}

// freeze locks the application map and every application, runs inside
// and reads the emulator's counters. It returns with the applications
// (sorted by sysid) locked and the map unlocked; on an error, or a panic
// of inside, everything is unlocked.
func (e *Emulator) freeze(inside func() error) ([]*app, StateHeader, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	apps := slices.SortedFunc(maps.Values(e.apps), func(x, y *app) int { return cmp.Compare(x.sysid, y.sysid) })
	for _, a := range apps {
		a.mu.Lock()
	}
	frozen := false
	defer func() {
		if !frozen {
			for _, a := range apps {
				a.mu.Unlock()
			}
		}
	}()
	if inside != nil {
		if err := inside(); err != nil {
			return nil, StateHeader{}, fmt.Errorf("emulator: capture: %w", err)
		}
	}
	frozen = true
	sets := map[string][]string{}
	for id, s := range e.appSets {
		sets[id] = slices.Clone(s)
	}
	return apps, StateHeader{Format: StateFormat, Version: StateVersion, Events: e.events.Load(),
		UUIDs: e.shared.uuids.Load(), Numbers: e.shared.numbers.Load(), AccountSets: sets}, nil
}

// copyAndRelease copies a locked application into r and unlocks it.
func copyAndRelease(a *app, r room) appCopy {
	defer a.mu.Unlock()
	return a.copy(r)
}

// room is where an application's members and orders are copied, made
// before the freeze: the first write to fresh memory costs a page fault,
// which for the copy of a million members took longer than the copy, and
// need not be paid while the application waits.
type room struct {
	members []member
	orders  []order
}

// makeRoom makes room for the copy of each large application, with some
// to spare for what is added before the freeze. A small one is copied into
// memory made under its lock: that costs little, and a room made for each
// of many small applications would cost much.
func (e *Emulator) makeRoom() map[*app]room {
	out := map[*app]room{}
	for _, a := range e.appList() {
		a.mu.Lock()
		members, orders := len(a.members), len(a.book.all)
		a.mu.Unlock()
		if members+orders >= largeRoom {
			out[a] = room{members: prefaulted[member](members + members/8), orders: prefaulted[order](orders + orders/8)}
		}
	}
	return out
}

// largeRoom is how many members and orders an application has when
// makeRoom makes room for its copy.
const largeRoom = 4096

// largeCopy is how many members and orders make a copy large enough for
// settleHeap.
const largeCopy = 100_000

// settleHeap runs a garbage collection before a large copy. A collection
// running during the copy makes every pointer the copy writes go through
// its write barrier, and makes the copying goroutine help it mark: with
// 1,000,000 members the application was held 1.0 to 1.8 s that way, and
// 0.4 to 0.5 s after a collection (BenchmarkSnapshot on a loaded 2-core
// machine). Snapshots are rare, so the collection's cost is paid rarely,
// and never while anything is held.
func settleHeap(rooms map[*app]room) {
	n := 0
	for _, r := range rooms {
		n += cap(r.members) + cap(r.orders)
	}
	if n >= largeCopy {
		runtime.GC()
	}
}

// prefaulted is an empty slice of capacity n whose memory was written.
func prefaulted[T any](n int) []T {
	s := make([]T, n)
	clear(s)
	return s[:0]
}

func (st *CaptureStats) add(c *appCopy) {
	st.Apps++
	st.Members += len(c.members)
	st.Orders += len(c.orders)
	st.Entries += len(c.entries)
	st.Events += len(c.outbox)
}

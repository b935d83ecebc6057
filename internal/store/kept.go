package store

import (
	"cmp"
	"maps"
	"slices"
	"sync"

	"github.com/tsymock/tsymock/internal/apps"
	"github.com/tsymock/tsymock/internal/emulator"
)

// kept is what the store holds besides the emulator's state, so that a
// snapshot holds it too: without it, cutting the log behind a snapshot
// would lose the records that made it.
type kept struct {
	mu sync.Mutex
	// apps are the applications registered at run time: the last record
	// of each sysid, with its origin and account sets.
	apps map[string]appRecord
	// pending are the notifications the notifier took from the emulator
	// and has not finished, by key: no longer in the emulator's state, and
	// owed to the merchant until finished.
	pending map[string]takenEvent
	seq     uint64 // orders pending as taken
	// restored are the pending notifications of the snapshot Open
	// restored, for the notifier's first take.
	restored []emulator.Event
}

// takenEvent is a notification the notifier holds, numbered in the order
// taken. Events are built once and never changed (emulator.Event), so the
// notifier's copy and this one may share their maps.
type takenEvent struct {
	seq uint64
	ev  emulator.Event
}

func newKept() kept {
	return kept{apps: map[string]appRecord{}, pending: map[string]takenEvent{}}
}

// KeepApp records an application registered at run time and waits until
// it is on disk.
func (st *Store) KeepApp(a apps.App, origin string) error {
	rec, err := newAppRecord(a, origin)
	if err != nil {
		return err
	}
	lsn, err := st.keepApp(rec)
	if err != nil {
		return err
	}
	return st.Wait(lsn)
}

// keepApp appends rec and notes it, as one step for a capture.
func (st *Store) keepApp(rec appRecord) (uint64, error) {
	st.hold.RLock()
	defer st.hold.RUnlock()
	lsn, err := st.append(storeRecord{App: &rec})
	if err == nil {
		st.kept.mu.Lock()
		st.kept.apps[rec.SysID] = rec
		st.kept.mu.Unlock()
	}
	return lsn, err
}

// Finished records that a notification needs no more attempts, so a
// restart does not send it again. Not waited for: at worst a crash sends
// it once more, as the platform may. A key the notifier was not holding
// (finished already: a cleared or redelivered notification) writes
// nothing.
func (st *Store) Finished(key string) {
	if key == "" {
		return
	}
	st.hold.RLock()
	defer st.hold.RUnlock()
	st.kept.mu.Lock()
	_, held := st.kept.pending[key]
	delete(st.kept.pending, key)
	st.kept.mu.Unlock()
	if held {
		_, _ = st.append(storeRecord{Done: key})
	}
}

// TakeEvents takes the emulator's queued notifications for the notifier
// (its event source with a data dir), first those the restored snapshot
// held as taken, and notes each as held by the notifier until Finished.
// Taking and noting are one step for a capture: a notification is in the
// snapshot's state (queued) or in its pending list (taken), never in
// neither or both.
func (st *Store) TakeEvents() []emulator.Event {
	st.hold.RLock()
	defer st.hold.RUnlock()
	evs := st.emu.TakeEvents()
	st.kept.mu.Lock()
	defer st.kept.mu.Unlock()
	for _, ev := range evs {
		if ev.Key != "" {
			st.kept.seq++
			st.kept.pending[ev.Key] = takenEvent{seq: st.kept.seq, ev: ev}
		}
	}
	if len(st.kept.restored) == 0 {
		return evs
	}
	out := append(st.kept.restored, evs...)
	st.kept.restored = nil
	return out
}

// state copies what a snapshot holds of kept: the applications by sysid,
// the pending notifications in the order taken. Callers hold st.hold for
// writing.
func (k *kept) state() ([]appRecord, []emulator.Event) {
	k.mu.Lock()
	defer k.mu.Unlock()
	list := slices.SortedFunc(maps.Values(k.apps), func(x, y appRecord) int { return cmp.Compare(x.SysID, y.SysID) })
	taken := make([]takenEvent, 0, len(k.pending))
	for _, t := range k.pending {
		taken = append(taken, t)
	}
	slices.SortFunc(taken, func(x, y takenEvent) int { return cmp.Compare(x.seq, y.seq) })
	evs := make([]emulator.Event, len(taken))
	for i, t := range taken {
		evs[i] = t.ev
	}
	return list, evs
}

// restore makes a snapshot's pending notifications the ones held, handed
// to the notifier at its first take.
func (k *kept) restore(evs []emulator.Event) {
	k.mu.Lock()
	defer k.mu.Unlock()
	for _, ev := range evs {
		k.seq++
		k.pending[ev.Key] = takenEvent{seq: k.seq, ev: ev}
	}
	k.restored = evs
}

// forget drops the pending notifications that records after the snapshot
// finished.
func (k *kept) forget(finished map[string]bool) {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.restored = slices.DeleteFunc(k.restored, func(ev emulator.Event) bool { return finished[ev.Key] })
	for key := range finished {
		delete(k.pending, key)
	}
}

// noteApp notes an application a replay or a restore registered.
func (k *kept) noteApp(rec appRecord) {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.apps[rec.SysID] = rec
}

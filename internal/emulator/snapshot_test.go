package emulator

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/internal/clock"
	"github.com/tsymock/tsymock/internal/ids"
)

// historyStart is when the histories of these tests start.
func historyStart() time.Time { return time.Date(2026, 11, 28, 4, 0, 0, 0, time.UTC) }

// keptEmulator is an emulator that keeps its state in l, at clock c, with
// the ids of seed 1: the configuration every emulator of a test shares.
func keptEmulator(l *memLog, c *clock.Manual) *Emulator {
	return New(Config{Clock: c, IDs: ids.NewSeeded(1), Recorder: l})
}

// run runs steps on h and returns what each answered.
func run(h *hist, steps []step) []any {
	out := make([]any, len(steps))
	for i, s := range steps {
		out[i] = s.run(h)
	}
	return out
}

// capture takes a snapshot of e, as a data dir does with its log: the
// records up to the freeze are the ones it covers. It returns the encoded
// snapshot and that position.
func capture(t *testing.T, e *Emulator, l *memLog) ([]byte, uint64) {
	t.Helper()
	var lsn uint64
	s, err := e.Capture(func() error {
		l.mu.Lock()
		defer l.mu.Unlock()
		lsn = l.base + uint64(len(l.ops))
		return nil
	})
	require.NoError(t, err)
	var b bytes.Buffer
	require.NoError(t, s.Encode(&b))
	return b.Bytes(), lsn
}

// restored is a new emulator, configured as e was, restored from snap; it
// keeps its state in a log that goes on after lsn, at a clock set where
// c stands.
func restored(t *testing.T, snap []byte, lsn uint64, c *clock.Manual) (*Emulator, *memLog, *clock.Manual) {
	t.Helper()
	l := &memLog{base: lsn}
	rc := clock.NewManual(c.Now())
	r := keptEmulator(l, rc)
	require.NoError(t, r.Restore(bytes.NewReader(snap)))
	return r, l, rc
}

// sameState fails when the views or the internal state of two emulators
// differ, and returns the fields that were set in the first.
func sameState(t *testing.T, e, r *Emulator, what string) map[string]bool {
	t.Helper()
	require.Equal(t, e.StateApps(), r.StateApps(), what)
	for _, sysid := range e.StateApps() {
		assert.Equal(t, snapshot(e, sysid), snapshot(r, sysid), "%s: the views of %s", what, sysid)
	}
	d := newStateDiff()
	assert.Empty(t, d.emulators(e, r), "%s: the internal state", what)
	return d.set
}

// TestSnapshotRestoresTheWholeState runs a history of every method that
// changes the state, snapshots it, and restores it into a new emulator:
// (a) the views and the internal state (every field, through every
// pointer) are the same, every kept field was set by the history, and the
// restored state encodes to the same bytes; (b) the second half of the
// history, which builds on the first, answers the same on both and writes
// the same ops (outcomes and tapes: the clock and id draws) to their logs,
// and leaves the same state; (c) a restart, the snapshot restored and the
// log's records after it replayed, comes to that state too.
func TestSnapshotRestoresTheWholeState(t *testing.T) {
	l, c := &memLog{}, clock.NewManual(historyStart())
	e := keptEmulator(l, c)
	kept, called := map[string]string{}, map[string]bool{}
	h := &hist{t: t, e: e, clock: c, sysid: "app", kept: kept, called: called}
	run(h, richHistory())
	snap, lsn := capture(t, e, l)
	r, rl, rc := restored(t, snap, lsn, c)

	set := sameState(t, e, r, "restored")
	for field := range keptFields() {
		assert.True(t, set[field], "the history of snapshot_history_test.go never sets %s: extend it, so that "+
			"the round trip proves the field is kept", field)
	}
	again, _ := capture(t, r, rl)
	assert.Equal(t, string(snap), string(again), "the restored state encodes as the original")

	rh := &hist{t: t, e: r, clock: rc, sysid: "app", kept: kept}
	var taken []Event
	for _, s := range continuedHistory() {
		got := s.run(h)
		assert.Equal(t, got, s.run(rh), "%s: the restored emulator answers as the original", s.name)
		if evs, ok := got.([]Event); ok {
			taken = append(taken, evs...)
		}
	}
	require.NotEmpty(t, taken)
	assert.Equal(t, opsAfter(l, lsn), opsAfter(rl, lsn), "the same ops, outcomes and tapes")
	sameState(t, e, r, "after the second half")
	everyMethodAndAction(t, e, l, called)

	restart, _, _ := restored(t, snap, lsn, c)
	for i, b := range opsAfter(l, lsn) {
		require.NoError(t, restart.Replay(decodeOp(t, b), lsn+uint64(i)+1))
	}
	assert.Equal(t, append(taken, e.TakeEvents()...), restart.TakeEvents(),
		"the restart queues again what the snapshot held and what the ops after it queued (Forget then drops the finished)")
	sameState(t, e, restart, "restored and replayed")
}

// everyMethodAndAction fails for an emulated method or a page action the
// histories never ran: a snapshot test must cover what may change state.
func everyMethodAndAction(t *testing.T, e *Emulator, l *memLog, called map[string]bool) {
	t.Helper()
	for name := range e.handlers {
		assert.True(t, called[name], "the histories of snapshot_history_test.go and snapshot_continue_test.go never call %s", name)
	}
	actions := map[string]bool{}
	for _, b := range opsAfter(l, 0) {
		if op := decodeOp(t, b); op.Kind == OpPage {
			actions[op.Name] = true
		}
	}
	for _, name := range []string{actSignContract, actSetPayPwd, actUpdatePayPwd, actResetPayPwd, actUpdatePhone,
		actCheckPayPwd, actPageFailure, actConfirmOrder, actFailOrder, actReserveFundIn, actTerminalPayment,
		actBackfillAnswer} {
		assert.True(t, actions[name], "the histories never run the page action %s", name)
	}
}

// opsAfter are the records of l after position lsn.
func opsAfter(l *memLog, lsn uint64) []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []string
	for i, b := range l.ops {
		if l.base+uint64(i)+1 > lsn {
			out = append(out, string(b))
		}
	}
	return out
}

func decodeOp(t *testing.T, b string) Op {
	t.Helper()
	var op Op
	dec := json.NewDecoder(strings.NewReader(b))
	dec.UseNumber()
	require.NoError(t, dec.Decode(&op))
	return op
}

// TestSeededIDsGoOnAfterRestore: the ids each application draws after a
// restore are the ones the original draws next, however the draws of
// userIds and numbers were mixed, and so are those of the shared stream
// an older log's ops draw from.
func TestSeededIDsGoOnAfterRestore(t *testing.T) {
	e := New(Config{IDs: ids.NewSeeded(7)})
	for i := range 5 {
		for j, sysid := range []string{"a", "b"} {
			e.app(sysid).uuid()
			for range i * j {
				e.app(sysid).number()
			}
		}
	}
	old := e.app("a")
	old.streams = StreamsShared
	old.uuid()
	old.number()
	old.streams = StreamsPerApp
	s, err := e.Capture(nil)
	require.NoError(t, err)
	var b bytes.Buffer
	require.NoError(t, s.Encode(&b))
	r := New(Config{IDs: ids.NewSeeded(7)})
	require.NoError(t, r.Restore(&b))
	for _, sysid := range []string{"a", "b"} {
		assert.Equal(t, []string{e.app(sysid).uuid(), e.app(sysid).number(), e.app(sysid).number()},
			[]string{r.app(sysid).uuid(), r.app(sysid).number(), r.app(sysid).number()}, sysid)
	}
	assert.Equal(t, []string{e.ids.UUID(), e.ids.Number()}, []string{r.ids.UUID(), r.ids.Number()}, "the shared stream")
}

// TestCaptureUnderLoad takes snapshots while clients change the state and
// a notifier takes the notifications, with a log whose position the
// freeze reads: a restore of each, with the log's records after it
// replayed, comes to the final state. No op is half in a snapshot, none
// in it is missing from the log or the other way round, and no
// notification is lost: the restore queues every one of the ops after the
// snapshot, and those the notifier had not taken at the freeze.
func TestCaptureUnderLoad(t *testing.T) {
	l, c := &memLog{}, clock.NewManual(historyStart())
	e := keptEmulator(l, c)
	users := []string{"u0", "u1", "u2", "u3"}
	funded(t, e, 100_000, users...)
	done, taken := make(chan struct{}), make(chan []Event)
	go func() {
		defer close(done)
		randomLoad(t, e, users, 4, 60)
	}()
	go func() { taken <- takeUntil(e, done) }()
	var snaps [][]byte
	var lsns []uint64
	for {
		snap, lsn := capture(t, e, l)
		snaps, lsns = append(snaps, snap), append(lsns, lsn)
		select {
		case <-done:
		default:
			time.Sleep(time.Millisecond)
			continue
		}
		break
	}
	all := eventKeys(append(<-taken, e.TakeEvents()...))
	require.Greater(t, len(snaps), 1)
	t.Logf("%d snapshots, at records %v of %d; %d notifications", len(snaps), lsns, len(l.ops), len(all))
	for i, snap := range snaps {
		r, _, _ := restored(t, snap, lsns[i], c)
		for j, b := range opsAfter(l, lsns[i]) {
			require.NoError(t, r.Replay(decodeOp(t, b), lsns[i]+uint64(j)+1))
		}
		queued := eventKeys(r.TakeEvents())
		for key := range all {
			var at uint64
			_, err := fmt.Sscanf(key, "%d.", &at)
			require.NoError(t, err)
			if at > lsns[i] {
				assert.True(t, queued[key], "notification %s, after snapshot %d, is queued after the restore", key, lsns[i])
			}
		}
		for key := range queued {
			assert.True(t, all[key], "the restore queues %s, which was never queued", key)
		}
		sameState(t, e, r, "a snapshot under load")
	}
}

// takeUntil takes e's notifications, as a notifier does, until done.
func takeUntil(e *Emulator, done <-chan struct{}) []Event {
	var out []Event
	for {
		out = append(out, e.TakeEvents()...)
		select {
		case <-done:
			return out
		case <-time.After(time.Millisecond):
		}
	}
}

// eventKeys are the events' keys.
func eventKeys(evs []Event) map[string]bool {
	out := map[string]bool{}
	for _, ev := range evs {
		out[ev.Key] = true
	}
	return out
}

// TestCaptureInsideFails: an error inside the freeze ends the capture, and
// leaves the emulator unlocked.
func TestCaptureInsideFails(t *testing.T) {
	e := newTest()
	funded(t, e, 10, "u0")
	_, err := e.Capture(func() error { return assert.AnError })
	require.ErrorIs(t, err, assert.AnError)
	assert.Panics(t, func() { _, _ = e.Capture(func() error { panic("inside") }) })
	funded(t, e, 10, "u1")
	assert.Len(t, e.Members("app"), 2, "not left locked")
}

// TestCaptureWithBefore: Before runs before the freeze with nothing held
// (it can take the notifications, which locks every application), and
// Inside after it, frozen; the event a notifier took reads back as it was.
func TestCaptureWithBefore(t *testing.T) {
	l, c := &memLog{}, clock.NewManual(historyStart())
	e := keptEmulator(l, c)
	funded(t, e, 100, "u0", "u1")
	ok(t, e, "consumeApply", consume("u0", "u1", "c1", 50, 0, ""))
	var steps []string
	var taken []Event
	s, err := e.CaptureWith(CaptureOptions{
		Before: func() { steps, taken = append(steps, "before"), e.TakeEvents() },
		Inside: func() error { steps = append(steps, "inside"); return nil },
	})
	require.NoError(t, err)
	assert.Equal(t, []string{"before", "inside"}, steps)
	assert.Zero(t, s.Stats().Events, "taken before the freeze: not in the snapshot")
	require.Len(t, taken, 1)
	state := StateOfEvent(taken[0])
	b, err := json.Marshal(state)
	require.NoError(t, err)
	var back EventState
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	require.NoError(t, dec.Decode(&back))
	assert.Equal(t, taken[0], back.Event(taken[0].SysID), "an event kept apart reads back as it was queued")
	assert.Zero(t, back.Seq)
}

// TestRestoreRefuses: what is not a whole snapshot of this version, and
// an emulator that has state already.
func TestRestoreRefuses(t *testing.T) {
	e := keptEmulator(&memLog{}, clock.NewManual(historyStart()))
	funded(t, e, 100, "u0", "u1")
	ok(t, e, "consumeApply", consume("u0", "u1", "c1", 50, 0, ""))
	ok(t, e, "refund", `{"bizOrderNo":"r1","oriBizOrderNo":"c1","bizUserId":"u0","amount":10}`)
	s, err := e.Capture(nil)
	require.NoError(t, err)
	var b bytes.Buffer
	require.NoError(t, s.Encode(&b))
	good := b.String()
	lines := strings.SplitAfter(good, "\n")
	tests := []struct{ name, text, err string }{
		{"empty", "", "line 1: unexpected EOF"},
		{"not JSON", "{", "line 1"},
		{"no header", lines[1], "the first line is not the header"},
		{"another format", strings.Replace(good, StateFormat, "other", 1), `format "other"`},
		{"a newer version", strings.Replace(good, `"version":2`, `"version":3`, 1), "version 3 of the format"},
		{"an application without its id stream", regexp.MustCompile(`,"ids":\{[^}]*\}`).ReplaceAllString(good, ""),
			"does not say where its id stream stands"},
		{"an id stream in version 1", strings.Replace(good, `"version":2`, `"version":1`, 1), "in a version 1 snapshot"},
		{"too many draws of a stream", strings.Replace(good, `"ids":{"uuids":`, `"ids":{"uuids":99999999999`, 1),
			"more than a state holds"},
		{"cut short", strings.Join(lines[:len(lines)-2], ""), "unexpected EOF"},
		{"a line lost", strings.Join(slices.Delete(slices.Clone(lines), 2, 3), ""), "the end line counts"},
		{"two fields", strings.Replace(good, `{"app":{`, `{"end":{"lines":1},"app":{`, 1), "one field, this one 2"},
		{"an empty line", strings.Replace(good, `{"app":{`, `{}`+"\n"+`{"app":{`, 1), "one field, this one 0"},
		{"a member before its app", lines[0] + `{"member":{"bizUserId":"x"}}` + "\n", "before the first application"},
		{"text after the end", good + "{}", "text after the end"},
		{"a brace after the end", good + "}", "text after the end"},
		{"an original after its refund", strings.Replace(good, `"ori":1`, `"ori":9`, 1), "its original is order 9"},
		{"an unknown pay method", strings.Replace(good, `"key":"BALANCE"`, `"key":"NOPE"`, 1), `"NOPE" is not a pay method`},
		{"an event after the sequence", strings.Replace(good, `"events":2`, `"events":1`, 1), "the header's sequence ends at 1"},
		{"too many draws", strings.Replace(good, `"numbers":`, `"numbers":99999999999`, 1), "more than a state holds"},
		{"an application without sets", strings.Replace(good, `"events":2,`, `"events":2,"accountSets":{"x":[]},`, 1), `"x" is given no account sets`},
		{"a second header", strings.Replace(good, "\n{\"app\"", "\n"+lines[0]+`{"app"`, 1), "a second header"},
		{"details not announced", strings.Replace(good, `,"details":true`, "", 1), "says it has none"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := New(Config{}).Restore(strings.NewReader(tt.text))
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.err)
			assert.Contains(t, err.Error(), "emulator: restore")
		})
	}
	assert.ErrorContains(t, e.Restore(strings.NewReader(good)), "has state already")
	r := New(Config{})
	require.NoError(t, r.Restore(strings.NewReader(good)))
	assert.Equal(t, e.Orders("app"), r.Orders("app"))
}

package store

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/internal/apps"
	"github.com/tsymock/tsymock/internal/emulator"
	"github.com/tsymock/tsymock/keys/demo"
)

// demoApp is an application with the demo merchant's key.
func demoApp(t *testing.T, sysid string, sets []string) apps.App {
	t.Helper()
	m, err := demo.Load()
	require.NoError(t, err)
	return apps.App{SysID: sysid, Key: &m.MerchantKey.PublicKey, AccountSets: sets}
}

// services are the services of the methods these tests call.
var services = map[string]string{"createMember": "MemberService", "applicationTransfer": "OrderService",
	"consumeApply": "OrderService"}

// call runs a method of the emulator with param as JSON; it fails the
// test unless it answers OK.
func call(t testing.TB, e *emulator.Emulator, sysid, method, param string) {
	t.Helper()
	var p map[string]any
	dec := json.NewDecoder(strings.NewReader(param))
	dec.UseNumber()
	require.NoError(t, dec.Decode(&p))
	_, serr := e.Handle(context.Background(), emulator.Request{SysID: sysid, Service: services[method], Method: method, Param: p})
	require.Nil(t, serr, "%s %s", method, param)
}

// paid makes member id, funds it and has it pay shop 1 fen, which
// notifies backUrl: one notification queued.
func paid(t testing.TB, e *emulator.Emulator, sysid, id string) {
	t.Helper()
	for _, m := range []string{id, "shop"} {
		_, _ = e.Handle(context.Background(), emulator.Request{SysID: sysid, Service: "MemberService", Method: "createMember",
			Param: map[string]any{"bizUserId": m, "memberType": json.Number("3"), "source": json.Number("1")}})
	}
	call(t, e, sysid, "applicationTransfer", fmt.Sprintf(`{"bizTransferNo":"fund-%s","sourceAccountSetNo":"100001",`+
		`"targetBizUserId":%q,"targetAccountSetNo":"200126","amount":1}`, id, id))
	call(t, e, sysid, "consumeApply", fmt.Sprintf(`{"payerId":%q,"recieverId":"shop","bizOrderNo":"o-%s","amount":1,"fee":0,`+
		`"validateType":0,"backUrl":"http://127.0.0.1/n","payMethod":{"BALANCE":[{"accountSetNo":"200126","amount":1}]},`+
		`"industryCode":"1910","industryName":"其他","source":1}`, id, id))
}

// keys are the events' keys, sorted.
func keys(evs []emulator.Event) []string {
	out := make([]string, len(evs))
	for i, ev := range evs {
		out[i] = ev.Key
	}
	slices.Sort(out)
	return out
}

// TestSnapshotKeepsWhatTheLogHeld: after a snapshot has cut the log, a
// restart has everything the removed records made: the applications
// registered at run time with their origin and account sets, the state,
// the notifications the notifier had taken and not finished (and not the
// finished one), those still queued, and what the records after the
// snapshot add or finish.
func TestSnapshotKeepsWhatTheLogHeld(t *testing.T) {
	dir := t.TempDir()
	st, emu, _ := open(t, dir)
	require.NoError(t, st.KeepApp(demoApp(t, "2000", []string{"200087", "100001"}), apps.OriginAdmin))
	require.NoError(t, st.KeepApp(demoApp(t, "3000", nil), apps.OriginAuto))
	paid(t, emu, "1000", "a")
	paid(t, emu, "1000", "b")
	taken := st.TakeEvents() // the notifier holds a's and b's
	require.Len(t, taken, 2)
	st.Finished(taken[0].Key) // a's delivered
	paid(t, emu, "1000", "c") // queued, not taken
	info, err := st.Compact()
	require.NoError(t, err)
	assert.Positive(t, info.Removed, "the records before it are gone")
	s, _ := st.Stats()
	assert.Equal(t, info.LSN, s.SnapshotLSN)
	assert.Equal(t, 1, s.Segments)

	st.Finished(taken[1].Key) // b's delivered after the snapshot
	paid(t, emu, "1000", "d")
	again := st.TakeEvents() // c's and d's
	require.Len(t, again, 2)
	paid(t, emu, "1000", "e") // queued
	require.NoError(t, st.KeepApp(demoApp(t, "4000", nil), apps.OriginAdmin))
	require.NoError(t, st.Close())

	st2, emu2, got := open(t, dir)
	assert.Equal(t, registered{"2000": "admin 200087,100001", "3000": "auto", "4000": "admin"}, got)
	assert.Len(t, emu2.Members("1000"), 6)
	pending := st2.TakeEvents()
	want := append(keys(again), keys(emu.TakeEvents())...)
	slices.Sort(want)
	assert.Equal(t, want, keys(pending), "c's and d's, taken and not finished, and e's, queued")
	assert.Equal(t, again[0], pending[0], "a notification kept apart comes back as it was")
	assert.Empty(t, st2.TakeEvents(), "handed over once")
	assert.Equal(t, emulatorState(t, emu), emulatorState(t, emu2))
}

// emulatorState is the emulator's whole state as a snapshot encodes it.
func emulatorState(t *testing.T, e *emulator.Emulator) string {
	t.Helper()
	s, err := e.Capture(nil)
	require.NoError(t, err)
	var b bytes.Buffer
	require.NoError(t, s.Encode(&b))
	return b.String()
}

// TestCompactUnderLoad: snapshots taken over and over while clients
// change the state, applications are registered and a notifier takes and
// finishes notifications. Each snapshot, with the log's records after it,
// is checked: a restart from it has every change and application, and
// the notifications owed are exactly those queued and not finished: none
// lost between the state and the notifier, none doubled. (Each snapshot's
// dir is kept by hard links to its files and to every segment made after
// it, so that compaction cannot take them away.)
func TestCompactUnderLoad(t *testing.T) {
	dir := t.TempDir()
	st, emu, _ := open(t, dir)
	stop := make(chan struct{})
	go func() {
		defer close(stop)
		var wg sync.WaitGroup
		for w := range 3 {
			wg.Go(func() {
				for i := range 30 {
					paid(t, emu, "1000", fmt.Sprintf("w%d-%d", w, i))
					require.NoError(t, st.KeepApp(demoApp(t, fmt.Sprintf("%d%03d", w+2, i), nil), apps.OriginAdmin))
				}
			})
		}
		wg.Wait()
	}()
	notified := make(chan [2]map[string]bool)
	go func() { notified <- notifyUntil(st, stop) }()
	var kept []string
	var last uint64
	for done := false; !done; {
		select {
		case <-stop:
			done = true
		case <-time.After(3 * time.Millisecond):
		}
		info, err := st.Compact()
		require.NoError(t, err)
		if info.LSN > last {
			last, kept = info.LSN, append(kept, t.TempDir())
			linkLog(t, dir, kept)
		}
	}
	got := <-notified
	all, finished := got[0], got[1]
	for _, ev := range emu.TakeEvents() { // queued at the end
		all[ev.Key] = true
	}
	require.NoError(t, st.Close())
	linkLog(t, dir, kept)
	t.Logf("%d snapshots, %d notifications, %d finished", len(kept), len(all), len(finished))
	require.Greater(t, len(kept), 1)
	var owed []string
	for key := range all {
		if !finished[key] {
			owed = append(owed, key)
		}
	}
	slices.Sort(owed)
	want := emulatorState(t, emu)
	for i, d := range append(kept, dir) {
		st2, emu2, got := open(t, d)
		assert.Len(t, got, 90, "snapshot %d: every application registered", i)
		assert.Equal(t, owed, keys(st2.TakeEvents()), "snapshot %d: the notifications owed", i)
		assert.Equal(t, want, emulatorState(t, emu2), "snapshot %d: the state", i)
		require.NoError(t, st2.Close())
	}
}

// notifyUntil takes the store's notifications as a notifier does, and
// finishes every other one, until stop; it returns the keys taken and
// those finished.
func notifyUntil(st *Store, stop <-chan struct{}) [2]map[string]bool {
	all, finished := map[string]bool{}, map[string]bool{}
	for k := 0; ; k++ {
		for i, ev := range st.TakeEvents() {
			all[ev.Key] = true
			if (k+i)%2 == 0 {
				st.Finished(ev.Key)
				finished[ev.Key] = true
			}
		}
		select {
		case <-stop:
			return [2]map[string]bool{all, finished}
		default:
		}
	}
}

// linkLog links the snapshot and segments of dir into the newest of kept,
// and the segments into every other: each then holds its snapshot and
// every record after it.
func linkLog(t *testing.T, dir string, kept []string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	for _, e := range entries {
		ext := filepath.Ext(e.Name())
		for i, k := range kept {
			if ext == ".wal" || (ext == ".snap" && i == len(kept)-1) {
				err := os.Link(filepath.Join(dir, e.Name()), filepath.Join(k, e.Name()))
				if !os.IsExist(err) && !os.IsNotExist(err) { // removed meanwhile: covered by a snapshot
					require.NoError(t, err)
				}
			}
		}
	}
}

// TestSnapshotHeaderRefused: a snapshot whose store line is not this
// version's, or holds a pending notification without its key, is
// refused with what is wrong, and the dir is left as it was.
func TestSnapshotHeaderRefused(t *testing.T) {
	for _, tc := range []struct{ name, from, to, err string }{
		{"another version", `"version":1`, `"version":2`, `"tsymock-data-dir" version 2; this tsymock reads`},
		{"another format", `"format":"tsymock-data-dir"`, `"format":"x"`, `it is "x" version 1`},
		{"an unknown field", `"apps":`, `"other":1,"apps":`, `unknown field "other"`},
		{"no key", `"key":"`, `"key":"`, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var b bytes.Buffer
			head := newHeader(nil, []emulator.Event{{SysID: "1000", Key: "1.0"}})
			snap, err := emulator.New(emulator.Config{}).Capture(nil)
			require.NoError(t, err)
			require.NoError(t, writeSnapshot(&b, head, snap))
			text := strings.Replace(b.String(), tc.from, tc.to, 1)
			if tc.err == "" {
				text = strings.Replace(text, `"key":"1.0"`, `"key":""`, 1)
				tc.err = "a pending notification without its key"
			}
			st := New()
			r := Replayer{Emulator: emulator.New(emulator.Config{}), RegisterApp: func(apps.App, string) error { return nil }}
			err = st.restore(r)(9, strings.NewReader(text))
			assert.ErrorContains(t, err, "store: snapshot of records 1 to 9: ")
			assert.ErrorContains(t, err, tc.err)
		})
	}
}

// TestOpenAfterCompactionReadsOnlyTheTail: the log a restart replays is
// what came after the snapshot, however much came before.
func TestOpenAfterCompactionReadsOnlyTheTail(t *testing.T) {
	dir := t.TempDir()
	st, emu, _ := open(t, dir)
	for i := range 50 {
		paid(t, emu, "1000", fmt.Sprint("m", i))
	}
	_, err := st.Compact()
	require.NoError(t, err)
	paid(t, emu, "1000", "last")
	require.NoError(t, st.Close())
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	assert.Len(t, slices.DeleteFunc(names, func(n string) bool { return filepath.Ext(n) != ".wal" }), 1, "one segment left")
	_, emu2, _ := open(t, dir)
	assert.Len(t, emu2.Members("1000"), 52)
}

//go:build unix

package main

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"os"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/internal/apps"
	"github.com/tsymock/tsymock/internal/emulator"
	"github.com/tsymock/tsymock/internal/store"
	"github.com/tsymock/tsymock/keys/demo"
)

// TestStartFlatAsHistoryGrows: with a snapshot in place, tsymock serve's
// start does the same work for a long history as for a short one, when
// both end in the same state (1,000 members, made by 1,000 changes and
// then locked and unlocked once, or 10 times: 3,000 or 21,000 changes): it reads a
// snapshot of the same size and replays no change, where without the
// snapshot it replays every one. That is what keeps the start flat; its
// time is measured by TestStartFlatAtAMillionChanges (issue 17.1's
// 1,000,000 changes, build tag soak, make soak), not here: a timed test
// fails on a busy machine.
func TestStartFlatAsHistoryGrows(t *testing.T) {
	bin := tsymockBinary(t)
	var snapshots []int64
	for _, n := range []int{3000, 21000} {
		plain, snapped := t.TempDir(), t.TempDir()
		writeHistory(t, plain, n, false, 0)
		require.Zero(t, writeHistory(t, snapped, n, true, 0), "no log after the snapshot")
		without, with := startWork(t, bin, plain), startWork(t, bin, snapped)
		assert.EqualValues(t, n, without["calls"], "%d changes without a snapshot: every one replayed", n)
		assert.EqualValues(t, 0, with["calls"], "%d changes with the snapshot: none replayed", n)
		assert.EqualValues(t, 0, with["records"], "%d changes with the snapshot: no record read after it", n)
		snapshots = append(snapshots, snapshotBytes(t, snapped))
	}
	t.Logf("snapshot of 1,000 members after 3,000 and 21,000 changes: %d and %d bytes", snapshots[0], snapshots[1])
	assert.Equal(t, snapshots[0], snapshots[1], "the same state, a snapshot of the same size (bytes)")
}

// startWork starts tsymock serve on dir, stops it, and returns the fields
// of its "state kept in data dir" line: what the start read.
func startWork(t *testing.T, bin, dir string) map[string]any {
	t.Helper()
	p := startCmd(t, exec.Command(bin, "serve", "--addr", "127.0.0.1:0", "--data-dir", dir, "--log-format", "json", "--banner", "off"))
	require.Equal(t, 0, p.stop(t, syscall.SIGTERM))
	for line := range strings.SplitSeq(p.stderr.String(), "\n") {
		var fields map[string]any
		if json.Unmarshal([]byte(line), &fields) == nil && fields["msg"] == "state kept in data dir" {
			return fields
		}
	}
	t.Fatalf("no \"state kept in data dir\" line in: %s", p.stderr)
	return nil
}

// snapshotBytes is the size of the snapshot files in dir.
func snapshotBytes(t *testing.T, dir string) int64 {
	t.Helper()
	var total int64
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	for _, e := range entries {
		if strings.Contains(e.Name(), "snap") {
			info, err := e.Info()
			require.NoError(t, err)
			total += info.Size()
		}
	}
	require.Positive(t, total, "a snapshot in %s", dir)
	return total
}

// writeHistory writes a data dir as tsymock serve keeps it: 1,000
// members of the demo app (fewer when n is), then n-1,000 changes that
// lock and unlock them, from 32 clients at once; with snap, a snapshot
// after all but the last tail changes, as the server's compaction takes
// one. It returns the bytes of log after the snapshot.
func writeHistory(t *testing.T, dir string, n int, snap bool, tail int) int64 {
	t.Helper()
	st := store.New()
	emu := emulator.New(emulator.Config{Recorder: st})
	require.NoError(t, st.Open(dir, store.Replayer{Emulator: emu, Log: slog.New(slog.DiscardHandler),
		RegisterApp: func(apps.App, string) error { return nil }}))
	members := min(n, 1000)
	changes(t, emu, 0, members, members)
	if !snap {
		tail = n - members
	}
	changes(t, emu, members, n-tail, members)
	if snap {
		_, err := st.Compact()
		require.NoError(t, err)
	}
	changes(t, emu, max(n-tail, members), n, members)
	s, _ := st.Stats()
	require.NoError(t, st.Close())
	return s.Bytes
}

// changes makes the changes from to to from 32 clients, each with its own
// members, so that each member's changes come in order.
func changes(t *testing.T, emu *emulator.Emulator, from, to, members int) {
	var wg sync.WaitGroup
	for w := range 32 {
		wg.Go(func() {
			for i := from; i < to; i++ {
				if i%members%32 == w {
					historyChange(t, emu, i, members)
				}
			}
		})
	}
	wg.Wait()
}

// historyChange is the i-th change: a member made, or one locked or
// unlocked (every member's lock changes twice in two rounds, so the state
// is the same after every other round).
func historyChange(t *testing.T, emu *emulator.Emulator, i, members int) {
	method, param := "createMember", map[string]any{"bizUserId": fmt.Sprint("h", i),
		"memberType": json.Number("3"), "source": json.Number("1")}
	if i >= members {
		k := i - members
		method = []string{"lockMember", "unlockMember"}[k/members%2]
		param = map[string]any{"bizUserId": fmt.Sprint("h", k%members)}
	}
	_, serr := emu.Handle(context.Background(), emulator.Request{SysID: demo.SysID, Service: "MemberService",
		Method: method, Param: param})
	require.Nil(t, serr, "%s %v", method, param)
}

//go:build unix

package main

import (
	"context"
	"crypto/rsa"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/internal/soak"
	"github.com/tsymock/tsymock/internal/testtool"
	"github.com/tsymock/tsymock/keys/demo"
)

// crashStep is a step of a roll, a snapshot, a compaction or an open
// (internal/wal/crash.go) where a binary built with -tags
// tsymock_crashpoints kills itself, at the hit-th time it gets there.
type crashStep struct {
	step string
	hit  int
	tear bool // tear the end of the log first, for the open to cut
}

// snapshotSteps are the steps in the order visited: a crash at "renamed"
// leaves a snapshot over the segments it covers, which the next open
// removes ("leftovers removed").
var snapshotSteps = []crashStep{
	{step: "roll: new segment created", hit: 6},
	{step: "roll: new segment's entry synced", hit: 6},
	{step: "snapshot: temp file created", hit: 6},
	{step: "snapshot: payload written, no trailer", hit: 6},
	{step: "snapshot: written, not synced", hit: 6},
	{step: "snapshot: synced, not renamed", hit: 6},
	{step: "snapshot: renamed, dir not synced", hit: 6},
	{step: "open: leftovers removed", hit: 1},
	{step: "snapshot: published", hit: 6},
	{step: "compact: an older snapshot removed", hit: 6},
	{step: "compact: a covered segment removed", hit: 6},
	{step: "compact: done", hit: 6},
	{step: "open: torn end cut", hit: 1, tear: true},
}

// TestKill9AtEverySnapshotStep is issue 17.1's crash test at the process
// level: tsymock serve, taking a snapshot every 20 ms under mixed traffic
// of every service from four clients, applications registered at run
// time and notifications to a receiver that refuses a share, kills itself
// with SIGKILL at each step of a snapshot, a compaction and an open; then
// three times it is killed from outside at a random moment. After each
// death it is started again: every member, order and application answered
// OK is there, the ledger balances, the replay came out as answered; at
// the end every notification owed was delivered or, refused, used up its
// attempts and was logged.
func TestKill9AtEverySnapshotStep(t *testing.T) {
	bin, err := soak.Build(t.TempDir(), "tsymock_crashpoints")
	require.NoError(t, err)
	m, err := demo.Load()
	require.NoError(t, err)
	rcv := soak.NewReceiver(m.PlatformCert.PublicKey.(*rsa.PublicKey), 5)
	t.Cleanup(rcv.Close)
	dir, acked, logs := t.TempDir(), soak.NewAcked(), &testtool.Buffer{}
	args := []string{"serve", "--addr", "127.0.0.1:0", "--data-dir", dir, "--snapshot-every", "20ms",
		"--notify-schedule", "20ms,40ms,80ms,160ms"}
	steps := append(snapshotSteps, crashStep{}, crashStep{}, crashStep{})
	for life, st := range steps {
		if st.tear {
			tearLog(t, dir)
		}
		var env []string
		if st.step != "" {
			env = []string{fmt.Sprintf("TSYMOCK_WAL_CRASH=%s|%d", st.step, st.hit)}
		}
		p, err := soak.Start(bin, args, env, logs)
		if st.hit == 1 {
			require.ErrorIs(t, err, soak.ErrExited, "step %q", st.step)
			requireKilled(t, p, st.step, logs)
			continue
		}
		require.NoError(t, err, "step %q: %s", st.step, logs)
		checkSoak(t, p, acked, logs)
		trafficUntilDeath(t, p, life, rcv, acked, st.step)
		requireKilled(t, p, st.step, logs)
	}
	p, err := soak.Start(bin, args, nil, logs)
	require.NoError(t, err, "%s", logs)
	checkSoak(t, p, acked, logs)
	require.Eventually(t, func() bool { return len(soak.CheckNotified(acked, rcv, logs.String())) == 0 },
		30*time.Second, 50*time.Millisecond, "%v", soak.CheckNotified(acked, rcv, logs.String()))
	_, err = p.Stop(15 * time.Second)
	require.NoError(t, err)
	tot, rs := acked.Totals(), rcv.Stats()
	t.Logf("%d kills: %d calls answered, %d members, %d orders, %d apps, %d pages; %d notifications delivered, %d refused",
		len(steps), tot.Calls, tot.Members, tot.Orders, tot.Apps, tot.Pages, rs.Delivered, rs.Refused)
	assert.Empty(t, rs.Bad, "every notification verifies")
	assert.Empty(t, acked.Findings(), "every call answered OK while the server ran")
}

// trafficUntilDeath runs four clients and registers applications until
// the process dies: by its own hand at step, or, with no step, by SIGKILL
// after a random moment.
func trafficUntilDeath(t *testing.T, p *soak.Proc, life int, rcv *soak.Receiver, acked *soak.Acked, step string) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var wg sync.WaitGroup
	for w := range 4 {
		wk, err := soak.NewWorker(p.URL(), demo.SysID, fmt.Sprintf("L%dw%d", life, w), rcv.URL+"/notify", time.Now, acked)
		require.NoError(t, err)
		wg.Go(func() { wk.Run(ctx) })
	}
	wg.Go(func() {
		for i := 0; ctx.Err() == nil; i++ {
			if errors.Is(soak.RegisterApp(p.URL(), fmt.Sprintf("9%03d%08d", life, i), acked), soak.ErrGone) {
				return
			}
			time.Sleep(5 * time.Millisecond)
		}
	})
	if step == "" {
		time.Sleep(time.Duration(300+time.Now().UnixNano()%700) * time.Millisecond)
		p.Kill()
	}
	select {
	case <-p.Exited():
	case <-time.After(30 * time.Second):
		p.Kill()
		t.Fatalf("step %q was not reached in 30 s", step)
	}
	cancel()
	wg.Wait()
}

// requireKilled checks that the process died of SIGKILL.
func requireKilled(t *testing.T, p *soak.Proc, step string, logs *testtool.Buffer) {
	t.Helper()
	st, err := p.Wait(30 * time.Second)
	require.NoError(t, err)
	require.True(t, soak.Killed(st), "step %q: tsymock ended with %v, not SIGKILL; log:\n%s", step, st, logs)
}

// checkSoak checks a restarted server against what was acknowledged.
func checkSoak(t *testing.T, p *soak.Proc, acked *soak.Acked, logs *testtool.Buffer) {
	t.Helper()
	require.Empty(t, soak.Check(p.URL(), acked))
	require.NotContains(t, logs.String(), "came out differently")
}

// tearLog appends the start of a frame header to the newest segment, as a
// kill in the middle of a write leaves it.
func tearLog(t *testing.T, dir string) {
	t.Helper()
	segs, err := filepath.Glob(filepath.Join(dir, "tsymock*.wal"))
	require.NoError(t, err)
	require.NotEmpty(t, segs)
	f, err := os.OpenFile(segs[len(segs)-1], os.O_WRONLY|os.O_APPEND, 0)
	require.NoError(t, err)
	_, err = f.Write([]byte{0x20, 0, 0})
	require.NoError(t, err)
	require.NoError(t, f.Close())
}

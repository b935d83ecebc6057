package wal

import (
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// crashState is a data dir as a process killed at a step would leave it: a
// kill keeps every completed write and rename (they are in the page cache)
// and none of the ones after. acked is how many records had been
// acknowledged then.
type crashState struct {
	point string
	dir   string
	acked int
}

// crashRecorder copies the dir at every step it is called at.
type crashRecorder struct {
	t      *testing.T
	dir    string
	mu     sync.Mutex
	acked  int // records acknowledged so far, set by the workload
	states []crashState
	err    error // the first copy that failed: the flusher calls at, and must not FailNow
}

func (c *crashRecorder) hooks() hooks { return hooks{crash: c.at} }

func (c *crashRecorder) at(point string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	dst := filepath.Join(c.t.TempDir(), "copy")
	if err := copyDir(c.dir, dst); err != nil && c.err == nil {
		c.err = err
	}
	c.states = append(c.states, crashState{point: point, dir: dst, acked: c.acked})
}

func (c *crashRecorder) ack(n int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.acked = n
}

func copyDir(src, dst string) error {
	if err := os.MkdirAll(dst, 0o700); err != nil {
		return err
	}
	entries, err := os.ReadDir(src)
	if err != nil {
		return err
	}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(src, e.Name()))
		if err == nil {
			err = os.WriteFile(filepath.Join(dst, e.Name()), b, 0o600)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// TestCrashAtEveryStep takes snapshots (at rolls and between them), opens
// with a torn end and leftovers, and stops at every step of each, as a
// kill -9 there would. Every state opens, holds every acknowledged record
// once and in order, and goes on taking records.
func TestCrashAtEveryStep(t *testing.T) {
	dir := t.TempDir()
	c := &crashRecorder{t: t, dir: dir}
	n := 0
	l, _, err := openWith(dir, (&state{}).options(), c.hooks())
	require.NoError(t, err)
	// Snapshots at a roll, a roll without one, and snapshots that end
	// within a segment (the last one, or one before), which must keep it.
	for _, round := range []struct {
		roll bool
		back int // the snapshot covers up to n-back; -1 for no snapshot
	}{{true, 0}, {true, -1}, {true, 30}, {false, 5}, {true, 0}} {
		for range 25 {
			n++
			appendWait(t, l, numbered(n))
			c.ack(n)
		}
		if round.roll {
			_, err := l.Roll()
			require.NoError(t, err)
		}
		if round.back >= 0 {
			_, err := l.Snapshot(uint64(n-round.back), snapshotOf(numberedRange(1, n-round.back)))
			require.NoError(t, err)
		}
	}
	require.NoError(t, l.Close())
	reopenThroughCrashes(t, dir, c)
	require.NoError(t, c.err)

	visited := map[string]bool{}
	for _, s := range c.states {
		visited[s.point] = true
		t.Run(fmt.Sprintf("%s after %d acknowledged", s.point, s.acked), func(t *testing.T) {
			checkCrashState(t, s)
		})
	}
	for _, p := range crashPoints() {
		if !isSalvagePoint(p) {
			assert.True(t, visited[p], "step %q was never reached", p)
		}
	}
}

// reopenThroughCrashes opens dir once with a torn end and the leftovers of
// a crashed snapshot, so the steps of Open are visited too.
func reopenThroughCrashes(t *testing.T, dir string, c *crashRecorder) {
	t.Helper()
	l, s, _ := openState(t, dir)
	n := len(s.payloads) + 1
	appendWait(t, l, numbered(n))
	c.ack(n)
	_, err := l.Roll()
	require.NoError(t, err)
	last := append(s.payloads, numbered(n))
	require.NoError(t, l.Close())
	_, _, err = writeSnapshot(dir, uint64(len(last)), snapshotOf(last), hooks{})
	require.NoError(t, err)
	f, err := os.OpenFile(filepath.Join(dir, segmentName(uint64(len(last))+1)), os.O_WRONLY|os.O_APPEND, 0)
	require.NoError(t, err)
	_, err = f.Write(logBytes("torn")[:6])
	require.NoError(t, err)
	require.NoError(t, f.Close())
	l, _, err = openWith(dir, (&state{}).options(), c.hooks())
	require.NoError(t, err)
	require.NoError(t, l.Close())
}

// checkCrashState opens the dir a crash left and checks it.
func checkCrashState(t *testing.T, s crashState) {
	t.Helper()
	l, st, info := openState(t, s.dir)
	n := len(st.payloads)
	assert.GreaterOrEqual(t, n, s.acked, "an acknowledged record was lost")
	assert.Equal(t, numberedRange(1, n), st.payloads, "each record once, in order")
	assert.Equal(t, uint64(n), info.Last)
	appendWait(t, l, "after the crash")
	require.NoError(t, l.Close())
	l, st, _ = openState(t, s.dir)
	require.NoError(t, l.Close())
	assert.Equal(t, append(numberedRange(1, n), "after the crash"), st.payloads)
}

func isSalvagePoint(p string) bool {
	return p == crashSalvageLinked || p == crashSalvageRemoved || p == crashSalvageKept
}

// TestCrashDuringSalvage stops Salvage at each of its steps: run again, it
// finishes, and the log opens with exactly the records before the damage;
// the damaged files are set aside as they were.
func TestCrashDuringSalvage(t *testing.T) {
	dir := t.TempDir()
	l, _, err := Open(dir, nil)
	require.NoError(t, err)
	for i := 1; i <= 30; i++ {
		appendWait(t, l, numbered(i))
		if i%10 == 0 {
			_, err := l.Roll()
			require.NoError(t, err)
		}
	}
	require.NoError(t, l.Close())
	damaged := filepath.Join(dir, segmentName(11))
	b, err := os.ReadFile(damaged)
	require.NoError(t, err)
	b[len(logBytes(numberedRange(11, 14)...))+headerSize] ^= 1 // record 15's payload
	require.NoError(t, os.WriteFile(damaged, b, 0o600))

	c := &crashRecorder{t: t, dir: dir}
	info, err := salvage(dir, c.hooks(), time.Now())
	require.NoError(t, err)
	require.NoError(t, c.err)
	assert.Equal(t, uint64(14), info.Kept)
	require.Len(t, info.SetAside, 3, "the damaged segment and the two after it")
	for _, s := range append(c.states, crashState{point: "finished", dir: dir}) {
		t.Run(s.point, func(t *testing.T) {
			_, err := Salvage(s.dir)
			require.NoError(t, err)
			l, st, _ := openState(t, s.dir)
			require.NoError(t, l.Close())
			assert.Equal(t, numberedRange(1, 14), st.payloads)
			aside, err := filepath.Glob(filepath.Join(s.dir, segmentName(11)+setAsideMark+"*"))
			require.NoError(t, err)
			require.NotEmpty(t, aside)
			got, err := os.ReadFile(aside[0])
			require.NoError(t, err)
			assert.Equal(t, b, got)
		})
	}
	visited := map[string]bool{}
	for _, s := range c.states {
		visited[s.point] = true
	}
	for _, p := range crashPoints() {
		if isSalvagePoint(p) {
			assert.True(t, visited[p], "step %q was never reached", p)
		}
	}
}

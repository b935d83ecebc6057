package wal

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// killEnv tells a re-executed test binary to play the child's part of
// TestKill9AtEveryStep: "DIR|STEP|HIT" (STEP empty: run until killed).
const killEnv = "WAL_TEST_KILL_CHILD"

// TestKill9AtEveryStep is the kill -9 test of compaction: a child process
// appends from four writers while it snapshots and compacts over and over,
// and kills itself with SIGKILL at the third time it reaches a step (once
// per step; the steps of Open at the first), or is killed by the parent at
// a random moment. After each death the parent opens the dir: every record
// the child acknowledged is there once, each writer's records are there in
// order without a gap, and the next child goes on from there.
func TestKill9AtEveryStep(t *testing.T) {
	if spec := os.Getenv(killEnv); spec != "" {
		killChild(t, spec)
		return
	}
	dir := t.TempDir()
	acked := map[string]bool{}
	var steps []string
	for _, p := range crashPoints() {
		if !isSalvagePoint(p) { // Salvage is not part of a running log; TestCrashDuringSalvage has it
			steps = append(steps, p)
		}
	}
	steps = append(steps, "", "", "")
	for _, step := range steps {
		if step == crashOpenTruncated {
			tearLastSegment(t, dir)
		}
		if step == crashOpenCleaned {
			leaveSnapshotLeftovers(t, dir)
		}
		for _, a := range runKillChild(t, dir, step) {
			acked[a] = true
		}
		checkKilled(t, dir, acked)
	}
	t.Logf("%d records acknowledged across %d kills", len(acked), len(steps))
}

// runKillChild runs one child until it dies of SIGKILL and returns the
// records it acknowledged.
func runKillChild(t *testing.T, dir, step string) []string {
	t.Helper()
	hit := 3
	if strings.HasPrefix(step, "open:") {
		hit = 1
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestKill9AtEveryStep$", "-test.count=1")
	cmd.Env = append(os.Environ(), fmt.Sprintf("%s=%s|%s|%d", killEnv, dir, step, hit),
		"GORACE="+os.Getenv("GORACE")+" atexit_sleep_ms=0")
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	require.NoError(t, cmd.Start())
	if step == "" {
		time.Sleep(time.Duration(100+time.Now().UnixNano()%200) * time.Millisecond)
		_ = cmd.Process.Kill()
	}
	err := cmd.Wait()
	ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus)
	require.True(t, ok && ws.Signaled() && ws.Signal() == syscall.SIGKILL,
		"step %q: the child was not killed (%v):\n%s\n%s", step, err, out.String(), errOut.String())
	var acked []string
	sc := bufio.NewScanner(&out)
	for sc.Scan() {
		if a, ok := strings.CutPrefix(sc.Text(), "ack "); ok {
			acked = append(acked, a)
		}
	}
	return acked
}

// checkKilled opens the dir a child left.
func checkKilled(t *testing.T, dir string, acked map[string]bool) {
	t.Helper()
	l, s, info := openState(t, dir)
	require.NoError(t, l.Close())
	require.Equal(t, uint64(len(s.payloads)), info.Last)
	seen := map[string]bool{}
	next := map[string]int{}
	for _, p := range s.payloads {
		require.False(t, seen[p], "%s is there twice", p)
		seen[p] = true
		w, seq := splitPayload(t, p)
		require.Equal(t, next[w], seq, "writer %s: a gap or a reordering before %s", w, p)
		next[w] = seq + 1
	}
	for a := range acked {
		require.True(t, seen[a], "%s was acknowledged and is gone", a)
	}
}

func splitPayload(t testing.TB, p string) (string, int) {
	w, seq, ok := strings.Cut(p, "-")
	n, err := strconv.Atoi(seq)
	require.True(t, ok && err == nil, "payload %q", p)
	return w, n
}

// tearLastSegment appends half a frame to the last segment, as a kill in
// the middle of a write leaves it.
func tearLastSegment(t *testing.T, dir string) {
	t.Helper()
	lay, err := readLayout(dir)
	require.NoError(t, err)
	f, err := os.OpenFile(lay.segments[len(lay.segments)-1].path, os.O_WRONLY|os.O_APPEND, 0)
	require.NoError(t, err)
	_, err = f.Write(logBytes("w9-0")[:10])
	require.NoError(t, err)
	require.NoError(t, f.Close())
}

// leaveSnapshotLeftovers adds what a crash in the middle of a compaction
// leaves: a newer snapshot over an older one and the segments it covers.
func leaveSnapshotLeftovers(t *testing.T, dir string) {
	t.Helper()
	l, s, _ := openState(t, dir)
	lsn, err := l.Roll()
	require.NoError(t, err)
	require.NoError(t, l.Close())
	_, _, err = writeSnapshot(dir, lsn, snapshotOf(s.payloads), hooks{})
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, snapshotName(lsn+100)+tempExt), []byte("half"), 0o600))
}

// killChild is the child: writers and a compactor until it is killed.
func killChild(t *testing.T, spec string) {
	parts := strings.Split(spec, "|")
	require.Len(t, parts, 3)
	dir, step := parts[0], parts[1]
	hit, err := strconv.Atoi(parts[2])
	require.NoError(t, err)
	var hits atomic.Int64
	h := hooks{crash: func(p string) {
		if p == step && hits.Add(1) == int64(hit) {
			_ = syscall.Kill(os.Getpid(), syscall.SIGKILL)
			select {} // the signal is on its way
		}
	}}
	k := &killWorkload{}
	l, _, err := openWith(dir, k.options(), h)
	require.NoError(t, err)
	k.l = l
	k.run(t)
	t.Fatalf("step %q was not reached %d times in 10 s", step, hit)
}

// killWorkload is the child's state: every payload in LSN order, the
// lock that holds writers off while a snapshot is captured, and the next
// sequence number of each writer.
type killWorkload struct {
	state
	l      *Log
	snap   uint64 // the last snapshot's LSN
	freeze sync.RWMutex
	mu     sync.Mutex // orders Append with the state
	out    sync.Mutex // one ack line at a time
}

func (k *killWorkload) run(t *testing.T) {
	next := map[string]int{}
	for _, p := range k.payloads {
		w, seq := splitPayload(t, p)
		next[w] = seq + 1
	}
	deadline := time.Now().Add(10 * time.Second)
	for w := range 4 {
		name := fmt.Sprintf("w%d", w)
		go k.writer(name, next[name])
	}
	for i := 0; time.Now().Before(deadline); i++ {
		time.Sleep(time.Millisecond)
		info, err := k.l.Compact(func() (uint64, func(io.Writer) error, error) { return k.capture(i % 3) })
		switch {
		case err == nil:
			k.snap = info.LSN
		case !errors.Is(err, errNothingNew):
			t.Errorf("compact: %v", err)
		}
	}
}

// errNothingNew skips a snapshot when no record came since the last one.
var errNothingNew = errors.New("nothing new to snapshot")

func (k *killWorkload) writer(name string, seq int) {
	for ; ; seq++ {
		p := fmt.Sprintf("%s-%d", name, seq)
		k.freeze.RLock()
		k.mu.Lock()
		lsn, err := k.l.Append([]byte(p))
		if err == nil {
			k.payloads = append(k.payloads, p)
		}
		k.mu.Unlock()
		k.freeze.RUnlock()
		if err == nil {
			err = k.l.Wait(lsn)
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "writer:", err)
			os.Exit(3)
		}
		k.out.Lock()
		fmt.Fprintf(os.Stdout, "ack %s\n", p)
		k.out.Unlock()
	}
}

// capture holds the writers off and, by mode, rolls and copies the state
// (0), only rolls (1), or copies the state where the segment stands (2),
// so that some snapshots end within a segment after others.
func (k *killWorkload) capture(mode int) (uint64, func(io.Writer) error, error) {
	k.freeze.Lock()
	defer k.freeze.Unlock()
	k.mu.Lock()
	lsn := uint64(len(k.payloads))
	k.mu.Unlock()
	if mode < 2 {
		var err error
		if lsn, err = k.l.Roll(); err != nil || mode == 1 {
			return 0, nil, errors.Join(err, errNothingNew)
		}
	}
	if lsn <= k.snap {
		return 0, nil, errNothingNew
	}
	return lsn, snapshotOf(k.payloads[:lsn]), nil
}

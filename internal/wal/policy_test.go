package wal

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/tsymock/tsymock/internal/testtool"
)

func TestPolicyDue(t *testing.T) {
	dir := t.TempDir()
	l, _, _ := openState(t, dir)
	defer l.Close()
	now := time.Now()
	p := Policy{Bytes: 100, Interval: time.Hour}
	assert.False(t, l.Due(p, now.Add(2*time.Hour)), "nothing logged: never due")

	appendWait(t, l, strings.Repeat("x", 50))
	assert.False(t, l.Due(p, now), "58 bytes of log")
	assert.True(t, l.Due(p, now.Add(time.Hour+time.Second)), "an hour later")
	appendWait(t, l, strings.Repeat("x", 50))
	assert.True(t, l.Due(p, now), "116 bytes of log")

	lsn, err := l.Roll()
	require.NoError(t, err)
	big := strings.Repeat("s", 500) // a state larger than Bytes
	_, err = l.Snapshot(lsn, func(w io.Writer) error { _, err := io.WriteString(w, big); return err })
	require.NoError(t, err)
	assert.False(t, l.Due(p, time.Now().Add(2*time.Hour)), "nothing logged since the snapshot")
	appendWait(t, l, strings.Repeat("x", 200))
	assert.False(t, l.Due(p, time.Now()), "more than Bytes, less than the snapshot: not worth rewriting it")
	appendWait(t, l, strings.Repeat("x", 400))
	assert.True(t, l.Due(p, time.Now()))

	assert.False(t, l.Due(Policy{Bytes: -1, Interval: -1}, time.Now().Add(1000*time.Hour)), "both triggers off")
	assert.True(t, l.Due(Policy{}, time.Now().Add(DefaultSnapshotInterval)), "defaults")
}

// TestAutoCompact runs the loop as a server would: writers append under a
// read lock, the capture rolls under the write lock. Snapshots happen by
// size; a failing capture is logged and the loop goes on.
func TestAutoCompact(t *testing.T) {
	dir := t.TempDir()
	l, _, _ := openState(t, dir)
	var mu sync.RWMutex
	var payloads []string
	failOnce := true
	capture := func() (uint64, func(io.Writer) error, error) {
		mu.Lock()
		defer mu.Unlock()
		if failOnce {
			failOnce = false
			return 0, nil, errors.New("capture failed")
		}
		lsn, err := l.Roll()
		return lsn, snapshotOf(payloads[:lsn]), err
	}
	logs := &testtool.Buffer{}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		l.AutoCompact(ctx, Policy{Bytes: 500, Check: 2 * time.Millisecond}, capture, slog.New(slog.NewTextHandler(logs, nil)))
	}()
	for i := 1; i <= 400; i++ {
		mu.RLock()
		lsn, err := l.Append([]byte(numbered(i)))
		require.NoError(t, err)
		payloads = append(payloads, numbered(i)) // only this goroutine appends, under the read lock
		mu.RUnlock()
		require.NoError(t, l.Wait(lsn))
		if i%50 == 0 {
			time.Sleep(10 * time.Millisecond) // let the loop look
		}
	}
	cancel()
	<-done
	require.NoError(t, l.Close())
	assert.Contains(t, logs.String(), "capture failed")
	assert.Contains(t, logs.String(), "wal: snapshot written, log compacted")

	l, s, info := openState(t, dir)
	require.NoError(t, l.Close())
	assert.Equal(t, numberedRange(1, 400), s.payloads)
	assert.NotZero(t, info.Snapshot)
	assert.Less(t, info.Records, uint64(400), "a restart reads only the records after the snapshot")
	assert.Less(t, info.Bytes, int64(len(logBytes(numberedRange(1, 400)...))), "the history was compacted")
}

// TestOpenReadsOnlyTheTail: with a snapshot in place, a restart reads the
// same log whatever the length of the history behind it: the structural
// half of the open-time benchmark, which cannot flake.
func TestOpenReadsOnlyTheTail(t *testing.T) {
	var got []Info
	for _, history := range []int{1_000, 100_000} {
		dir := compactedHistory(t, history, 100)
		l, info, err := OpenWith(dir, discardAll())
		require.NoError(t, err)
		require.NoError(t, l.Close())
		assert.Equal(t, uint64(history), info.Snapshot)
		assert.Equal(t, 2, len(dirNames(t, dir)), "one snapshot, one segment")
		got = append(got, info)
	}
	assert.Equal(t, got[0].Bytes, got[1].Bytes)
	assert.Equal(t, got[0].Records, got[1].Records)
}

// compactedHistory is a dir whose log had history records, all covered by
// a snapshot of a fixed-size state, and tail records after it.
func compactedHistory(t testing.TB, history, tail int) string {
	t.Helper()
	dir := t.TempDir()
	l, _, err := Open(dir, nil)
	require.NoError(t, err)
	appendMany(t, l, history)
	lsn, err := l.Roll()
	require.NoError(t, err)
	state := bytes.Repeat([]byte("s"), 64<<10)
	_, err = l.Snapshot(lsn, func(w io.Writer) error { _, err := w.Write(state); return err })
	require.NoError(t, err)
	appendMany(t, l, tail)
	require.NoError(t, l.Close())
	return dir
}

// appendMany appends n records of about 100 bytes and waits for the last.
func appendMany(t testing.TB, l *Log, n int) {
	t.Helper()
	p := []byte(strings.Repeat("r", 100))
	var lsn uint64
	var err error
	for range n {
		lsn, err = l.Append(p)
		require.NoError(t, err)
	}
	require.NoError(t, l.Wait(lsn))
}

// discardAll restores and replays by reading everything and keeping nothing.
func discardAll() Options {
	return Options{
		Restore: func(_ uint64, r io.Reader) error { _, err := io.Copy(io.Discard, r); return err },
		Replay:  func(uint64, []byte) error { return nil },
	}
}

package wal

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestStatsFollowTheLog: Stats counts what is appended, and a snapshot
// shows its LSN, size and time and brings the bytes to replay down; after
// a restart the snapshot's time is its file's, not the restart's.
func TestStatsFollowTheLog(t *testing.T) {
	dir := t.TempDir()
	l, s, _ := openState(t, dir)
	before := l.Stats()
	assert.Equal(t, Stats{Segments: 1}, before, "an empty log")

	payloads := numberedRange(1, 10)
	appendWait(t, l, payloads...)
	for i, p := range payloads {
		_ = s.replay(uint64(i+1), []byte(p))
	}
	got := l.Stats()
	assert.Equal(t, Stats{Bytes: int64(len(logBytes(payloads...))), Segments: 1, Last: 10, Durable: 10}, got)

	lsn, err := l.Roll()
	require.NoError(t, err)
	info, err := l.Snapshot(lsn, snapshotOf(s.payloads))
	require.NoError(t, err)
	got = l.Stats()
	assert.Equal(t, uint64(10), got.SnapshotLSN)
	assert.Equal(t, info.Bytes, got.SnapshotBytes)
	assert.Equal(t, int64(0), got.Bytes, "the covered segment is removed; the new one is empty")
	assert.WithinDuration(t, time.Now(), got.SnapshotTime, time.Minute)
	require.NoError(t, l.Close())

	written := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	require.NoError(t, os.Chtimes(filepath.Join(dir, snapshotName(10)), written, written))
	l, _, _ = openState(t, dir)
	defer l.Close()
	got = l.Stats()
	assert.Equal(t, uint64(10), got.SnapshotLSN)
	assert.True(t, written.Equal(got.SnapshotTime), "restored snapshot written at %v, got %v", written, got.SnapshotTime)
	assert.NoError(t, got.Err)
}

package wal

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// dirNames lists the names in dir, the lock left out.
func dirNames(t testing.TB, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	var names []string
	for _, e := range entries {
		if e.Name() != LockName {
			names = append(names, e.Name())
		}
	}
	return names
}

func TestRollStartsSegments(t *testing.T) {
	dir := t.TempDir()
	l, _, err := Open(dir, nil)
	require.NoError(t, err)
	appendWait(t, l, numberedRange(1, 3)...)
	end, err := l.Roll()
	require.NoError(t, err)
	assert.Equal(t, uint64(3), end)
	assert.Equal(t, filepath.Join(dir, segmentName(4)), l.Path())
	end, err = l.Roll()
	require.NoError(t, err)
	assert.Equal(t, uint64(3), end, "an empty segment is not rolled")
	appendWait(t, l, numberedRange(4, 5)...)
	require.NoError(t, l.Close())
	assert.Equal(t, []string{"tsymock-00000000000000000004.wal", FileName}, dirNames(t, dir))

	got, info := reopen(t, dir)
	assert.Equal(t, records(1, numberedRange(1, 5)...), got)
	assert.Equal(t, Info{Path: filepath.Join(dir, segmentName(4)), Records: 5, Last: 5, Segments: 2,
		Bytes: int64(len(logBytes(numberedRange(1, 5)...)))}, info)
}

// TestSnapshotCompacts: after Roll and Snapshot the dir holds the snapshot
// and the segment after it, and a restart restores the snapshot and
// replays only the records after it.
func TestSnapshotCompacts(t *testing.T) {
	dir := t.TempDir()
	l, s, _ := openState(t, dir)
	for i := 1; i <= 100; i++ {
		appendWait(t, l, numbered(i))
		_ = s.replay(uint64(i), []byte(numbered(i)))
		if i%30 == 0 {
			lsn, err := l.Roll()
			require.NoError(t, err)
			info, err := l.Snapshot(lsn, snapshotOf(s.payloads))
			require.NoError(t, err)
			assert.Equal(t, uint64(i), info.LSN)
			assert.Equal(t, 1, info.Removed)
		}
	}
	require.NoError(t, l.Close())
	assert.Equal(t, []string{"tsymock-00000000000000000090.snap", "tsymock-00000000000000000091.wal"},
		dirNames(t, dir))

	l, s, info := openState(t, dir)
	defer l.Close()
	assert.Equal(t, numberedRange(1, 100), s.payloads)
	assert.Equal(t, uint64(90), s.restored)
	assert.Equal(t, uint64(90), info.Snapshot)
	assert.Equal(t, uint64(10), info.Records, "only the records after the snapshot are read")
	assert.Equal(t, uint64(100), info.Last)
	lsn, err := l.Append([]byte("next"))
	require.NoError(t, err)
	assert.Equal(t, uint64(101), lsn)
}

// TestSnapshotWithinASegment: a snapshot not taken at a roll keeps the
// segment it ends in, whether the last or one before, and a restart skips
// the records it covers.
func TestSnapshotWithinASegment(t *testing.T) {
	for _, tc := range []struct {
		name    string
		rolls   []int // roll after these records
		snap    int
		removed int
	}{
		{"in the only segment", nil, 12, 0},
		{"in the last segment", []int{5}, 12, 1},
		{"in a segment before the last", []int{5, 10, 15}, 12, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			l, _, _ := openState(t, dir)
			for i := 1; i <= 20; i++ {
				appendWait(t, l, numbered(i))
				if slices.Contains(tc.rolls, i) {
					_, err := l.Roll()
					require.NoError(t, err)
				}
			}
			info, err := l.Snapshot(uint64(tc.snap), snapshotOf(numberedRange(1, tc.snap)))
			require.NoError(t, err)
			assert.Equal(t, tc.removed, info.Removed)
			require.NoError(t, l.Close())

			l, s, oinfo := openState(t, dir)
			defer l.Close()
			assert.Equal(t, numberedRange(1, 20), s.payloads)
			assert.Equal(t, uint64(20-tc.snap), oinfo.Records)
		})
	}
}

func TestSnapshotRefusals(t *testing.T) {
	dir := t.TempDir()
	l, _, _ := openState(t, dir)
	defer l.Close()
	appendWait(t, l, numberedRange(1, 5)...)
	_, err := l.Snapshot(6, snapshotOf(nil))
	assert.EqualError(t, err, "wal: snapshot of records 1 to 6: only 5 appended")
	_, err = l.Snapshot(0, snapshotOf(nil))
	assert.EqualError(t, err, "wal: a snapshot must cover at least one record")
	boom := errors.New("boom")
	_, err = l.Snapshot(5, func(w io.Writer) error { _, _ = w.Write([]byte("half")); return boom })
	assert.ErrorIs(t, err, boom)
	assert.Equal(t, []string{FileName}, dirNames(t, dir), "a failed snapshot leaves nothing")
	_, err = l.Snapshot(5, snapshotOf(numberedRange(1, 5)))
	require.NoError(t, err)
	_, err = l.Snapshot(4, snapshotOf(numberedRange(1, 4)))
	assert.EqualError(t, err, "wal: snapshot of records 1 to 4: the log has one up to 5 already")
	appendWait(t, l, "more")
	assert.NoError(t, l.Err(), "refused snapshots do not fail the log")
}

// snapshotted is a dir whose one record "a" is in a snapshot.
func snapshotted(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	l, _, _ := openState(t, dir)
	appendWait(t, l, "a")
	_, err := l.Snapshot(1, snapshotOf([]string{"a"}))
	require.NoError(t, err)
	require.NoError(t, l.Close())
	return dir
}

func TestOpenNeedsRestoreForASnapshot(t *testing.T) {
	_, _, err := Open(snapshotted(t), nil)
	assert.ErrorContains(t, err, "holds a snapshot, and this caller cannot restore one")
}

func TestRestoreError(t *testing.T) {
	dir := snapshotted(t)
	boom := errors.New("boom")
	_, _, err := OpenWith(dir, Options{Restore: func(uint64, io.Reader) error { return boom }})
	require.ErrorIs(t, err, boom)
	assert.ErrorContains(t, err, "wal: restore "+filepath.Join(dir, snapshotName(1)))
	l, s, _ := openState(t, dir)
	require.NoError(t, l.Close(), "a failed restore changes nothing and unlocks the dir")
	assert.Equal(t, []string{"a"}, s.payloads)
}

// TestOpenRemovesLeftovers: the files a crash during a snapshot leaves (a
// temp snapshot, an older snapshot, segments the newer one covers) are
// removed by the next Open, which uses the newest snapshot.
func TestOpenRemovesLeftovers(t *testing.T) {
	dir := t.TempDir()
	l, s, _ := openState(t, dir)
	appendWait(t, l, numberedRange(1, 10)...)
	s.payloads = numberedRange(1, 10)
	lsn, err := l.Roll()
	require.NoError(t, err)
	_, err = l.Snapshot(lsn, snapshotOf(s.payloads))
	require.NoError(t, err)
	require.NoError(t, l.Close())
	old := dirNames(t, dir)

	// The state a crash after publishing a second snapshot leaves.
	l, _, _ = openState(t, dir)
	appendWait(t, l, numberedRange(11, 15)...)
	_, err = l.Roll()
	require.NoError(t, err)
	require.NoError(t, l.Close())
	path, _, err := writeSnapshot(dir, 15, snapshotOf(numberedRange(1, 15)), hooks{})
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, snapshotName(20)+tempExt), []byte("half"), 0o600))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("mine"), 0o600))

	l, s, info := openState(t, dir)
	require.NoError(t, l.Close())
	assert.Equal(t, numberedRange(1, 15), s.payloads)
	assert.Equal(t, uint64(15), info.Snapshot)
	assert.Equal(t, []string{"notes.txt", filepath.Base(path), "tsymock-00000000000000000016.wal"}, dirNames(t, dir))
	assert.NotEqual(t, old, dirNames(t, dir))
}

// TestSegmentDamage: a missing segment, a segment with a torn end that is
// not the last one, and a damaged snapshot are refused; Salvage keeps the
// records before the first two and refuses the third.
func TestSegmentDamage(t *testing.T) {
	build := func(t *testing.T) string { // segments at 1, 4 and 7, records 1 to 9
		dir := t.TempDir()
		l, _, _ := openState(t, dir)
		for _, batch := range [][]string{numberedRange(1, 3), numberedRange(4, 6), numberedRange(7, 9)} {
			appendWait(t, l, batch...)
			_, err := l.Roll()
			require.NoError(t, err)
		}
		require.NoError(t, l.Close())
		return dir
	}
	seg := func(dir string, first uint64) string { return filepath.Join(dir, segmentName(first)) }
	for _, tc := range []struct {
		name   string
		damage func(dir string) error
		record uint64
		what   string
	}{
		{"a segment missing", func(dir string) error { return os.Remove(seg(dir, 4)) }, 4, "records 4 to 6 are missing"},
		{"a torn end before the last segment", func(dir string) error {
			return os.Truncate(seg(dir, 4), int64(len(logBytes(numbered(4))))+3)
		}, 5, "cut frame header"},
		{"a segment renamed", func(dir string) error { return os.Rename(seg(dir, 7), seg(dir, 8)) }, 7,
			"it starts at record 8"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := build(t)
			require.NoError(t, tc.damage(dir))
			_, _, err := OpenWith(dir, (&state{}).options())
			var de *DamageError
			require.ErrorAs(t, err, &de)
			assert.Equal(t, tc.record, de.Record)
			assert.Contains(t, err.Error(), tc.what)

			info, err := Salvage(dir)
			require.NoError(t, err)
			assert.Equal(t, tc.record-1, info.Kept)
			l, s, _ := openState(t, dir)
			require.NoError(t, l.Close())
			assert.Equal(t, numberedRange(1, int(tc.record-1)), s.payloads)
		})
	}
}

func TestDamagedSnapshot(t *testing.T) {
	dir := t.TempDir()
	l, _, _ := openState(t, dir)
	appendWait(t, l, numberedRange(1, 4)...)
	lsn, err := l.Roll()
	require.NoError(t, err)
	info, err := l.Snapshot(lsn, snapshotOf(numberedRange(1, 4)))
	require.NoError(t, err)
	require.NoError(t, l.Close())
	b, err := os.ReadFile(info.Path)
	require.NoError(t, err)
	b[snapHeader+3] ^= 1
	require.NoError(t, os.WriteFile(info.Path, b, 0o600))

	_, _, err = OpenWith(dir, (&state{}).options())
	var de *DamageError
	require.ErrorAs(t, err, &de)
	assert.True(t, de.Snapshot)
	assert.Equal(t, uint64(4), de.Record)
	assert.Contains(t, err.Error(), "its checksum does not match")
	before := dirNames(t, dir)
	_, err = Salvage(dir)
	require.ErrorIs(t, err, ErrDamaged, "nothing provably good is left to keep")
	assert.Equal(t, before, dirNames(t, dir))
}

// TestSnapshotFileShapes: each way a snapshot file can be wrong is caught
// before its payload is trusted.
func TestSnapshotFileShapes(t *testing.T) {
	good := snapshotBytes(t, 7, `["x"]`)
	for _, tc := range []struct {
		name string
		file []byte
		lsn  uint64
		what string
	}{
		{"short", good[:20], 7, "shorter than"},
		{"no mark", append([]byte("XXXXXXXX"), good[8:]...), 7, "snapshot mark"},
		{"renamed", good, 8, "its name says 8"},
		{"payload flipped", flipped(good, snapHeader+1), 7, "checksum"},
		{"trailer length", flipped(good, len(good)-snapTrailer), 7, "payload bytes"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := checkSnapshot(bytesReaderAt(tc.file), int64(len(tc.file)), "s", tc.lsn, nil)
			var de *DamageError
			require.ErrorAs(t, err, &de)
			assert.Contains(t, de.What, tc.what)
		})
	}
	require.NoError(t, checkSnapshot(bytesReaderAt(good), int64(len(good)), "s", 7, nil))
}

func flipped(b []byte, i int) []byte {
	b = slices.Clone(b)
	b[i] ^= 1
	return b
}

// TestCloseWaitsForASnapshot: Close lets a snapshot in progress finish
// (its files are written under the dir's lock), and a closed log takes
// no snapshot and stops AutoCompact.
func TestCloseWaitsForASnapshot(t *testing.T) {
	dir := t.TempDir()
	l, _, _ := openState(t, dir)
	appendWait(t, l, "a")
	writing, release := make(chan struct{}), make(chan struct{})
	snapped := make(chan error, 1)
	go func() {
		_, err := l.Snapshot(1, func(w io.Writer) error {
			close(writing)
			<-release
			return snapshotOf([]string{"a"})(w)
		})
		snapped <- err
	}()
	<-writing
	closed := make(chan error, 1)
	go func() { closed <- l.Close() }()
	select {
	case <-closed:
		t.Fatal("Close returned while a snapshot was being written")
	case <-time.After(50 * time.Millisecond):
	}
	close(release)
	require.NoError(t, <-snapped)
	require.NoError(t, <-closed)

	_, err := l.Snapshot(1, snapshotOf(nil))
	assert.ErrorIs(t, err, ErrClosed)
	done := make(chan struct{})
	go func() {
		l.AutoCompact(context.Background(), Policy{Check: time.Millisecond}, nil, slog.New(slog.DiscardHandler))
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("AutoCompact did not stop on a closed log")
	}
	l, s, info := openState(t, dir)
	require.NoError(t, l.Close())
	assert.Equal(t, uint64(1), info.Snapshot)
	assert.Equal(t, []string{"a"}, s.payloads)
}

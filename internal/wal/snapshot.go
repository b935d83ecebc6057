package wal

import (
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"time"
)

// snapState is the newest snapshot.
type snapState struct {
	lsn   uint64    // the last record it covers; 0 for none
	bytes int64     // its file's size
	at    time.Time // when it was written, or the log opened
}

// SnapshotInfo is what Snapshot wrote and removed.
type SnapshotInfo struct {
	LSN          uint64 // the last record the snapshot covers
	Path         string
	Bytes        int64 // the snapshot file's size
	Removed      int   // segments removed because it covers them whole
	RemovedBytes int64 // their size
	Took         time.Duration
}

// Snapshot makes a snapshot of the state as of record lsn durable, then
// removes what it makes redundant: the previous snapshot and the segments
// it covers whole. write writes the state's payload, which OpenWith later
// hands to Options.Restore; it must be the state after exactly the records
// up to lsn (see Roll and Capture for how to take one).
//
// Every step keeps the dir openable with every acknowledged record: the
// records up to lsn are synced before anything is written (a snapshot never
// holds a change its caller may yet be told failed); the snapshot is
// written to a temp file, fsynced, renamed into place and the dir fsynced
// before anything is removed; an older snapshot or a covered segment left
// by a crash is removed by the next Open. One snapshot runs at a time, and
// Close waits for it; a log that is closed or failed takes none.
// An error after the snapshot is in place (a removal failed) is returned
// with the info filled in: the snapshot holds, and the next one removes
// what this one could not.
func (l *Log) Snapshot(lsn uint64, write func(io.Writer) error) (SnapshotInfo, error) {
	start := time.Now()
	l.snapshot.Lock()
	defer l.snapshot.Unlock()
	if err := l.snapshotAllowed(lsn); err != nil {
		return SnapshotInfo{}, err
	}
	if err := l.Wait(lsn); err != nil {
		return SnapshotInfo{}, fmt.Errorf("wal: snapshot of records 1 to %d: %w", lsn, err)
	}
	path, size, err := writeSnapshot(l.dir, lsn, write, l.hooks)
	if err != nil {
		return SnapshotInfo{}, err
	}
	info := SnapshotInfo{LSN: lsn, Path: path, Bytes: size}
	prev, covered := l.published(lsn, size)
	err = l.compact(prev, covered, &info)
	info.Took = time.Since(start)
	return info, err
}

// snapshotAllowed refuses a snapshot of a closed or failed log, or one
// that would cover nothing new or records not appended yet.
func (l *Log) snapshotAllowed(lsn uint64) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if err := l.usable(); err != nil {
		return err
	}
	switch {
	case lsn == 0:
		return errors.New("wal: a snapshot must cover at least one record")
	case lsn <= l.snap.lsn:
		return fmt.Errorf("wal: snapshot of records 1 to %d: the log has one up to %d already", lsn, l.snap.lsn)
	case lsn > l.last:
		return fmt.Errorf("wal: snapshot of records 1 to %d: only %d appended", lsn, l.last)
	}
	return nil
}

// published records the new snapshot and returns the previous one's LSN
// and the segments the new one covers whole: each but the last whose
// successor starts at or before lsn+1.
func (l *Log) published(lsn uint64, size int64) (uint64, []segment) {
	l.mu.Lock()
	defer l.mu.Unlock()
	prev := l.snap.lsn
	l.snap = snapState{lsn: lsn, bytes: size, at: time.Now()}
	n := 0
	for n < len(l.segs)-1 && l.segs[n+1].first <= lsn+1 {
		n++
	}
	return prev, append([]segment(nil), l.segs[:n]...)
}

// compact removes the previous snapshot and the covered segments, then
// fsyncs the dir. Only compaction removes segments, and from the front,
// so the covered ones are still the first of l.segs after.
func (l *Log) compact(prev uint64, covered []segment, info *SnapshotInfo) error {
	if prev > 0 {
		if err := removeAll([]string{filepath.Join(l.dir, snapshotName(prev))}); err != nil {
			return err
		}
		l.hooks.at(crashCompactSnapshot)
	}
	for _, s := range covered {
		if err := removeAll([]string{s.path}); err != nil {
			return err
		}
		l.hooks.at(crashCompactSegment)
		info.Removed++
		info.RemovedBytes += s.size
	}
	if err := syncDir(l.dir); err != nil {
		return err
	}
	l.hooks.at(crashCompactDone)
	l.mu.Lock()
	l.segs = append(l.segs[:0:0], l.segs[len(covered):]...)
	l.mu.Unlock()
	return nil
}

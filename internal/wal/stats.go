package wal

import (
	"os"
	"path/filepath"
	"time"
)

// Stats is the log as it stands now, for metrics: how much a restart
// would read, and how old the snapshot is. Info is the log as Open found
// it; Stats follows it as records are appended and snapshots taken.
type Stats struct {
	// Bytes is the durable size of the live segments: what a restart
	// replays after the snapshot. Compaction brings it down.
	Bytes    int64
	Segments int
	// Last is the LSN of the last record appended; Durable that of the
	// last one written and fsynced.
	Last, Durable uint64
	// SnapshotLSN is the last record the newest snapshot covers, 0 without
	// a snapshot; SnapshotBytes its file's size.
	SnapshotLSN   uint64
	SnapshotBytes int64
	// SnapshotTime is when the newest snapshot was written (its file's
	// modification time); zero without a snapshot.
	SnapshotTime time.Time
	// Err is the sticky failure that stopped the log, nil while healthy.
	Err error
}

// Stats returns the log's figures now. It takes the log's lock briefly
// and, with a snapshot, reads its file's modification time: call it when
// asked (a metrics scrape), not per record.
func (l *Log) Stats() Stats {
	l.mu.Lock()
	s := Stats{Segments: len(l.segs), Last: l.last, Durable: l.durable, SnapshotLSN: l.snap.lsn,
		SnapshotBytes: l.snap.bytes, Err: l.err}
	for _, seg := range l.segs {
		s.Bytes += seg.size
	}
	at := l.snap.at
	l.mu.Unlock()
	if s.SnapshotLSN > 0 {
		s.SnapshotTime = l.snapshotTime(s.SnapshotLSN, at)
	}
	return s
}

// snapshotTime is when the snapshot covering lsn was written: its file's
// modification time, which a snapshot restored at Open keeps from the run
// that wrote it. fallback (when the log took or restored it) serves when a
// newer snapshot has just removed the file.
func (l *Log) snapshotTime(lsn uint64, fallback time.Time) time.Time {
	fi, err := os.Stat(filepath.Join(l.dir, snapshotName(lsn)))
	if err != nil {
		return fallback
	}
	return fi.ModTime()
}

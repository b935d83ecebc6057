// Package wal is the write-ahead log behind --data-dir: every state change
// is appended here, and its answer is sent only once the record is on disk.
//
// A record is framed as a little-endian uint32 payload length, a
// little-endian uint32 CRC-32C (Castagnoli) of the payload, then the payload.
// Records are numbered by LSN from 1 in file order; the number is not stored
// because the order of the frames already defines it. The log is a chain of
// segment files, each named by the LSN of its first record (see names.go);
// Roll starts a new one.
//
// A snapshot holds the state as of an LSN, in a payload the caller writes
// and reads; once it is durable the segments it covers are removed, so a
// restart reads the snapshot and the records after it, however long the
// history (Snapshot, AutoCompact).
//
// Only a torn end, the unfinished last write of a crash, is dropped when
// the log is opened. Damage anywhere else makes Open fail with a
// *DamageError rather than drop acknowledged records; Salvage sets the
// damaged files aside and keeps the records before the damage.
//
// Writers share fsyncs (group commit): Append only queues a frame, and one
// flusher goroutine writes and fsyncs everything queued since its last
// round in one write and one fsync, so N concurrent writers cost far fewer
// than N fsyncs. The first I/O failure is final (sticky): nothing is written
// after it, so the file never holds a record whose caller was told it failed
// followed by records that succeeded.
package wal

import (
	"errors"
	"io"
	"os"
	"sync"
)

// MaxRecord is the largest payload a record may carry. A frame claiming more
// is treated as corrupt, which stops a damaged length from making recovery
// allocate gigabytes.
const MaxRecord = 16 << 20

// ErrClosed is returned by Append after Close.
var ErrClosed = errors.New("wal: log is closed")

// ErrTooLarge is returned by Append for a payload over MaxRecord.
var ErrTooLarge = errors.New("wal: record too large")

// ErrEmpty is returned by Append for an empty payload. Empty records are
// refused because a run of zero bytes, which a crash can leave at the end of
// a file, would otherwise read back as valid empty frames (length 0 and
// CRC-32C 0).
var ErrEmpty = errors.New("wal: empty record")

// Info describes the log as Open found it.
type Info struct {
	Path      string // the segment new records go to
	Snapshot  uint64 // LSN the restored snapshot covers; 0 without one
	Records   uint64 // records after the snapshot, replayed
	Last      uint64 // LSN of the last record; the next Append gets Last+1
	Segments  int    // segment files the log is made of
	Bytes     int64  // their size after recovery
	Truncated int64  // bytes of a torn end dropped
	Torn      string // what the torn end was, when Truncated > 0
}

// Options are what Open does with the records it finds.
type Options struct {
	// Restore is called first, with the payload of the newest snapshot, if
	// there is one; r reads exactly the payload Snapshot's write wrote, and
	// is checked against its checksum once Restore returns. A log with a
	// snapshot cannot be opened without Restore.
	Restore func(lsn uint64, r io.Reader) error
	// Replay is called for each record after the snapshot, in LSN order;
	// the payload slice may be reused after it returns. Nil skips them.
	Replay func(lsn uint64, payload []byte) error
}

// Log is an open write-ahead log. Its methods are safe for concurrent use.
type Log struct {
	dir   string
	lock  *os.File // holds the flock on LockName
	hooks hooks
	f     file // the last segment; only the flusher uses it once started

	mu       sync.Mutex
	work     *sync.Cond // the flusher waits here for frames, a roll or Close
	synced   *sync.Cond // Wait and Roll wait here for the flusher, or err
	path     string     // the last segment's path
	segs     []segment  // the live segments, oldest first; sizes are durable bytes
	pending  []byte     // frames queued since the flusher's last swap
	spare    []byte     // the flusher's previous batch, reused to save allocations
	last     uint64     // LSN of the last queued record
	durable  uint64     // highest LSN written and fsynced
	offset   int64      // size of the last segment, covering exactly the durable records
	err      error      // sticky failure; nil while healthy
	closed   bool
	rolls    rollState
	snap     snapState
	snapshot sync.Mutex // one snapshot at a time

	done      chan struct{} // closed when the flusher has returned
	closeOnce sync.Once
	closeErr  error
}

// Path returns the path of the segment new records go to.
func (l *Log) Path() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.path
}

// Err returns the sticky error: nil while the log is healthy.
func (l *Log) Err() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.err
}

// Package wal is the write-ahead log behind --data-dir: every state change
// is appended here, and its answer is sent only once the record is on disk.
//
// A record is framed as a little-endian uint32 payload length, a
// little-endian uint32 CRC-32C (Castagnoli) of the payload, then the payload.
// Records are numbered by LSN from 1 in file order; the number is not stored
// because the order of the frames already defines it.
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
	"sync"
)

// MaxRecord is the largest payload a record may carry. A frame claiming more
// is treated as corrupt, which stops a damaged length from making recovery
// allocate gigabytes.
const MaxRecord = 16 << 20

// FileName is the name of the log file inside the data directory.
const FileName = "tsymock.wal"

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
	Path      string
	Records   uint64 // records replayed
	Bytes     int64  // size of the log after recovery
	Truncated int64  // bytes of a torn tail dropped
}

// Log is an open write-ahead log. Its methods are safe for concurrent use.
type Log struct {
	path string
	f    file

	mu      sync.Mutex
	work    *sync.Cond // the flusher waits here for frames or Close
	synced  *sync.Cond // Wait waits here for durable to move or err to be set
	pending []byte     // frames queued since the flusher's last swap
	spare   []byte     // the flusher's previous batch, reused to save allocations
	last    uint64     // LSN of the last queued record
	durable uint64     // highest LSN written and fsynced
	offset  int64      // file size covering exactly the durable records
	err     error      // sticky failure; nil while healthy
	closed  bool

	done      chan struct{} // closed when the flusher has returned
	closeOnce sync.Once
	closeErr  error
}

// Path returns the log file's path.
func (l *Log) Path() string { return l.path }

// Err returns the sticky error: nil while the log is healthy.
func (l *Log) Err() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.err
}

package wal

import (
	"fmt"
)

// Append queues a record and returns its LSN without waiting for I/O; call
// Wait with the LSN before acknowledging the change. It fails with the
// sticky error once the log has failed, with ErrClosed once it is closed,
// and with ErrEmpty or ErrTooLarge (without failing the log) for a payload
// it cannot frame. Safe for concurrent use; LSNs are assigned in call order.
func (l *Log) Append(payload []byte) (uint64, error) {
	if err := checkPayload(len(payload)); err != nil {
		return 0, err
	}
	// The CRC is computed before taking the lock so that writers only
	// serialise on the copy.
	h := frameHeader(payload)
	l.mu.Lock()
	defer l.mu.Unlock()
	if err := l.usable(); err != nil {
		return 0, err
	}
	l.pending = append(append(l.pending, h[:]...), payload...)
	l.last++
	l.work.Signal()
	return l.last, nil
}

// usable is why the log takes no more work (the sticky error, or
// ErrClosed), nil while it does. Call it with mu held.
func (l *Log) usable() error {
	if l.err != nil {
		return l.err
	}
	if l.closed {
		return ErrClosed
	}
	return nil
}

func checkPayload(n int) error {
	switch {
	case n == 0:
		return ErrEmpty
	case n > MaxRecord:
		return fmt.Errorf("%w: %d bytes, the limit is %d", ErrTooLarge, n, MaxRecord)
	}
	return nil
}

// Wait blocks until the record lsn is written and fsynced (nil) or the log
// has failed (the sticky error). Records replayed by Open are durable
// already. Waiting for an LSN that Append has not handed out is an error
// rather than a hang.
func (l *Log) Wait(lsn uint64) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if lsn > l.last {
		return fmt.Errorf("wal: wait for LSN %d: only %d appended", lsn, l.last)
	}
	for l.durable < lsn && l.err == nil {
		l.synced.Wait()
	}
	if l.durable >= lsn {
		return nil
	}
	return l.err
}

// Close writes and fsyncs what is queued, closes the file and unlocks the
// dir. It returns the sticky error if the log has failed, because then some
// queued records were not written. Idempotent: later calls return the same
// result.
func (l *Log) Close() error {
	l.closeOnce.Do(func() { l.closeErr = l.close() })
	return l.closeErr
}

func (l *Log) close() error {
	// A snapshot in progress finishes first: its files are written under
	// the dir's lock, which closing releases.
	l.snapshot.Lock()
	defer l.snapshot.Unlock()
	l.mu.Lock()
	l.closed = true
	l.work.Signal()
	l.mu.Unlock()
	<-l.done // the flusher drains the queue before it returns
	err := l.Err()
	if cerr := l.f.Close(); cerr != nil && err == nil {
		err = fmt.Errorf("wal: close %s: %w", l.path, cerr)
	}
	if l.lock != nil {
		_ = l.lock.Close() // releases the flock; nothing was written to it
	}
	return err
}

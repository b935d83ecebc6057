package wal

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
)

// file is what the flusher needs from the log file. *os.File implements
// it; tests put a faulty one in its place to fail writes and fsyncs.
type file interface {
	Write(p []byte) (int, error)
	Sync() error
	Truncate(size int64) error
	Close() error
}

// maxSpare caps the batch buffer kept for reuse, so that one burst of large
// records does not pin its memory for the life of the server.
const maxSpare = 1 << 20

// flushLoop is the one goroutine that writes: each round takes everything
// queued, writes it with one write and makes it durable with one fsync.
// Records queued while an fsync runs form the next batch, which is how
// concurrent writers come to share fsyncs. A roll asked for is done after
// the batch, so the segment it ends holds every record appended before.
func (l *Log) flushLoop() {
	defer close(l.done)
	for {
		w, ok := l.nextWork()
		if !ok {
			return
		}
		if len(w.batch) > 0 {
			if err := l.commit(w.batch); err != nil {
				l.fail(err)
				return
			}
			l.markDurable(w.batch, w.last)
		}
		if w.roll > 0 && !l.doRoll(w.roll) {
			return
		}
	}
}

// work is one round of the flusher.
type work struct {
	batch []byte
	last  uint64 // LSN of the batch's last record
	roll  uint64 // the roll request to serve after it; 0 for none
}

// nextWork waits for queued frames or a roll and takes them; ok is false
// when the log is closed with nothing left to do, or has failed.
func (l *Log) nextWork() (w work, ok bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for len(l.pending) == 0 && l.rolls.asked == l.rolls.done && !l.closed && l.err == nil {
		l.work.Wait()
	}
	if l.err != nil || (len(l.pending) == 0 && l.rolls.asked == l.rolls.done) {
		return work{}, false
	}
	if l.rolls.asked > l.rolls.done {
		w.roll = l.rolls.asked
	}
	if len(l.pending) > 0 {
		w.batch, w.last = l.pending, l.last
		l.pending, l.spare = l.spare[:0], nil
	}
	return w, true
}

func (l *Log) commit(batch []byte) error {
	n, err := l.f.Write(batch)
	if err == nil && n < len(batch) {
		err = io.ErrShortWrite
	}
	if err != nil {
		return l.ioErr("write", err)
	}
	if err := l.f.Sync(); err != nil {
		return l.ioErr("fsync", err)
	}
	return nil
}

// ioErr names the operation and the file once: an *fs.PathError already
// carries both, in words ("write /d/tsymock.wal") that would repeat.
func (l *Log) ioErr(op string, err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return fmt.Errorf("wal: %s %s: %w", op, l.path, err)
}

func (l *Log) markDurable(batch []byte, last uint64) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.durable = last
	l.offset += int64(len(batch))
	l.segs[len(l.segs)-1].size = l.offset
	if cap(batch) <= maxSpare {
		l.spare = batch[:0]
	}
	l.synced.Broadcast()
}

// fail makes err sticky and wakes every waiter with it. Before that it cuts
// the file back to the last durable record, best effort: a failed write or
// fsync may still have put part or all of the batch on disk, and those
// records' callers are about to be told they failed, so replaying them
// after a restart would resurrect changes the clients saw rejected. The
// cut comes before the wake-up so that no error reaches a client while the
// bytes it disowns are still in the file.
func (l *Log) fail(err error) {
	l.mu.Lock()
	offset := l.offset
	l.mu.Unlock()
	if l.f.Truncate(offset) == nil {
		_ = l.f.Sync() // nothing more can be done if this fails too
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	l.err = err
	l.pending = nil
	l.synced.Broadcast()
}

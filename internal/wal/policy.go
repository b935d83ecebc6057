package wal

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"time"
)

// Defaults of Policy.
const (
	// DefaultSnapshotBytes keeps a restart's replay to about this much log:
	// replaying 8 MiB of tsymock's ops took 0.3 s on a loaded 2-core
	// machine (cmd/tsymock TestStartFlatAsHistoryGrows), and a snapshot of
	// a small state costs milliseconds.
	DefaultSnapshotBytes = 8 << 20
	// DefaultSnapshotInterval bounds how old the snapshot gets while
	// changes trickle in.
	DefaultSnapshotInterval = time.Hour
	// DefaultSnapshotCheck is how often AutoCompact asks whether one is due.
	DefaultSnapshotCheck = 10 * time.Second
)

// Policy says when AutoCompact takes a snapshot. Zero fields get the
// defaults; a negative Bytes or Interval switches that trigger off.
type Policy struct {
	// Bytes makes a snapshot due once the segments a restart would read
	// hold this many bytes, and at least as many as the last snapshot: so
	// a large state is not rewritten for a little log, and the work of
	// compaction stays in proportion to the log written.
	Bytes int64
	// Interval makes a snapshot due this long after the last one (or the
	// start) if anything was logged since.
	Interval time.Duration
	// Check is how often AutoCompact looks.
	Check time.Duration
}

func (p Policy) withDefaults() Policy {
	if p.Bytes == 0 {
		p.Bytes = DefaultSnapshotBytes
	}
	if p.Interval == 0 {
		p.Interval = DefaultSnapshotInterval
	}
	if p.Check <= 0 {
		p.Check = DefaultSnapshotCheck
	}
	return p
}

// Due reports whether p makes a snapshot due at now.
func (l *Log) Due(p Policy, now time.Time) bool {
	p = p.withDefaults()
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.last <= l.snap.lsn {
		return false // nothing logged since the last snapshot
	}
	var logged int64
	for _, s := range l.segs {
		logged += s.size
	}
	bySize := p.Bytes > 0 && logged >= max(p.Bytes, l.snap.bytes)
	byTime := p.Interval > 0 && now.Sub(l.snap.at) >= p.Interval
	return bySize || byTime
}

// Capture is what the owner of the state gives Compact. With every writer
// held off, so that the state and the log agree, it calls Roll and returns
// the LSN Roll gave with a function that writes the state as of that LSN.
// Writers may go on once Capture returns and write runs after, so write
// must write the state as it was: a copy, or a view the writers do not
// change.
type Capture func() (lsn uint64, write func(io.Writer) error, err error)

// Compact takes a snapshot now: capture, then Snapshot.
func (l *Log) Compact(capture Capture) (SnapshotInfo, error) {
	lsn, write, err := capture()
	if err != nil {
		return SnapshotInfo{}, err
	}
	return l.Snapshot(lsn, write)
}

// AutoCompact runs Compact whenever p says a snapshot is due, looking every
// p.Check, until ctx is done or the log is closed or fails. A failed
// snapshot is logged and tried again at the next look that finds one due.
// Run it in its own goroutine; Close waits for a snapshot in progress.
func (l *Log) AutoCompact(ctx context.Context, p Policy, capture Capture, logger *slog.Logger) {
	p = p.withDefaults()
	tick := time.NewTicker(p.Check)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case now := <-tick.C:
			if err := l.stopped(); errors.Is(err, ErrClosed) {
				return
			} else if err != nil {
				logger.Error("wal: no more snapshots: the log has failed", "err", err)
				return
			}
			if l.Due(p, now) {
				l.autoCompact(capture, logger)
			}
		}
	}
}

func (l *Log) autoCompact(capture Capture, logger *slog.Logger) {
	info, err := l.Compact(capture)
	if err != nil {
		logger.Error("wal: snapshot failed; the log keeps every record and the next one tries again", "err", err)
		return
	}
	logger.Info("wal: snapshot written, log compacted", "lsn", info.LSN, "path", info.Path, "bytes", info.Bytes,
		"segmentsRemoved", info.Removed, "bytesRemoved", info.RemovedBytes,
		"took", info.Took.Round(time.Millisecond).String())
}

// stopped is usable for callers outside the lock.
func (l *Log) stopped() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.usable()
}

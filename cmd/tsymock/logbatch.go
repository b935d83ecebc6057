package main

import (
	"context"
	"io"
	"log/slog"
	"sync"
	"time"
)

// logBatchInterval is the longest an info line waits in a logBatch. A
// person at a terminal does not see 50 ms; a server answering 20,000 calls
// a second makes one write of them every 50 ms instead of 20,000 (the write
// per call line was a quarter of a canned answer's cost, docs/performance.md).
const logBatchInterval = 50 * time.Millisecond

// logBatchMax is the most a logBatch holds before it writes at once.
const logBatchMax = 64 << 10

// logBatch collects the log's lines and writes them to w together: at
// most logBatchInterval after the first one waiting, at once past
// logBatchMax, and whenever Flush is called (after a warning or an error,
// before the banner, at exit). A slog handler writes each record in one
// Write, so lines are never split.
type logBatch struct {
	mu      sync.Mutex
	w       io.Writer
	buf     []byte
	pending bool // a flush is scheduled
}

func newLogBatch(w io.Writer) *logBatch { return &logBatch{w: w} }

// Write keeps p for the next flush. It never fails: a log that cannot be
// written has nowhere to say so.
func (b *logBatch) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.buf = append(b.buf, p...)
	switch {
	case len(b.buf) >= logBatchMax:
		b.flushLocked()
	case !b.pending:
		b.pending = true
		time.AfterFunc(logBatchInterval, b.Flush)
	}
	return len(p), nil
}

// Flush writes what waits.
func (b *logBatch) Flush() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.flushLocked()
}

func (b *logBatch) flushLocked() {
	b.pending = false
	if len(b.buf) == 0 {
		return
	}
	_, _ = b.w.Write(b.buf)
	if cap(b.buf) > logBatchMax*2 {
		b.buf = nil // a burst's buffer is not kept for ever
		return
	}
	b.buf = b.buf[:0]
}

// flushingHandler flushes the batch after every record of level warn or
// above: what goes wrong is seen at once, and is not lost to a kill that
// follows.
type flushingHandler struct {
	slog.Handler
	batch *logBatch
}

func (h flushingHandler) Handle(ctx context.Context, r slog.Record) error {
	err := h.Handler.Handle(ctx, r)
	if r.Level >= slog.LevelWarn {
		h.batch.Flush()
	}
	return err
}

func (h flushingHandler) WithAttrs(attrs []slog.Attr) slog.Handler {
	return flushingHandler{h.Handler.WithAttrs(attrs), h.batch}
}

func (h flushingHandler) WithGroup(name string) slog.Handler {
	return flushingHandler{h.Handler.WithGroup(name), h.batch}
}

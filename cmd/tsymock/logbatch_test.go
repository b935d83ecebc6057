package main

import (
	"bytes"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// countingWriter counts the writes it takes.
type countingWriter struct {
	mu     sync.Mutex
	buf    bytes.Buffer
	writes int
}

func (w *countingWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.writes++
	return w.buf.Write(p)
}

func (w *countingWriter) state() (string, int) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.buf.String(), w.writes
}

func TestLogBatch(t *testing.T) {
	tests := []struct {
		name       string
		log        func(*slog.Logger)
		wantAtOnce bool // written before logBatchInterval
		wantWrites int
	}{
		{"info lines wait and go together", func(l *slog.Logger) {
			for range 100 {
				l.Info("soa OK", "call", "MemberService.createMember")
			}
		}, false, 1},
		{"a warning flushes what waits with it", func(l *slog.Logger) {
			l.Info("soa OK")
			l.Warn("soa error", "errorCode", "30000")
		}, true, 1},
		{"past logBatchMax it writes at once", func(l *slog.Logger) {
			for range 2 {
				l.Info("big", "text", strings.Repeat("x", logBatchMax/2))
			}
		}, true, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := &countingWriter{}
			b := newLogBatch(w)
			l, err := newLogger(b, "text", "info")
			require.NoError(t, err)
			start := time.Now()
			tt.log(l)
			_, writes := w.state()
			switch {
			case tt.wantAtOnce:
				assert.Equal(t, tt.wantWrites, writes)
			case time.Since(start) < logBatchInterval/2: // else a loaded machine let the timer fire
				assert.Zero(t, writes, "nothing written before the interval")
			}
			require.Eventually(t, func() bool { _, n := w.state(); return n >= tt.wantWrites }, time.Second, 5*time.Millisecond)
			b.Flush()
			text, _ := w.state()
			for line := range strings.Lines(text) {
				assert.True(t, strings.HasPrefix(line, "time="), "whole lines: %q", line[:min(len(line), 40)])
			}
		})
	}
}

func TestLogBatchFlushAtExit(t *testing.T) {
	w := &countingWriter{}
	b := newLogBatch(w)
	l, err := newLogger(b, "json", "info")
	require.NoError(t, err)
	l.With("sysid", "100000000002").WithGroup("g").Info("shutting down")
	b.Flush()
	text, writes := w.state()
	assert.Equal(t, 1, writes)
	assert.Contains(t, text, `"msg":"shutting down","sysid":"100000000002"`)
}

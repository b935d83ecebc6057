package store

import (
	"fmt"
	"log/slog"
	"time"

	"github.com/tsymock/tsymock/internal/apps"
	"github.com/tsymock/tsymock/internal/emulator"
	"github.com/tsymock/tsymock/internal/wal"
)

// Replayer is what a replay rebuilds: the emulator's state, and the
// applications registered at run time.
type Replayer struct {
	Emulator *emulator.Emulator
	// RegisterApp makes an application known again, as it came.
	RegisterApp func(a apps.App, origin string) error
	Log         *slog.Logger
}

// Open opens the data dir and rebuilds the state: the newest snapshot
// (the applications registered at run time, the emulator's state, the
// notifications taken and not finished), then every record after it in
// the order it was answered: changes, applications, and which
// notifications were finished, so that only the pending ones are sent
// again. mock.New calls it after registering the configured applications.
func (st *Store) Open(dir string, s Replayer) error {
	start := time.Now()
	st.emu, st.logger = s.Emulator, s.Log
	stats := replayStats{finished: map[string]bool{}}
	l, info, err := wal.OpenWith(dir, wal.Options{Restore: st.restore(s),
		Replay: func(lsn uint64, payload []byte) error { return st.replayRecord(s, lsn, payload, &stats) }})
	if err != nil {
		return fmt.Errorf("store: data dir %s: %w", dir, err)
	}
	st.log = l
	s.Emulator.Forget(func(key string) bool { return stats.finished[key] })
	st.kept.forget(stats.finished)
	s.Log.Info("state kept in data dir", "path", info.Path, "snapshot", info.Snapshot, "records", info.Records,
		"segments", info.Segments, "bytes", info.Bytes, "calls", stats.ops, "apps", stats.apps,
		"notificationsFinished", stats.done, "tornTailDropped", info.Truncated,
		"took", time.Since(start).Round(time.Millisecond).String())
	if info.Truncated > 0 {
		s.Log.Warn("data dir: dropped the torn end of the log, a change that was never answered OK",
			"path", info.Path, "bytes", info.Truncated, "what", info.Torn)
	}
	if stats.diverged > 0 {
		s.Log.Error("data dir: replayed calls came out differently; the state may differ from what was answered",
			"diverged", stats.diverged, "path", info.Path)
	}
	return nil
}

// replayRecord applies one record of the log. A record that passed its
// checksum but cannot be read stops the start: it was written by another
// version, or the file was edited.
func (st *Store) replayRecord(s Replayer, lsn uint64, payload []byte, stats *replayStats) error {
	r, err := decodeRecord(payload)
	if err != nil {
		return fmt.Errorf("record %d: %w", lsn, err)
	}
	switch {
	case r.Op != nil:
		stats.ops++
		if err := s.Emulator.Replay(*r.Op, lsn); err != nil {
			stats.diverged++
			s.Log.Error("data dir: a replayed call came out differently", "lsn", lsn, "err", err)
		}
	case r.App != nil:
		if err := st.registerKept(s, *r.App); err != nil {
			return fmt.Errorf("record %d: %w", lsn, err)
		}
		stats.apps++
	case r.Done != "":
		stats.finished[r.Done] = true
		stats.done++
	default:
		return fmt.Errorf("record %d: empty", lsn)
	}
	return nil
}

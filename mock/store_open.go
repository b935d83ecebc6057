package mock

import (
	"fmt"
	"time"

	"github.com/tsymock/tsymock/internal/wal"
)

// openStore opens the data dir and replays it: the applications registered
// at run time, every change in the order it was answered, and which
// notifications were finished, so that only the pending ones are sent
// again. New calls it after registering the configured applications.
func (s *Server) openStore() error {
	start := time.Now()
	st := replayStats{finished: map[string]bool{}}
	l, info, err := wal.Open(s.cfg.DataDir, func(lsn uint64, payload []byte) error {
		return s.replayRecord(lsn, payload, &st)
	})
	if err != nil {
		return fmt.Errorf("mock: data dir %s: %w", s.cfg.DataDir, err)
	}
	s.store.log = l
	s.emu.Forget(func(key string) bool { return st.finished[key] })
	s.log.Info("state kept in data dir", "path", info.Path, "records", info.Records, "bytes", info.Bytes,
		"calls", st.ops, "apps", st.apps, "notificationsFinished", st.done,
		"tornTailDropped", info.Truncated, "took", time.Since(start).Round(time.Millisecond).String())
	if info.Truncated > 0 {
		s.log.Warn("data dir: dropped the torn end of the log, a change that was never answered OK",
			"path", info.Path, "bytes", info.Truncated)
	}
	if st.diverged > 0 {
		s.log.Error("data dir: replayed calls came out differently; the state may differ from what was answered",
			"diverged", st.diverged, "path", info.Path)
	}
	return nil
}

// replayRecord applies one record of the log. A record that passed its
// checksum but cannot be read stops the start: it was written by another
// version, or the file was edited.
func (s *Server) replayRecord(lsn uint64, payload []byte, st *replayStats) error {
	r, err := decodeRecord(payload)
	if err != nil {
		return fmt.Errorf("record %d: %w", lsn, err)
	}
	switch {
	case r.Op != nil:
		st.ops++
		if err := s.emu.Replay(*r.Op, lsn); err != nil {
			st.diverged++
			s.log.Error("data dir: a replayed call came out differently", "lsn", lsn, "err", err)
		}
	case r.App != nil:
		a, err := r.App.app()
		if err != nil {
			return fmt.Errorf("record %d: %w", lsn, err)
		}
		if _, err := s.registerApp(a.internal(), r.App.Origin); err != nil {
			return fmt.Errorf("record %d: %w", lsn, err)
		}
		st.apps++
	case r.Done != "":
		st.finished[r.Done] = true
		st.done++
	default:
		return fmt.Errorf("record %d: empty", lsn)
	}
	return nil
}

package mock

import (
	"time"

	"github.com/tsymock/tsymock/internal/apps"
	"github.com/tsymock/tsymock/internal/emulator"
	"github.com/tsymock/tsymock/internal/store"
	"github.com/tsymock/tsymock/internal/wal"
)

// Defaults of SnapshotConfig: a snapshot once the log a restart would
// replay holds 8 MiB (and at least the size of the last snapshot), or an
// hour after the last one if anything changed; looked at every 10 s.
const (
	DefaultSnapshotBytes = wal.DefaultSnapshotBytes
	DefaultSnapshotEvery = wal.DefaultSnapshotInterval
	DefaultSnapshotCheck = wal.DefaultSnapshotCheck
)

// SnapshotConfig says when a server with a DataDir snapshots its state and
// cuts its log behind the snapshot, so that the data dir stays in
// proportion to the state, and a restart reads the snapshot and the
// changes after it rather than the whole history. Zero values get the
// defaults; a negative Bytes or Every switches that trigger off, and both
// off takes no snapshots (a snapshot already in the data dir is still
// read). docs/reliability.md has how and the tests.
type SnapshotConfig struct {
	// Bytes makes a snapshot due once the log a restart would replay holds
	// this many bytes and at least as many as the last snapshot (default
	// DefaultSnapshotBytes): the work of snapshots stays in proportion to
	// the changes logged.
	Bytes int64
	// Every makes a snapshot due this long after the last one (or the
	// start) when anything changed since (default DefaultSnapshotEvery).
	Every time.Duration
	// Check is how often the server looks whether one is due (default
	// DefaultSnapshotCheck, or a quarter of Every when that is shorter).
	Check time.Duration
}

// off reports whether the configuration takes no snapshots.
func (c SnapshotConfig) off() bool { return c.Bytes < 0 && c.Every < 0 }

// policy is the log's policy for c.
func (c SnapshotConfig) policy() wal.Policy {
	p := wal.Policy{Bytes: c.Bytes, Interval: c.Every, Check: c.Check}
	if p.Check <= 0 {
		p.Check = DefaultSnapshotCheck
		if c.Every > 0 {
			p.Check = max(min(p.Check, c.Every/4), time.Millisecond)
		}
	}
	return p
}

// keptEvents is the notifier's event source with a data dir: the
// emulator (which answers back-fills), whose notifications are taken
// through the store, so that the ones the notifier holds are in its
// snapshots.
type keptEvents struct {
	*emulator.Emulator
	store *store.Store
}

// TakeEvents takes the notifications through the store.
func (k keptEvents) TakeEvents() []emulator.Event { return k.store.TakeEvents() }

// openStore opens the data dir and rebuilds the state, after the
// configured applications are registered, then starts the snapshots.
func (s *Server) openStore() error {
	err := s.store.Open(s.cfg.DataDir, store.Replayer{Emulator: s.emu, Log: s.log,
		RegisterApp: func(a apps.App, origin string) error {
			_, err := s.registerApp(a, origin)
			return err
		}})
	if err != nil {
		return err
	}
	if !s.cfg.Snapshots.off() {
		s.store.StartCompaction(s.cfg.Snapshots.policy(), s.log)
	}
	return nil
}

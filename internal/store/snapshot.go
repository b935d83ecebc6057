package store

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"

	"github.com/tsymock/tsymock/internal/emulator"
	"github.com/tsymock/tsymock/internal/wal"
)

// The store's snapshot payload is one line of its own, a snapshotHeader,
// then the emulator's snapshot as emulator.Snapshot.Encode writes it.
const (
	snapshotFormat  = "tsymock-data-dir"
	snapshotVersion = 1
)

// snapshotHeader is what a snapshot holds of the store's own besides the
// emulator's state: what the log's records of applications and finished
// notifications made, which compaction removes with them.
type snapshotHeader struct {
	Format  string `json:"format"`
	Version int    `json:"version"`
	// Apps are the applications registered at run time, by sysid.
	Apps []appRecord `json:"apps"`
	// Pending are the notifications the notifier had taken and not
	// finished, in the order taken; the ones not yet taken are in the
	// emulator's state.
	Pending []pendingEvent `json:"pending"`
}

// pendingEvent is a notification taken and not finished.
type pendingEvent struct {
	SysID string `json:"sysid"`
	emulator.EventState
}

func newHeader(list []appRecord, pending []emulator.Event) snapshotHeader {
	h := snapshotHeader{Format: snapshotFormat, Version: snapshotVersion, Apps: list,
		Pending: make([]pendingEvent, len(pending))}
	for i, ev := range pending {
		h.Pending[i] = pendingEvent{SysID: ev.SysID, EventState: emulator.StateOfEvent(ev)}
	}
	return h
}

// capture is the store's wal.Capture. After the emulator has made room
// for its copy, it holds off the store's own records and notification
// takes (Before), then, with the emulator frozen too, rolls the log and
// copies what the store keeps, and lets them go on: the snapshot and the
// log then agree on every record up to the roll. The encoding comes
// after, with nothing held.
func (st *Store) capture() (uint64, func(io.Writer) error, error) {
	var lsn uint64
	var head snapshotHeader
	snap, err := st.emu.CaptureWith(emulator.CaptureOptions{
		Before: st.hold.Lock,
		Inside: func() error {
			defer st.hold.Unlock()
			var err error
			if lsn, err = st.log.Roll(); err != nil {
				return err
			}
			head = newHeader(st.kept.state())
			return nil
		},
	})
	if err != nil {
		return 0, nil, fmt.Errorf("store: snapshot: %w", err)
	}
	stats := snap.Stats()
	st.logger.Debug("store: state captured for a snapshot", "lsn", lsn, "apps", stats.Apps,
		"members", stats.Members, "orders", stats.Orders, "pendingNotifications", len(head.Pending)+stats.Events,
		"frozen", stats.Frozen.String(), "held", stats.Held.String())
	return lsn, func(w io.Writer) error { return writeSnapshot(w, head, snap) }, nil
}

// writeSnapshot writes the payload: the header line, then the emulator's.
func writeSnapshot(w io.Writer, head snapshotHeader, snap *emulator.Snapshot) error {
	b, err := json.Marshal(head)
	if err != nil {
		return fmt.Errorf("store: encode snapshot header: %w", err)
	}
	if _, err := w.Write(append(b, '\n')); err != nil {
		return fmt.Errorf("store: write snapshot header: %w", err)
	}
	return snap.Encode(w)
}

// restore is the wal's Options.Restore: it registers the applications
// of the snapshot, restores the emulator, and holds the notifications the
// notifier had taken for its first take.
func (st *Store) restore(s Replayer) func(uint64, io.Reader) error {
	return func(lsn uint64, r io.Reader) error {
		br := bufio.NewReaderSize(r, 64<<10)
		head, err := readHeader(br)
		if err != nil {
			return fmt.Errorf("store: snapshot of records 1 to %d: %w", lsn, err)
		}
		for _, rec := range head.Apps {
			if err := st.registerKept(s, rec); err != nil {
				return fmt.Errorf("store: snapshot of records 1 to %d: %w", lsn, err)
			}
		}
		if err := s.Emulator.Restore(br); err != nil {
			return fmt.Errorf("store: snapshot of records 1 to %d: %w", lsn, err)
		}
		evs := make([]emulator.Event, len(head.Pending))
		for i := range head.Pending {
			evs[i] = head.Pending[i].Event(head.Pending[i].SysID)
		}
		st.kept.restore(evs)
		return nil
	}
}

// readHeader reads the store's line of a snapshot.
func readHeader(br *bufio.Reader) (snapshotHeader, error) {
	var h snapshotHeader
	line, err := br.ReadBytes('\n')
	if err != nil {
		return h, fmt.Errorf("its first line: %w", err)
	}
	dec := json.NewDecoder(bytes.NewReader(line))
	dec.UseNumber() // the pending notifications' numbers, as the emulator reads them
	dec.DisallowUnknownFields()
	if err := dec.Decode(&h); err != nil {
		return h, fmt.Errorf("its first line: %w", err)
	}
	if h.Format != snapshotFormat || h.Version != snapshotVersion {
		return h, fmt.Errorf("it is %q version %d; this tsymock reads %q version %d",
			h.Format, h.Version, snapshotFormat, snapshotVersion)
	}
	for _, p := range h.Pending {
		if p.Key == "" || p.SysID == "" {
			return h, fmt.Errorf("a pending notification without its key or sysid (%q, %q)", p.Key, p.SysID)
		}
	}
	return h, nil
}

// registerKept registers an application the log or a snapshot kept.
func (st *Store) registerKept(s Replayer, rec appRecord) error {
	a, err := rec.app()
	if err != nil {
		return err
	}
	if err := s.RegisterApp(a, rec.Origin); err != nil {
		return err
	}
	st.kept.noteApp(rec)
	return nil
}

// Compact takes a snapshot now and cuts the log behind it. With nothing
// logged since the last snapshot it takes none, and returns that one's
// LSN. (Records only ever come after the check, so a snapshot taken is
// always of something new.)
func (st *Store) Compact() (wal.SnapshotInfo, error) {
	if s := st.log.Stats(); s.Last == s.SnapshotLSN {
		return wal.SnapshotInfo{LSN: s.SnapshotLSN, Bytes: s.SnapshotBytes}, nil
	}
	return st.log.Compact(st.capture)
}

// compaction is the loop that takes snapshots when they are due.
type compaction struct {
	cancel context.CancelFunc
	done   chan struct{}
}

// StartCompaction takes a snapshot whenever p says one is due, and cuts
// the log behind it (wal.Log.AutoCompact), until StopCompaction or Close.
// Call it once, after Open.
func (st *Store) StartCompaction(p wal.Policy, logger *slog.Logger) {
	ctx, cancel := context.WithCancel(context.Background())
	st.compaction = compaction{cancel: cancel, done: make(chan struct{})}
	go func() {
		defer close(st.compaction.done)
		st.log.AutoCompact(ctx, p, st.capture, logger)
	}()
}

// StopCompaction stops the snapshots and waits for one in progress to
// finish. It does nothing when none were started.
func (st *Store) StopCompaction() {
	if st.compaction.cancel == nil {
		return
	}
	st.compaction.cancel()
	<-st.compaction.done
}

package wal

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"time"
)

// Open opens the log in dir with replay and no snapshot restore: the form
// for a log that is never compacted. See OpenWith.
func Open(dir string, replay func(lsn uint64, payload []byte) error) (*Log, Info, error) {
	return OpenWith(dir, Options{Replay: replay})
}

// OpenWith opens the log in dir, creating dir (0700) and the first segment
// (0600) if needed. It takes an exclusive, non-blocking flock in dir: a
// second process on the same dir gets an error naming the dir (matching
// ErrInUse). It restores the newest snapshot (Options.Restore), then reads
// every record after it in order (Options.Replay; LSNs count from 1, and a
// replay or restore error stops Open and is returned wrapped).
//
// A torn end, the last write of a crash that never finished, is cut off:
// the bytes dropped are in Info.Truncated. That loses nothing, because a
// record is acknowledged only after the fsync that covers it. Any other
// damage (a bad checksum or length with valid records after it, a whole
// record that fails its checksum, a missing segment, a damaged snapshot)
// makes Open fail with a *DamageError (errors.Is ErrDamaged) naming the
// file, byte offset and record, and changes nothing: Salvage decides.
// Files a crash left half-done (a temp snapshot, segments or an older
// snapshot a finished snapshot replaced) are removed.
func OpenWith(dir string, o Options) (*Log, Info, error) {
	return openWith(dir, o, envHooks())
}

func openWith(dir string, o Options, h hooks) (*Log, Info, error) {
	lock, err := lockDir(dir)
	if err != nil {
		return nil, Info{}, err
	}
	l, info, err := openLocked(dir, o, h)
	if err != nil {
		lock.Close()
		return nil, Info{}, err
	}
	l.lock = lock
	return l, info, nil
}

// openLocked reads the log in dir, which the caller has locked.
func openLocked(dir string, o Options, h hooks) (*Log, Info, error) {
	lay, err := readLayout(dir)
	if err != nil {
		return nil, Info{}, err
	}
	snap, snapBytes, err := restore(dir, lay, o.Restore)
	if err != nil {
		return nil, Info{}, err
	}
	w, dmg, err := walk(lay, snap, o.Replay)
	if err == nil && dmg != nil {
		err = dmg.err
	}
	if err != nil {
		return nil, Info{}, err
	}
	f, err := openLast(dir, &w, h)
	if err != nil {
		return nil, Info{}, err
	}
	if err := cleanUp(dir, lay, w, h); err != nil {
		f.Close()
		return nil, Info{}, err
	}
	l := start(dir, h.file(f), w, snapState{lsn: snap, bytes: snapBytes, at: time.Now()}, h)
	return l, l.info(snap, w), nil
}

// restore checks the newest snapshot and hands it to fn; it returns the
// LSN it covers (0 without one) and its size.
func restore(dir string, lay layout, fn func(uint64, io.Reader) error) (uint64, int64, error) {
	if len(lay.snapshots) == 0 {
		return 0, 0, nil
	}
	lsn := lay.snapshots[len(lay.snapshots)-1]
	path := filepath.Join(dir, snapshotName(lsn))
	if fn == nil {
		return 0, 0, fmt.Errorf("wal: %s holds a snapshot, and this caller cannot restore one (Options.Restore)", path)
	}
	size, err := readSnapshot(path, lsn, fn)
	return lsn, size, err
}

// openLast opens the segment new records go to: the last one, cut back to
// its whole records if its end is torn, or a new one after the snapshot.
func openLast(dir string, w *walked, h hooks) (*os.File, error) {
	if len(w.live) == 0 {
		s, f, err := createSegment(dir, w.last+1, hooks{})
		if err != nil {
			if f != nil {
				f.Close()
			}
			return nil, err
		}
		w.live = []segment{s}
		return f, nil
	}
	s := w.live[len(w.live)-1]
	// O_APPEND keeps every write at the end of the file, also after the
	// truncations done here and by failure handling.
	f, err := os.OpenFile(s.path, os.O_RDWR|os.O_APPEND, 0)
	if err != nil {
		return nil, fmt.Errorf("wal: open: %w", err)
	}
	if w.torn > 0 {
		if err := cutTornEnd(f, s.size); err != nil {
			f.Close()
			return nil, err
		}
		h.at(crashOpenTruncated)
	}
	return f, nil
}

// createSegment creates the segment that starts at first and makes its
// entry in dir durable: fsyncing the file alone does not, and a crash
// could otherwise lose it with the records later written to it. When only
// the dir's fsync fails, it returns the file with the error: the file
// exists, and whether it will survive a crash is unknown.
func createSegment(dir string, first uint64, h hooks) (segment, *os.File, error) {
	s := segment{first: first, path: filepath.Join(dir, segmentName(first))}
	f, err := os.OpenFile(s.path, os.O_RDWR|os.O_APPEND|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return s, nil, fmt.Errorf("wal: create segment: %w", err)
	}
	h.at(crashRollCreated)
	return s, f, syncDir(dir)
}

// cutTornEnd drops a torn end and makes the cut durable before anything
// new is appended, so a later crash cannot bring the torn bytes back in
// front of new records.
func cutTornEnd(f *os.File, size int64) error {
	if err := f.Truncate(size); err != nil {
		return fmt.Errorf("wal: truncate torn tail: %w", err)
	}
	if err := f.Sync(); err != nil {
		return fmt.Errorf("wal: fsync after truncate: %w", err)
	}
	return nil
}

// cleanUp removes what a crash left behind: temp files, segments the
// snapshot covers whole, older snapshots.
func cleanUp(dir string, lay layout, w walked, h hooks) error {
	paths := lay.temps
	for _, s := range w.covered {
		paths = append(paths, s.path)
	}
	for _, lsn := range lay.snapshots[:max(len(lay.snapshots)-1, 0)] {
		paths = append(paths, filepath.Join(dir, snapshotName(lsn)))
	}
	if len(paths) == 0 {
		return nil
	}
	if err := removeAll(paths); err != nil {
		return err
	}
	if err := syncDir(dir); err != nil {
		return err
	}
	h.at(crashOpenCleaned)
	return nil
}

// removeAll removes each path; one already gone is no error.
func removeAll(paths []string) error {
	for _, p := range paths {
		if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("wal: remove: %w", err)
		}
	}
	return nil
}

// syncDir makes changes to dir's entries (a file created, renamed or
// removed) durable: fsyncing a file does not.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("wal: sync data dir: %w", err)
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return fmt.Errorf("wal: sync data dir: %w", err)
	}
	return nil
}

// start returns a running log positioned after the recovered records.
func start(dir string, f file, w walked, snap snapState, h hooks) *Log {
	last := w.live[len(w.live)-1]
	l := &Log{
		dir:     dir,
		hooks:   h,
		f:       f,
		path:    last.path,
		segs:    w.live,
		last:    w.last,
		durable: w.last,
		offset:  last.size,
		snap:    snap,
		done:    make(chan struct{}),
	}
	l.work = sync.NewCond(&l.mu)
	l.synced = sync.NewCond(&l.mu)
	go l.flushLoop()
	return l
}

// info describes the log just opened.
func (l *Log) info(snap uint64, w walked) Info {
	info := Info{Path: l.path, Snapshot: snap, Records: w.replayed, Last: w.last,
		Segments: len(l.segs), Truncated: w.torn, Torn: w.tornWhat}
	for _, s := range l.segs {
		info.Bytes += s.size
	}
	return info
}

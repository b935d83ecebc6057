package wal

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
)

// Open opens the log in dir, creating dir (0700) and the file dir/tsymock.wal
// (0600) if needed. It takes an exclusive, non-blocking flock on the file: a
// second process on the same dir gets an error naming the dir (matching
// ErrInUse). It reads every record in order and calls replay(lsn, payload)
// for each (LSN counts from 1; the payload slice may be reused after replay
// returns; replay may be nil). A torn or corrupt frame ends the log: the
// file is truncated there and the bytes dropped are reported in
// Info.Truncated. Only the tail can be torn, because a record is
// acknowledged only after the fsync that covers it; a frame damaged in the
// middle (bit rot) ends the log all the same and drops the records after
// it, so a non-zero Info.Truncated is worth logging. A replay error stops
// Open and is returned wrapped. After creating the file, the directory is
// fsynced so the file's entry is durable.
func Open(dir string, replay func(lsn uint64, payload []byte) error) (*Log, Info, error) {
	return openWith(dir, replay, nil)
}

// openWith is Open with a hook that lets tests put a faulty file between
// the flusher and the disk; wrap may be nil.
func openWith(dir string, replay func(uint64, []byte) error, wrap func(file) file) (*Log, Info, error) {
	f, err := openFile(dir)
	if err != nil {
		return nil, Info{}, err
	}
	info, err := recoverLog(f, replay)
	if err != nil {
		f.Close()
		return nil, Info{}, err
	}
	var w file = f
	if wrap != nil {
		w = wrap(f)
	}
	return start(w, info), info, nil
}

// openFile creates what is missing, opens the log and locks it.
func openFile(dir string) (*os.File, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("wal: create data dir: %w", err)
	}
	path := filepath.Join(dir, FileName)
	// O_APPEND keeps every write at the end of the file, also after the
	// truncations done by recovery and by failure handling.
	const flags = os.O_RDWR | os.O_APPEND
	f, err := os.OpenFile(path, flags|os.O_CREATE|os.O_EXCL, 0o600)
	created := err == nil
	if errors.Is(err, fs.ErrExist) {
		f, err = os.OpenFile(path, flags, 0o600)
	}
	if err != nil {
		return nil, fmt.Errorf("wal: open: %w", err)
	}
	if err := lock(f, dir); err != nil {
		f.Close()
		return nil, err
	}
	if created {
		if err := syncDir(dir); err != nil {
			f.Close()
			return nil, err
		}
	}
	return f, nil
}

// syncDir makes a new file's directory entry durable: fsyncing the file
// alone does not, and a crash could otherwise lose the whole log.
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
func start(f file, info Info) *Log {
	l := &Log{
		path:    info.Path,
		f:       f,
		last:    info.Records,
		durable: info.Records,
		offset:  info.Bytes,
		done:    make(chan struct{}),
	}
	l.work = sync.NewCond(&l.mu)
	l.synced = sync.NewCond(&l.mu)
	go l.flushLoop()
	return l
}

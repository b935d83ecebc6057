package wal

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"syscall"
)

// ErrInUse is matched (errors.Is) by the error Open returns when another
// process holds the log's lock.
var ErrInUse = errors.New("wal: data dir is in use")

// inUseError names the directory, because the operator needs to know which
// --data-dir to free, not which syscall failed.
type inUseError struct{ dir string }

func (e *inUseError) Error() string {
	return fmt.Sprintf("wal: data dir %s is in use by another tsymock", e.dir)
}

func (e *inUseError) Is(target error) bool { return target == ErrInUse }

// lockDir creates dir (0700) if needed and locks it: it holds an exclusive
// flock on dir/LockName, a file of its own because segments come and go.
// Closing the file releases the lock, also when the process dies.
func lockDir(dir string) (*os.File, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("wal: create data dir: %w", err)
	}
	f, err := os.OpenFile(filepath.Join(dir, LockName), os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("wal: open: %w", err)
	}
	if err := lock(f, dir); err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

// lock takes an exclusive flock on f without blocking: a second server on
// the same directory must fail at start-up, not hang or interleave records.
func lock(f *os.File, dir string) error {
	for {
		err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		switch {
		case err == nil:
			return nil
		case errors.Is(err, syscall.EINTR):
			continue
		case errors.Is(err, syscall.EWOULDBLOCK):
			return &inUseError{dir: dir}
		default:
			return fmt.Errorf("wal: lock %s: %w", f.Name(), err)
		}
	}
}

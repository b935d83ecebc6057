package wal

import (
	"errors"
	"fmt"
	"os"
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

// lock takes an exclusive flock on f without blocking: a second server on
// the same directory must fail at start-up, not hang or interleave records.
// The lock belongs to the open file, so closing f releases it, also when
// the process dies.
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

package wal

import (
	"fmt"
	"io/fs"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// faultyFile fails one write or one fsync of the file it wraps. Its
// counters are touched only by the flusher, which is its only user.
type faultyFile struct {
	file
	path       string
	failWrite  int // number of the write that fails (1 is the first); 0 for none
	partial    int // bytes of the failing write that still reach the file
	failSync   int // number of the fsync that fails; 0 for none
	err        error
	writes     int
	syncs      int
	afterFault int // writes attempted after the fault
}

func (f *faultyFile) Write(p []byte) (int, error) {
	f.writes++
	if f.failWrite > 0 && f.writes > f.failWrite {
		f.afterFault++
	}
	if f.writes != f.failWrite {
		return f.file.Write(p)
	}
	// Like a disk that fills up mid-write: a part lands, then the error.
	n, _ := f.file.Write(p[:min(f.partial, len(p))])
	return n, &fs.PathError{Op: "write", Path: f.path, Err: f.err}
}

func (f *faultyFile) Sync() error {
	f.syncs++
	if f.syncs == f.failSync {
		return &fs.PathError{Op: "sync", Path: f.path, Err: f.err}
	}
	return f.file.Sync()
}

func TestStickyFailure(t *testing.T) {
	for _, tc := range []struct {
		name  string
		fault faultyFile
		want  string
	}{
		{"write ENOSPC", faultyFile{failWrite: 2, partial: 5, err: syscall.ENOSPC},
			"wal: write %s: no space left on device"},
		{"fsync EIO", faultyFile{failSync: 2, err: syscall.EIO},
			"wal: fsync %s: input/output error"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			fault := tc.fault
			l, _, err := openWith(dir, Options{}, hooks{wrap: func(f file) file {
				fault.file, fault.path = f, f.(interface{ Name() string }).Name()
				return &fault
			}})
			require.NoError(t, err)
			appendWait(t, l, "durable")
			durableSize := fileSize(t, dir)

			lsn, err := l.Append([]byte("doomed"))
			require.NoError(t, err, "the failure is not known yet")
			err = l.Wait(lsn)
			require.ErrorIs(t, err, tc.fault.err)
			require.EqualError(t, err, fmt.Sprintf(tc.want, l.Path()))

			_, appendErr := l.Append([]byte("too late"))
			assert.Equal(t, err, appendErr, "Append returns the sticky error")
			assert.Equal(t, err, l.Err())
			assert.NoError(t, l.Wait(1), "a durable record stays durable")
			assert.Equal(t, durableSize, fileSize(t, dir), "the file is cut back to the durable records")
			assert.Equal(t, err, l.Close(), "Close reports that queued records were lost")
			assert.Zero(t, fault.afterFault, "nothing is written after a failure")

			got, info := reopen(t, dir)
			assert.Equal(t, records(1, "durable"), got)
			assert.Zero(t, info.Truncated)
		})
	}
}

// TestFailureFailsEveryWaiter queues records behind a failing batch: each of
// their waiters gets the error, none hangs.
func TestFailureFailsEveryWaiter(t *testing.T) {
	fault := faultyFile{failSync: 1, err: syscall.EIO}
	l, _, err := openWith(t.TempDir(), Options{}, hooks{wrap: func(f file) file {
		fault.file = f
		return &fault
	}})
	require.NoError(t, err)
	var lsns []uint64
	for i := range 50 {
		lsn, err := l.Append(fmt.Appendf(nil, "record %d", i))
		if err != nil {
			require.ErrorIs(t, err, syscall.EIO)
			break
		}
		lsns = append(lsns, lsn)
	}
	for _, lsn := range lsns {
		require.ErrorIs(t, l.Wait(lsn), syscall.EIO, "LSN %d", lsn)
	}
	require.ErrorIs(t, l.Close(), syscall.EIO)
}

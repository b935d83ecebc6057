package wal

import (
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fsizeDirEnv tells a re-executed test binary to play the child's part of
// TestRealWriteFailure, in this directory.
const fsizeDirEnv = "WAL_TEST_FSIZE_CHILD_DIR"

// fsizeLimit is the child's file size limit; 64 frames of 1 KiB fit.
const fsizeLimit = 64 << 10

// TestRealWriteFailure makes the kernel refuse a write, rather than a fake
// file: a child process limits its file size (RLIMIT_FSIZE, which needs no
// privilege, unlike mounting a tiny filesystem) and appends until the
// limit is hit part-way through a frame. The write fails with EFBIG after
// a partial write, as it would with ENOSPC on a full disk. The parent then
// reopens the log without the limit and must find exactly the records the
// child saw acknowledged.
func TestRealWriteFailure(t *testing.T) {
	if dir := os.Getenv(fsizeDirEnv); dir != "" {
		fillToLimit(t, dir)
		return
	}
	dir := t.TempDir()
	cmd := exec.Command(os.Args[0], "-test.run=^TestRealWriteFailure$", "-test.count=1")
	// A race-enabled binary otherwise sleeps a second before exiting.
	cmd.Env = append(os.Environ(), fsizeDirEnv+"="+dir,
		"GORACE="+os.Getenv("GORACE")+" atexit_sleep_ms=0")
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "child:\n%s", out)
	m := regexp.MustCompile(`durable=(\d+)`).FindSubmatch(out)
	require.NotNil(t, m, "child:\n%s", out)
	durable, err := strconv.ParseUint(string(m[1]), 10, 64)
	require.NoError(t, err)
	require.NotZero(t, durable)

	got, info := reopen(t, dir)
	assert.Equal(t, durable, info.Records)
	assert.Zero(t, info.Truncated, "the child cut its partial frame off")
	for i, r := range got {
		assert.Equal(t, kilobyteRecord(i+1), r.Payload)
	}
}

// fillToLimit is the child: it appends 1 KiB frames until a Wait fails.
func fillToLimit(t *testing.T, dir string) {
	lim := syscall.Rlimit{Cur: fsizeLimit, Max: fsizeLimit}
	require.NoError(t, syscall.Setrlimit(syscall.RLIMIT_FSIZE, &lim))
	l, _, err := Open(dir, nil)
	require.NoError(t, err)
	var durable uint64
	for i := 1; ; i++ {
		require.Less(t, i, 1000, "the limit was never hit")
		lsn, err := l.Append([]byte(kilobyteRecord(i)))
		require.NoError(t, err)
		if err = l.Wait(lsn); err != nil {
			require.ErrorIs(t, err, syscall.EFBIG)
			require.EqualError(t, err, "wal: write "+l.Path()+": file too large")
			break
		}
		durable = lsn
	}
	_, err = l.Append([]byte("after the failure"))
	require.ErrorIs(t, err, syscall.EFBIG)
	require.Equal(t, int64(durable)*(headerSize+1024), fileSize(t, dir))
	require.ErrorIs(t, l.Close(), syscall.EFBIG)
	fmt.Printf("durable=%d\n", durable)
}

// kilobyteRecord is record i, 1024 bytes long, recognisable by its number.
func kilobyteRecord(i int) string {
	s := fmt.Sprintf("record %d ", i)
	return s + strings.Repeat(".", 1024-len(s))
}

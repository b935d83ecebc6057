package wal

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestOpenCreates(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "a", "data")
	l, info, err := Open(dir, nil)
	require.NoError(t, err)
	defer l.Close()
	path := filepath.Join(dir, FileName)
	assert.Equal(t, Info{Path: path, Segments: 1}, info)
	assert.Equal(t, path, l.Path())
	lock := filepath.Join(dir, LockName)
	for name, want := range map[string]os.FileMode{dir: 0o700 | os.ModeDir, path: 0o600, lock: 0o600} {
		st, err := os.Stat(name)
		require.NoError(t, err)
		assert.Equal(t, want, st.Mode(), name)
	}
}

func TestRoundTripAcrossReopen(t *testing.T) {
	dir := t.TempDir()
	var want []string
	for i := range 500 {
		size := i * 37 % 3000
		if i%40 == 0 {
			size = 70_000 // larger than the reader's 64 KiB buffer
		}
		want = append(want, fmt.Sprintf("%d:%s", i, strings.Repeat("x", size)))
	}
	for round := range 3 {
		l, _, err := Open(dir, nil)
		require.NoError(t, err)
		for i, p := range want[round*100 : (round+1)*100] {
			lsn, err := l.Append([]byte(p))
			require.NoError(t, err)
			require.Equal(t, uint64(round*100+i+1), lsn, "LSNs continue after reopen")
		}
		require.NoError(t, l.Wait(uint64(round*100+100)))
		require.NoError(t, l.Close())
	}
	got, info := reopen(t, dir)
	assert.Equal(t, records(1, want[:300]...), got)
	assert.Equal(t, uint64(300), info.Records)
	assert.Equal(t, fileSize(t, dir), info.Bytes)
	assert.Zero(t, info.Truncated)
}

func TestReplayError(t *testing.T) {
	dir := t.TempDir()
	l, _, err := Open(dir, nil)
	require.NoError(t, err)
	appendWait(t, l, "a", "b", "c")
	require.NoError(t, l.Close())

	boom := errors.New("boom")
	_, _, err = Open(dir, func(lsn uint64, _ []byte) error {
		if lsn == 2 {
			return boom
		}
		return nil
	})
	require.ErrorIs(t, err, boom)
	assert.Contains(t, err.Error(), "wal: replay record 2 of ")
	got, _ := reopen(t, dir)
	assert.Equal(t, records(1, "a", "b", "c"), got, "a failed replay changes nothing and leaves the dir unlocked")
}

func TestAppendRejectsWithoutFailing(t *testing.T) {
	l, _, err := Open(t.TempDir(), nil)
	require.NoError(t, err)
	defer l.Close()
	for _, tc := range []struct {
		name    string
		payload []byte
		want    error
	}{
		{"empty", nil, ErrEmpty},
		{"over MaxRecord", make([]byte, MaxRecord+1), ErrTooLarge},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := l.Append(tc.payload)
			require.ErrorIs(t, err, tc.want)
			require.NoError(t, l.Err())
		})
	}
	assert.NoError(t, checkPayload(MaxRecord), "the limit itself is allowed")
}

func TestWaitForUnknownLSN(t *testing.T) {
	l, _, err := Open(t.TempDir(), nil)
	require.NoError(t, err)
	defer l.Close()
	assert.NoError(t, l.Wait(0))
	assert.EqualError(t, l.Wait(1), "wal: wait for LSN 1: only 0 appended")
}

func TestCloseIdempotent(t *testing.T) {
	dir := t.TempDir()
	l, _, err := Open(dir, nil)
	require.NoError(t, err)
	lsn, err := l.Append([]byte("queued, not waited for"))
	require.NoError(t, err)
	require.NoError(t, l.Close())
	require.NoError(t, l.Close())
	assert.NoError(t, l.Wait(lsn), "Close flushed the queue")
	assert.NoError(t, l.Err())
	_, err = l.Append([]byte("late"))
	assert.ErrorIs(t, err, ErrClosed)
	got, _ := reopen(t, dir)
	assert.Equal(t, records(1, "queued, not waited for"), got)
}

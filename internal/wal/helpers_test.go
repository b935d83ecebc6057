package wal

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// record is one replayed record, its payload copied because Open may reuse
// the slice.
type record struct {
	LSN     uint64
	Payload string
}

// collector returns a replay function that keeps what it is given.
func collector(into *[]record) func(uint64, []byte) error {
	return func(lsn uint64, p []byte) error {
		*into = append(*into, record{LSN: lsn, Payload: string(p)})
		return nil
	}
}

// reopen opens dir, closes the log again and returns what it replayed.
func reopen(t testing.TB, dir string) ([]record, Info) {
	t.Helper()
	var got []record
	l, info, err := Open(dir, collector(&got))
	require.NoError(t, err)
	require.NoError(t, l.Close())
	return got, info
}

// appendWait appends each payload and waits for it, as the server does.
func appendWait(t testing.TB, l *Log, payloads ...string) []uint64 {
	t.Helper()
	lsns := make([]uint64, 0, len(payloads))
	for _, p := range payloads {
		lsn, err := l.Append([]byte(p))
		require.NoError(t, err)
		require.NoError(t, l.Wait(lsn))
		lsns = append(lsns, lsn)
	}
	return lsns
}

// records numbers payloads from first, as a replay would.
func records(first uint64, payloads ...string) []record {
	if len(payloads) == 0 {
		return nil // as collector leaves it when nothing is replayed
	}
	out := make([]record, len(payloads))
	for i, p := range payloads {
		out[i] = record{LSN: first + uint64(i), Payload: p}
	}
	return out
}

func fileSize(t testing.TB, dir string) int64 {
	t.Helper()
	st, err := os.Stat(filepath.Join(dir, FileName))
	require.NoError(t, err)
	return st.Size()
}

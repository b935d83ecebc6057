package wal

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"testing/iotest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestFrameFormat pins the bytes on disk with a known answer: CRC-32C of
// "a" is 0xc1d04330.
func TestFrameFormat(t *testing.T) {
	want := []byte{1, 0, 0, 0, 0x30, 0x43, 0xd0, 0xc1, 'a'}
	assert.Equal(t, want, appendFrame(nil, []byte("a")))

	dir := t.TempDir()
	l, _, err := Open(dir, nil)
	require.NoError(t, err)
	appendWait(t, l, "a", "bc")
	require.NoError(t, l.Close())
	got, err := os.ReadFile(filepath.Join(dir, FileName))
	require.NoError(t, err)
	assert.Equal(t, logBytes("a", "bc"), got)
}

func TestFrameReaderReadError(t *testing.T) {
	boom := errors.New("boom")
	fr := newFrameReader(iotest.ErrReader(boom), 100)
	_, ok, err := fr.next()
	assert.False(t, ok)
	assert.ErrorIs(t, err, boom)
}

// FuzzRead feeds arbitrary file contents to the frame reader: it must never
// panic, and what it accepts must be exactly a prefix of the input.
func FuzzRead(f *testing.F) {
	f.Add(logBytes("seed", "two"))
	f.Fuzz(func(t *testing.T, data []byte) {
		fr := newFrameReader(bytes.NewReader(data), int64(len(data)))
		var again []byte
		for {
			p, ok, err := fr.next()
			require.NoError(t, err)
			if !ok {
				break
			}
			again = appendFrame(again, p)
		}
		require.LessOrEqual(t, fr.end, int64(len(data)))
		require.Equal(t, string(data[:fr.end]), string(again))
	})
}

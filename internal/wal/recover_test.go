package wal

import (
	"encoding/binary"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// logBytes returns the file a log holding payloads would have.
func logBytes(payloads ...string) []byte {
	var b []byte
	for _, p := range payloads {
		b = appendFrame(b, []byte(p))
	}
	return b
}

func writeLog(t *testing.T, b []byte) string {
	t.Helper()
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, FileName), b, 0o600))
	return dir
}

// checkRecovered opens dir, expecting the records kept and the bytes
// dropped, then checks that the log goes on from there.
func checkRecovered(t *testing.T, dir string, kept []string, dropped int64) {
	t.Helper()
	var got []record
	l, info, err := Open(dir, collector(&got))
	require.NoError(t, err)
	assert.Equal(t, records(1, kept...), got)
	assert.Equal(t, dropped, info.Truncated)
	assert.Equal(t, fileSize(t, dir), info.Bytes, "the file is cut where the log ends")
	appendWait(t, l, "after recovery")
	require.NoError(t, l.Close())
	got, _ = reopen(t, dir)
	assert.Equal(t, records(1, append(kept, "after recovery")...), got)
}

// TestTornTail cuts the last frame at every byte: a crash can stop a write
// anywhere in it.
func TestTornTail(t *testing.T) {
	kept := []string{"first", "second"}
	head := logBytes(kept...)
	full := append(logBytes(kept...), logBytes("the third, torn")...)
	for cut := len(head) + 1; cut < len(full); cut++ {
		dir := writeLog(t, full[:cut])
		checkRecovered(t, dir, kept, int64(cut-len(head)))
	}
}

func TestCorruptLastFrame(t *testing.T) {
	kept := []string{"first", "second"}
	setLen := func(n uint32) func([]byte) []byte {
		return func(f []byte) []byte { binary.LittleEndian.PutUint32(f, n); return f }
	}
	for _, tc := range []struct {
		name    string
		corrupt func(frame []byte) []byte
	}{
		{"payload bit flipped", func(f []byte) []byte { f[headerSize] ^= 1; return f }},
		{"CRC bit flipped", func(f []byte) []byte { f[4] ^= 0x80; return f }},
		{"length over MaxRecord", setLen(MaxRecord + 1)},
		{"length zero", setLen(0)},
		{"length past the end", setLen(uint32(len("the third")) + 1)},
		{"zeros", func(f []byte) []byte { return make([]byte, 4096) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			last := tc.corrupt(logBytes("the third"))
			dir := writeLog(t, append(logBytes(kept...), last...))
			checkRecovered(t, dir, kept, int64(len(last)))
		})
	}
}

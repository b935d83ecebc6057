package wal

import (
	"bytes"
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
	assert.Equal(t, dropped > 0, info.Torn != "", "a dropped end is described: %q", info.Torn)
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

// TestTornEndShapes: every shape a crash leaves at the end of the log is
// dropped, and only that. A kill cuts the last write short; a power cut can
// also leave allocated space or whole sectors of it as zeros.
func TestTornEndShapes(t *testing.T) {
	kept := []string{"first", "second"}
	big := bytes.Repeat([]byte("x"), 3*sectorSize)
	zeroSector := func(f []byte) []byte {
		off := len(logBytes(kept...))
		start := (off/sectorSize+1)*sectorSize - off // the frame's first sector boundary
		clear(f[start : start+sectorSize])
		return f
	}
	for _, tc := range []struct {
		name string
		tail []byte
	}{
		{"a cut header", logBytes("third")[:5]},
		{"a cut record", logBytes("the third")[:12]},
		{"a cut large record", appendFrame(nil, big)[:sectorSize+100]},
		{"zeros (preallocated)", make([]byte, 4096)},
		{"one zero byte", []byte{0}},
		{"a zeroed header, then bytes of a lost write", append(make([]byte, 8), "rest of a record"...)},
		{"a whole record with a zeroed sector", zeroSector(appendFrame(nil, big))},
		{"a cut record with a plausible length (random bytes)", []byte{0x10, 0, 0, 0, 1, 2, 3, 4, 'a', 'b'}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := writeLog(t, append(logBytes(kept...), tc.tail...))
			checkRecovered(t, dir, kept, int64(len(tc.tail)))
		})
	}
}

// setLen returns frame with its length word set to n.
func setLen(frame []byte, n uint32) []byte {
	binary.LittleEndian.PutUint32(frame, n)
	return frame
}

package wal

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"testing"

	"github.com/stretchr/testify/require"
)

// state stands in for the emulator in tests of snapshots: it is every
// payload in LSN order, and its snapshot payload is that list in JSON.
// Restore and replay check that no record is missing, repeated or out of
// order.
type state struct {
	payloads []string
	restored uint64 // the snapshot's LSN, 0 for none
}

func (s *state) restore(lsn uint64, r io.Reader) error {
	if err := json.NewDecoder(r).Decode(&s.payloads); err != nil {
		return err
	}
	if uint64(len(s.payloads)) != lsn {
		return fmt.Errorf("snapshot of %d records holds %d", lsn, len(s.payloads))
	}
	s.restored = lsn
	return nil
}

func (s *state) replay(lsn uint64, p []byte) error {
	if want := uint64(len(s.payloads)) + 1; lsn != want {
		return fmt.Errorf("record %d replayed when %d was next", lsn, want)
	}
	s.payloads = append(s.payloads, string(p))
	return nil
}

func (s *state) options() Options { return Options{Restore: s.restore, Replay: s.replay} }

// snapshotOf writes the first n payloads: a copy taken now, as a Capture's
// write must be.
func snapshotOf(payloads []string) func(io.Writer) error {
	c := append([]string(nil), payloads...)
	return func(w io.Writer) error { return json.NewEncoder(w).Encode(c) }
}

// openState opens dir into a fresh state.
func openState(t testing.TB, dir string) (*Log, *state, Info) {
	t.Helper()
	s := &state{}
	l, info, err := OpenWith(dir, s.options())
	require.NoError(t, err)
	return l, s, info
}

// numbered is the payload of record i in these tests.
func numbered(i int) string { return fmt.Sprintf("record %d", i) }

// numberedRange is records from to to, inclusive.
func numberedRange(from, to int) []string {
	var out []string
	for i := from; i <= to; i++ {
		out = append(out, numbered(i))
	}
	return out
}

// snapshotBytes is the file of a snapshot of records 1 to lsn holding
// payload.
func snapshotBytes(t *testing.T, lsn uint64, payload string) []byte {
	t.Helper()
	path, _, err := writeSnapshot(t.TempDir(), lsn, func(w io.Writer) error {
		_, err := io.WriteString(w, payload)
		return err
	}, hooks{})
	require.NoError(t, err)
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	return b
}

func bytesReaderAt(b []byte) io.ReaderAt { return bytes.NewReader(b) }

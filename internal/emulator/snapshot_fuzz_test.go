package emulator

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/tsymock/tsymock/internal/ids"
)

// FuzzRestore: no text makes Restore panic or leave state behind when it
// refuses; a text it accepts is a state that encodes, and that encoding
// restores to itself. Its committed seeds are snapshots of a few
// applications (format versions 1 and 2) and their damaged forms.
func FuzzRestore(f *testing.F) {
	f.Add([]byte(`{"header":{"format":"tsymock-emulator-state","version":1,"events":0,"uuids":0,"numbers":0}}` + "\n" +
		`{"end":{"lines":1}}` + "\n"))
	f.Fuzz(func(t *testing.T, text []byte) {
		if manyDraws(text) {
			t.Skip("draws ids for long")
		}
		r := New(Config{IDs: ids.NewSeeded(1)})
		if err := r.Restore(bytes.NewReader(text)); err != nil {
			if len(r.StateApps()) > 0 {
				t.Fatalf("refused (%v) but has state", err)
			}
			return
		}
		first := encoded(t, r)
		again := New(Config{IDs: ids.NewSeeded(1)})
		if err := again.Restore(strings.NewReader(first)); err != nil {
			t.Fatalf("the encoding of an accepted snapshot is refused: %v\n%s", err, first)
		}
		if second := encoded(t, again); second != first {
			t.Fatalf("an accepted snapshot encodes differently once restored:\n%s\n%s", first, second)
		}
	})
}

// manyDraws reports whether a text's header, or an application's id
// stream, counts more draws than a fuzz run should make.
func manyDraws(text []byte) bool {
	dec := json.NewDecoder(bytes.NewReader(text))
	for {
		var l stateLine
		if dec.Decode(&l) != nil {
			return false
		}
		switch {
		case l.Header != nil && (l.Header.UUIDs > 10_000 || l.Header.Numbers > 10_000):
			return true
		case l.App != nil && l.App.IDs != nil && (l.App.IDs.UUIDs > 10_000 || l.App.IDs.Numbers > 10_000):
			return true
		}
	}
}

func encoded(t *testing.T, e *Emulator) string {
	t.Helper()
	s, err := e.Capture(nil)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := s.Encode(&b); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

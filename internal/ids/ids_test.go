package ids

import (
	"strings"
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSeeded(t *testing.T) {
	a, b := NewSeeded(42), NewSeeded(42)
	for range 5 {
		assert.Equal(t, a.UUID(), b.UUID())
		assert.Equal(t, a.Number(), b.Number())
	}
	assert.NotEqual(t, NewSeeded(1).UUID(), NewSeeded(2).UUID())
}

func TestShapes(t *testing.T) {
	s := NewRandom()
	u, err := uuid.Parse(s.UUID())
	require.NoError(t, err)
	assert.Equal(t, uuid.Version(4), u.Version())
	seen := map[string]bool{}
	for range 1000 {
		n := s.Number()
		assert.Len(t, n, 19)
		assert.False(t, seen[n], "numbers never repeat")
		seen[n] = true
	}
}

// draws takes n userIds and n numbers, alternately.
func draws(s *Source, n int) []string {
	var out []string
	for range n {
		out = append(out, s.UUID(), s.Number())
	}
	return out
}

// TestFor: a stream For derives depends on the seed and its key alone:
// not on what the parent or another stream drew before, nor on the order
// in which streams are made.
func TestFor(t *testing.T) {
	first := draws(NewSeeded(42).For("100000000002"), 3)
	tests := []struct {
		name string
		got  func() []string
		same bool
	}{
		{"the same seed and key", func() []string { return draws(NewSeeded(42).For("100000000002"), 3) }, true},
		{"after the parent drew", func() []string {
			p := NewSeeded(42)
			draws(p, 5)
			return draws(p.For("100000000002"), 3)
		}, true},
		{"while another key draws", func() []string {
			p := NewSeeded(42)
			other, s := p.For("300000000000"), p.For("100000000002")
			var out []string
			for range 3 {
				draws(other, 2)
				out = append(out, s.UUID(), s.Number())
			}
			return out
		}, true},
		{"another key", func() []string { return draws(NewSeeded(42).For("100000000003"), 3) }, false},
		{"another seed", func() []string { return draws(NewSeeded(43).For("100000000002"), 3) }, false},
		{"the parent's own stream", func() []string { return draws(NewSeeded(42), 3) }, false},
		{"unseeded", func() []string { return draws(NewRandom().For("100000000002"), 3) }, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.got()
			if tt.same {
				assert.Equal(t, first, got)
				return
			}
			for i := range got {
				assert.NotEqual(t, first[i], got[i], "draw %d", i)
			}
		})
	}
	assert.False(t, NewRandom().For("x").Seeded())
	assert.True(t, NewSeeded(1).For("x").Seeded())
}

// TestSeek: a new source put where another stands draws what that one
// draws next, however its userIds and numbers were mixed.
func TestSeek(t *testing.T) {
	for _, mix := range []string{"", "u", "n", "uun", "nnu", "ununnnuu"} {
		t.Run(mix, func(t *testing.T) {
			s := NewSeeded(7).For("a")
			for _, c := range mix {
				if c == 'u' {
					s.UUID()
				} else {
					s.Number()
				}
			}
			p := s.Position()
			assert.Equal(t, Position{UUIDs: uint64(strings.Count(mix, "u")), Numbers: uint64(strings.Count(mix, "n")),
				Seq: uint64(strings.Count(mix, "n"))}, p)
			r := NewSeeded(7).For("a")
			require.NoError(t, r.Seek(p))
			assert.Equal(t, draws(s, 3), draws(r, 3))
		})
	}
	s := NewSeeded(7)
	s.UUID()
	assert.ErrorContains(t, s.Seek(Position{UUIDs: 1}), "has drawn")
	r := NewRandom()
	require.NoError(t, r.Seek(Position{UUIDs: 3, Numbers: 2, Seq: 9}))
	assert.Equal(t, "000000010", r.Number()[10:], "a random source takes the serial")
}

// TestSerialAtLeast: the numbers after it have serials above n, so they
// differ from every number of serial n or less, of any stream.
func TestSerialAtLeast(t *testing.T) {
	s := NewSeeded(1).For("a")
	assert.Equal(t, "000000001", s.Number()[10:])
	s.SerialAtLeast(40)
	assert.Equal(t, "000000041", s.Number()[10:])
	s.SerialAtLeast(3)
	assert.Equal(t, "000000042", s.Number()[10:], "never back")
	assert.Equal(t, Position{Numbers: 4, Seq: 43}, func() Position { s.Number(); return s.Position() }())
}

// TestStreams: a key's source is kept, so its draws go on; Forget starts
// it again; keys of other prefixes, or For's, are other streams.
func TestStreams(t *testing.T) {
	p := NewSeeded(5)
	s := p.Streams("scenarios\x00")
	first := s.Of("a").UUID()
	second := s.Of("a").UUID()
	assert.NotEqual(t, first, second, "the stream goes on")
	assert.Equal(t, first, p.For("scenarios\x00a").UUID())
	assert.NotEqual(t, first, p.For("a").UUID(), "apart from For of the bare key")
	assert.NotEqual(t, first, s.Of("b").UUID())
	s.Forget("a")
	assert.Equal(t, first, s.Of("a").UUID(), "forgotten: from the start")
	s.Of("b").UUID()
	s.Forget("")
	assert.Equal(t, first, s.Of("a").UUID())
}

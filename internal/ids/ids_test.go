package ids

import (
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

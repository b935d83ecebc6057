package gencache

import (
	"fmt"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestAreBounded: two generations at most, and an entry in use
// survives the turnover.
func TestAreBounded(t *testing.T) {
	const size = 64
	g := New[string, string](size)
	g.Put("hot", "value-of-hot")
	for i := range 3 * size {
		g.Put(fmt.Sprint(i), "v")
		if i%(size/2) == 0 {
			v, ok := g.Get("hot")
			require.True(t, ok, "after %d entries", i)
			assert.Equal(t, "value-of-hot", v)
		}
		require.LessOrEqual(t, g.Len(), 2*size)
	}
	_, ok := g.Get("0")
	assert.False(t, ok, "old entries are dropped")
}

func TestGet(t *testing.T) {
	type key struct{ a, b string }
	g := New[key, int](4)
	g.Put(key{"a", "bc"}, 1)
	tests := []struct {
		name string
		k    key
		want int
		ok   bool
	}{
		{"same key", key{"a", "bc"}, 1, true},
		{"same concatenation, other split", key{"ab", "c"}, 0, false},
		{"absent", key{"x", "y"}, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, ok := g.Get(tt.k)
			assert.Equal(t, tt.ok, ok)
			assert.Equal(t, tt.want, v)
		})
	}
}

func TestConcurrent(t *testing.T) {
	g := New[int, int](16)
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Go(func() {
			for i := range 500 {
				g.Put(w*1000+i%40, i)
				if v, ok := g.Get(w*1000 + i%40); ok {
					assert.GreaterOrEqual(t, v, 0)
				}
			}
		})
	}
	wg.Wait()
	assert.LessOrEqual(t, g.Len(), 32)
}

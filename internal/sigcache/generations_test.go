package sigcache

import (
	"fmt"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestGenerationsAreBounded: two generations at most, and an entry in use
// survives the turnover.
func TestGenerationsAreBounded(t *testing.T) {
	const size = 64
	g := newGenerations[string, string](size)
	g.put("hot", "value-of-hot")
	for i := range 3 * size {
		g.put(fmt.Sprint(i), "v")
		if i%(size/2) == 0 {
			v, ok := g.get("hot")
			require.True(t, ok, "after %d entries", i)
			assert.Equal(t, "value-of-hot", v)
		}
		require.LessOrEqual(t, g.len(), 2*size)
	}
	_, ok := g.get("0")
	assert.False(t, ok, "old entries are dropped")
}

func TestGenerationsGet(t *testing.T) {
	type key struct{ a, b string }
	g := newGenerations[key, int](4)
	g.put(key{"a", "bc"}, 1)
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
			v, ok := g.get(tt.k)
			assert.Equal(t, tt.ok, ok)
			assert.Equal(t, tt.want, v)
		})
	}
}

func TestGenerationsConcurrent(t *testing.T) {
	g := newGenerations[int, int](16)
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Go(func() {
			for i := range 500 {
				g.put(w*1000+i%40, i)
				if v, ok := g.get(w*1000 + i%40); ok {
					assert.GreaterOrEqual(t, v, 0)
				}
			}
		})
	}
	wg.Wait()
	assert.LessOrEqual(t, g.len(), 32)
}

// TestNewCachesAreSmall: a server's start makes both caches (issue 18); what
// they hold comes with the calls, not in advance (a map made for 1024
// entries at once is tens of KiB).
func TestNewCachesAreSmall(t *testing.T) {
	res := testing.Benchmark(func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			_, _ = NewSigns(nil), NewVerdicts()
		}
	})
	assert.Less(t, res.AllocedBytesPerOp(), int64(1024), "bytes allocated by NewSigns and NewVerdicts")
}

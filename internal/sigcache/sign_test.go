package sigcache

import (
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/keys"
	"github.com/tsymock/tsymock/keys/demo"
)

// TestSignCacheIsExact: a cached sign is the one keys.Sign makes for the
// same text, and different texts never share one.
func TestSignCacheIsExact(t *testing.T) {
	m, err := demo.Load()
	require.NoError(t, err)
	c := NewSigns(m.PlatformKey)
	texts := []string{`{"allAmount":100,"freezenAmount":0}`, `{"allAmount":101,"freezenAmount":0}`,
		"errorCode=30000&message=所属应用下已经存在此用户", "", strings.Repeat("x", signCacheMaxText+1)}
	for _, text := range texts {
		want, err := keys.Sign(m.PlatformKey, text)
		require.NoError(t, err)
		for range 3 { // a miss, then hits
			got, err := c.Sign(text)
			require.NoError(t, err)
			assert.Equal(t, want, got)
			require.NoError(t, keys.Verify(&m.PlatformKey.PublicKey, text, got))
		}
	}
	assert.Equal(t, len(texts)-1, c.signs.Len(), "a text longer than signCacheMaxText is not kept")
}

// TestBodyCache: an answer body is made with the text's sign and kept
// with it; the same text and variant get it back without encode, another
// variant gets a body of its own, and a text past bodyCacheMaxText is
// encoded every time.
func TestBodyCache(t *testing.T) {
	m, err := demo.Load()
	require.NoError(t, err)
	c := NewSigns(m.PlatformKey)
	encodes := 0
	encode := func(text, variant string) func(string) string {
		return func(sign string) string { encodes++; return variant + "|" + text + "|" + sign }
	}
	long := strings.Repeat("y", bodyCacheMaxText+1)
	tests := []struct {
		name, text, variant string
		encodes             int // encode calls so far, after this one
	}{
		{"first", "A", "s1", 1},
		{"again", "A", "s1", 1},
		{"another variant", "A", "s2", 2},
		{"that one again", "A", "s2", 2},
		{"the first variant is made again", "A", "s1", 3},
		{"long text", long, "s1", 4},
		{"long text again", long, "s1", 5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want, err := keys.Sign(m.PlatformKey, tt.text)
			require.NoError(t, err)
			got, err := c.Body(tt.text, tt.variant, encode(tt.text, tt.variant))
			require.NoError(t, err)
			assert.Equal(t, tt.variant+"|"+tt.text+"|"+want, got)
			assert.Equal(t, tt.encodes, encodes)
			sign, err := c.Sign(tt.text)
			require.NoError(t, err)
			assert.Equal(t, want, sign, "Sign shares the entry")
		})
	}
}

func TestSignCacheConcurrent(t *testing.T) {
	m, err := demo.Load()
	require.NoError(t, err)
	c := NewSigns(m.PlatformKey)
	want, err := keys.Sign(m.PlatformKey, "same")
	require.NoError(t, err)
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 20 {
				got, err := c.Sign("same")
				assert.NoError(t, err)
				assert.Equal(t, want, got)
			}
		})
	}
	wg.Wait()
}

// BenchmarkSignCache is a repeated answer's sign, taken from the cache.
func BenchmarkSignCache(b *testing.B) {
	m, err := demo.Load()
	require.NoError(b, err)
	c := NewSigns(m.PlatformKey)
	text := `{"allAmount":100000000,"freezenAmount":0}`
	_, err = c.Sign(text)
	require.NoError(b, err)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.Sign(text); err != nil {
			b.Fatal(err)
		}
	}
}

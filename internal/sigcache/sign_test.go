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
	assert.Equal(t, len(texts)-1, c.signs.len(), "a text longer than signCacheMaxText is not kept")
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

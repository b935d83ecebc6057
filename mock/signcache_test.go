package mock

import (
	"fmt"
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
	c := newSignCache(m.PlatformKey)
	texts := []string{`{"allAmount":100,"freezenAmount":0}`, `{"allAmount":101,"freezenAmount":0}`,
		"errorCode=30000&message=所属应用下已经存在此用户", "", strings.Repeat("x", signCacheMaxText+1)}
	for _, text := range texts {
		want, err := keys.Sign(m.PlatformKey, text)
		require.NoError(t, err)
		for range 3 { // a miss, then hits
			got, err := c.sign(text)
			require.NoError(t, err)
			assert.Equal(t, want, got)
			require.NoError(t, keys.Verify(&m.PlatformKey.PublicKey, text, got))
		}
	}
	assert.Len(t, c.cur, len(texts)-1, "a text longer than signCacheMaxText is not kept")
}

// TestSignCacheIsBounded: two generations at most, and a text in use
// survives the turnover.
func TestSignCacheIsBounded(t *testing.T) {
	m, err := demo.Load()
	require.NoError(t, err)
	c := newSignCache(m.PlatformKey)
	c.put("hot", "sign-of-hot")
	for i := range 3 * signCacheEntries {
		c.put(fmt.Sprint(i), "s")
		if i%(signCacheEntries/2) == 0 {
			sig, ok := c.get("hot")
			require.True(t, ok, "after %d texts", i)
			assert.Equal(t, "sign-of-hot", sig)
		}
		require.LessOrEqual(t, len(c.cur)+len(c.prev), 2*signCacheEntries)
	}
	_, ok := c.get("0")
	assert.False(t, ok, "old texts are dropped")
}

func TestSignCacheConcurrent(t *testing.T) {
	m, err := demo.Load()
	require.NoError(t, err)
	c := newSignCache(m.PlatformKey)
	want, err := keys.Sign(m.PlatformKey, "same")
	require.NoError(t, err)
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 20 {
				got, err := c.sign("same")
				assert.NoError(t, err)
				assert.Equal(t, want, got)
			}
		})
	}
	wg.Wait()
}

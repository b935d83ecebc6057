package mock

import (
	"crypto/rsa"
	"sync"

	"github.com/tsymock/tsymock/keys"
)

// Bounds of the signature cache: entries per generation (two generations
// are kept), and the longest signedValue worth keeping.
const (
	signCacheEntries = 1024
	signCacheMaxText = 4 << 10
)

// signCache remembers the signs of recent answer texts. PKCS#1 v1.5
// signatures are deterministic, so the same text under the same key always
// has the same sign: a canned scenario answer, or an error answered over
// and over, costs one RSA operation (about a millisecond with a 2048-bit
// key) instead of one per call. Texts that differ every time (a new
// member's userId) simply miss.
//
// It holds two generations of at most signCacheEntries each: when the
// current one is full it becomes the previous one and the oldest is
// dropped, which bounds memory and keeps texts in use (a hit in the
// previous generation moves the text to the current one).
type signCache struct {
	key  *rsa.PrivateKey
	mu   sync.Mutex
	cur  map[string]string
	prev map[string]string
}

func newSignCache(key *rsa.PrivateKey) *signCache {
	return &signCache{key: key, cur: make(map[string]string, signCacheEntries)}
}

// sign returns the sign of text, from the cache or freshly made.
func (c *signCache) sign(text string) (string, error) {
	if len(text) > signCacheMaxText {
		return keys.Sign(c.key, text)
	}
	if sig, ok := c.get(text); ok {
		return sig, nil
	}
	sig, err := keys.Sign(c.key, text) // outside the lock: concurrent misses sign in parallel
	if err != nil {
		return "", err
	}
	c.put(text, sig)
	return sig, nil
}

func (c *signCache) get(text string) (string, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if sig, ok := c.cur[text]; ok {
		return sig, true
	}
	sig, ok := c.prev[text]
	if ok {
		c.putLocked(text, sig)
	}
	return sig, ok
}

func (c *signCache) put(text, sig string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.putLocked(text, sig)
}

func (c *signCache) putLocked(text, sig string) {
	if len(c.cur) >= signCacheEntries {
		c.prev, c.cur = c.cur, make(map[string]string, signCacheEntries)
	}
	c.cur[text] = sig
}

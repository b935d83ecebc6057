package sigcache

import (
	"crypto/rsa"

	"github.com/tsymock/tsymock/keys"
)

// Bounds of the signature cache: entries per generation (two generations
// are kept), and the longest signedValue worth keeping.
const (
	signCacheEntries = 1024
	signCacheMaxText = 4 << 10
)

// Signs remembers the signs of recent answer texts. PKCS#1 v1.5
// signatures are deterministic, so the same text under the same key always
// has the same sign: a canned scenario answer, or an error answered over
// and over, costs one RSA operation (about a millisecond with a 2048-bit
// key) instead of one per call. Texts that differ every time (a new
// member's userId) simply miss.
//
// It holds two generations of at most signCacheEntries texts.
type Signs struct {
	key   *rsa.PrivateKey
	signs *generations[string, string] // text -> sign
}

// NewSigns returns an empty cache of signs made with key.
func NewSigns(key *rsa.PrivateKey) *Signs {
	return &Signs{key: key, signs: newGenerations[string, string](signCacheEntries)}
}

// Sign returns the sign of text, from the cache or freshly made.
func (c *Signs) Sign(text string) (string, error) {
	if len(text) > signCacheMaxText {
		return keys.Sign(c.key, text)
	}
	if sig, ok := c.signs.get(text); ok {
		return sig, nil
	}
	sig, err := keys.Sign(c.key, text) // outside the lock: concurrent misses sign in parallel
	if err != nil {
		return "", err
	}
	c.signs.put(text, sig)
	return sig, nil
}

// Len is how many signs are kept (both generations; one moving between
// them may count twice).
func (c *Signs) Len() int { return c.signs.len() }

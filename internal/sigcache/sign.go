// Package sigcache spares tsymock the RSA operations a repeated call would
// cost: Signs remembers the signs of recent answer texts (and the bodies
// made with them), Verdicts the requests whose signature verified. PKCS#1
// v1.5 is deterministic, so a cached result is exactly the one the RSA
// operation would give. Both are bounded (two generations of entries,
// internal/gencache) and safe for concurrent use.
package sigcache

import (
	"crypto/rsa"

	"github.com/tsymock/tsymock/internal/gencache"
	"github.com/tsymock/tsymock/keys"
)

// Bounds of the signature cache: entries per generation (two generations
// are kept), the longest signedValue worth keeping, and the longest whose
// answer body is kept with its sign.
const (
	signCacheEntries = 1024
	signCacheMaxText = 4 << 10
	bodyCacheMaxText = 2 << 10
)

// Signs remembers the signs of recent answer texts. PKCS#1 v1.5
// signatures are deterministic, so the same text under the same key always
// has the same sign: a canned scenario answer, or an error answered over
// and over, costs one RSA operation (about a millisecond with a 2048-bit
// key) instead of one per call. Texts that differ every time (a new
// member's userId) simply miss.
//
// With a short text's sign it keeps the last answer body made with it
// (Body), so that an answer repeated is neither encoded nor copied again.
//
// It holds two generations of at most signCacheEntries texts.
type Signs struct {
	key   *rsa.PrivateKey
	signs *gencache.Map[string, signed] // text -> its sign, and a body
}

// signed is a text's sign and the last body made with it, for variant.
type signed struct {
	sign          string
	variant, body string
}

// NewSigns returns an empty cache of signs made with key.
func NewSigns(key *rsa.PrivateKey) *Signs {
	return &Signs{key: key, signs: gencache.New[string, signed](signCacheEntries)}
}

// Sign returns the sign of text, from the cache or freshly made.
func (c *Signs) Sign(text string) (string, error) {
	s, err := c.lookup(text)
	return s.sign, err
}

// Body returns an answer body whose signedValue is text: encode(sign)
// with text's sign, or the body kept from an earlier call with the same
// text and variant. variant is whatever else encode puts into the body
// (the sysid of an OK answer, the errorCode of an error), so that text and
// variant together always make the same body; encode must be a function of
// its sign, text and variant alone.
func (c *Signs) Body(text, variant string, encode func(sign string) string) (string, error) {
	s, err := c.lookup(text)
	if err != nil {
		return "", err
	}
	if s.body != "" && s.variant == variant {
		return s.body, nil
	}
	body := encode(s.sign)
	if len(text) <= bodyCacheMaxText {
		c.signs.Put(text, signed{sign: s.sign, variant: variant, body: body})
	}
	return body, nil
}

// lookup returns what is kept for text, signing it on a miss.
func (c *Signs) lookup(text string) (signed, error) {
	if len(text) > signCacheMaxText {
		sig, err := keys.Sign(c.key, text)
		return signed{sign: sig}, err
	}
	if s, ok := c.signs.Get(text); ok {
		return s, nil
	}
	sig, err := keys.Sign(c.key, text) // outside the lock: concurrent misses sign in parallel
	if err != nil {
		return signed{}, err
	}
	s := signed{sign: sig}
	c.signs.Put(text, s)
	return s, nil
}

// Len is how many signs are kept (both generations; one moving between
// them may count twice).
func (c *Signs) Len() int { return c.signs.Len() }

package sigcache

import (
	"strings"

	"github.com/tsymock/tsymock/internal/apps"
	"github.com/tsymock/tsymock/internal/form"
	"github.com/tsymock/tsymock/internal/gencache"
	"github.com/tsymock/tsymock/keys"
)

// Bounds of the verified-request cache: entries per generation (two
// generations are kept), and the longest request worth keeping, its sysid,
// req, timestamp and sign together.
const (
	verifiedCacheEntries = 1024
	verifiedCacheMaxText = 4 << 10
)

// Verdicts remembers the requests whose signature verified. RSA
// PKCS#1 v1.5 verification is deterministic: the same key, text and sign
// always get the same verdict, so a request sent again byte for byte (a
// load test, a client that retries) skips the RSA operation, the largest
// cost of a canned answer. Only verdicts that passed are kept: a failure
// is verified and diagnosed every time, and nothing enters the cache
// without having verified. The cache skips the RSA operation and nothing
// else: the version and the timestamp window are checked on every request.
//
// It holds two generations of at most verifiedCacheEntries requests.
type Verdicts struct {
	// verdicts maps a verified request to the text its signature covers
	// as the journal shows it, Base64(MD5(sysid+req+timestamp)).
	verdicts *gencache.Map[verifiedRequest, string]
	// check is the RSA verification, apps.App.Verify; a test counts its
	// calls.
	check func(a apps.App, text, sign string) error
}

// verifiedRequest is the key of a verified request: the exact strings
// received, kept apart so that two requests whose strings only concatenate
// alike never meet, and the key that verified them. That key is the
// application's Verifier, compared by identity rather than by fingerprint
// (a truncated hash): registering a sysid again makes a new Verifier, so
// the verdicts of a replaced key are never found, and no collision can
// stand in for a key.
type verifiedRequest struct {
	verifier                    *keys.Verifier
	sysid, req, timestamp, sign string
}

// NewVerdicts returns an empty cache of verdicts.
func NewVerdicts() *Verdicts {
	return &Verdicts{verdicts: gencache.New[verifiedRequest, string](verifiedCacheEntries), check: apps.App.Verify}
}

// Verify checks the signature of p with a's key, from the cache or with
// the RSA operation, and returns Base64(MD5(sysid+req+timestamp)).
func (c *Verdicts) Verify(a apps.App, p form.Params) (string, error) {
	k := verifiedRequest{verifier: a.Verifier(), sysid: p.SysID, req: p.Req, timestamp: p.Timestamp, sign: p.Sign}
	keep := k.cacheable()
	if keep {
		if text, ok := c.verdicts.Get(k); ok {
			return text, nil
		}
	}
	source := p.SysID + p.Req + p.Timestamp
	if err := c.check(a, source, p.Sign); err != nil {
		return "", err
	}
	text := keys.MD5Base64(source)
	if keep {
		c.verdicts.Put(k.clone(), text)
	}
	return text, nil
}

// Len is how many verdicts are kept (both generations; one moving between
// them may count twice).
func (c *Verdicts) Len() int { return c.verdicts.Len() }

// cacheable reports whether the request may be kept: an application
// registered (the registry gives it its Verifier), and a request short
// enough.
func (k verifiedRequest) cacheable() bool {
	return k.verifier != nil && len(k.sysid)+len(k.req)+len(k.timestamp)+len(k.sign) <= verifiedCacheMaxText
}

// clone copies the strings: a parameter that needed no unescaping is a
// slice of the whole request body, which the cache must not hold on to.
func (k verifiedRequest) clone() verifiedRequest {
	k.sysid, k.req = strings.Clone(k.sysid), strings.Clone(k.req)
	k.timestamp, k.sign = strings.Clone(k.timestamp), strings.Clone(k.sign)
	return k
}

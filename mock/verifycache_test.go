package mock

import (
	"crypto/rsa"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/internal/form"
	"github.com/tsymock/tsymock/keys"
	"github.com/tsymock/tsymock/keys/demo"
)

// countChecks makes c count its RSA verifications.
func countChecks(c *verifiedCache) *atomic.Int64 {
	var n atomic.Int64
	check := c.check
	c.check = func(a App, text, sign string) error {
		n.Add(1)
		return check(a, text, sign)
	}
	return &n
}

// registeredApp is an App with its Verifier, as the registry keeps it.
func registeredApp(tb testing.TB, sysid string, key *rsa.PublicKey) App {
	tb.Helper()
	r := newRegistry()
	require.NoError(tb, r.add(App{SysID: sysid, Key: key}))
	a, ok := r.get(sysid)
	require.True(tb, ok)
	return a
}

// newCacheFixture is a verified-request cache counting its RSA
// verifications, and the demo application.
func newCacheFixture(tb testing.TB) (*verifiedCache, *atomic.Int64, *demo.Material, App) {
	tb.Helper()
	m, err := demo.Load()
	require.NoError(tb, err)
	c := newVerifiedCache()
	return c, countChecks(c), m, registeredApp(tb, demo.SysID, &m.MerchantKey.PublicKey)
}

// signedParams are the parameters of req signed by key at timestamp.
func signedParams(tb testing.TB, key *rsa.PrivateKey, req, timestamp string) form.Params {
	tb.Helper()
	sign, err := keys.Sign(key, demo.SysID+req+timestamp)
	require.NoError(tb, err)
	return form.Params{SysID: demo.SysID, Req: req, Timestamp: timestamp, Sign: sign, V: "2.0"}
}

// TestVerifiedCacheHitSkipsRSA: the same request verifies once, and a hit
// returns what the journal shows.
func TestVerifiedCacheHitSkipsRSA(t *testing.T) {
	c, n, m, a := newCacheFixture(t)
	p := signedParams(t, m.MerchantKey, cannedReq, testTime)
	for range 3 {
		text, err := c.verify(a, p)
		require.NoError(t, err)
		assert.Equal(t, keys.MD5Base64(p.SysID+p.Req+p.Timestamp), text)
	}
	assert.Equal(t, int64(1), n.Load())
}

// TestVerifiedCacheMisses: anything that differs from the verified request,
// its strings or the key, is verified again.
func TestVerifiedCacheMisses(t *testing.T) {
	m, err := demo.Load()
	require.NoError(t, err)
	merchant := registeredApp(t, demo.SysID, &m.MerchantKey.PublicKey)
	base := signedParams(t, m.MerchantKey, cannedReq, testTime)
	otherReq := signedParams(t, m.MerchantKey, createMemberReq("a"), testTime)
	otherTime := signedParams(t, m.MerchantKey, cannedReq, "2026-11-28 12:00:01")
	tests := []struct {
		name  string
		app   App
		p     form.Params
		valid bool
	}{
		{"another sign", merchant, form.Params{SysID: base.SysID, Req: base.Req, Timestamp: base.Timestamp, Sign: otherReq.Sign}, false},
		{"another req", merchant, otherReq, true},
		{"the same req, another sign", merchant, form.Params{SysID: base.SysID, Req: otherReq.Req, Timestamp: base.Timestamp, Sign: base.Sign}, false},
		{"another timestamp", merchant, otherTime, true},
		{"the same strings split differently", merchant, form.Params{SysID: base.SysID, Req: base.Req + base.Timestamp[:4],
			Timestamp: base.Timestamp[4:], Sign: base.Sign}, true},
		{"another key", registeredApp(t, demo.SysID, &m.PlatformKey.PublicKey), base, false},
		{"the same key registered again", registeredApp(t, demo.SysID, &m.MerchantKey.PublicKey), base, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := newVerifiedCache()
			n := countChecks(c)
			_, err := c.verify(merchant, base)
			require.NoError(t, err)
			_, err = c.verify(tt.app, tt.p)
			assert.Equal(t, tt.valid, err == nil, "verdict: %v", err)
			assert.Equal(t, int64(2), n.Load(), "verified again")
		})
	}
}

// TestVerifiedCacheKeepsNoFailure: a signature that fails is verified again
// on every request.
func TestVerifiedCacheKeepsNoFailure(t *testing.T) {
	c, n, m, a := newCacheFixture(t)
	p := signedParams(t, m.PlatformKey, cannedReq, testTime) // the wrong key
	for range 3 {
		_, err := c.verify(a, p)
		require.Error(t, err)
	}
	assert.Equal(t, int64(3), n.Load())
	assert.Zero(t, c.verdicts.len())
}

// TestVerifiedCacheIsBounded: two generations at most, and a request too
// long is verified every time.
func TestVerifiedCacheIsBounded(t *testing.T) {
	c, n, _, a := newCacheFixture(t)
	c.check = func(App, string, string) error { n.Add(1); return nil } // any request verifies
	for i := range 3 * verifiedCacheEntries {
		_, err := c.verify(a, form.Params{SysID: demo.SysID, Req: fmt.Sprint(i), Timestamp: testTime, Sign: "s"})
		require.NoError(t, err)
		require.LessOrEqual(t, c.verdicts.len(), 2*verifiedCacheEntries)
	}
	long := form.Params{SysID: demo.SysID, Req: strings.Repeat("x", verifiedCacheMaxText), Timestamp: testTime, Sign: "s"}
	before := n.Load()
	for range 2 {
		_, err := c.verify(a, long)
		require.NoError(t, err)
	}
	assert.Equal(t, before+2, n.Load(), "a long request is not kept")
}

// TestVerifiedCacheReplacedKey: once the sysid is registered with another
// key, a request signed with the old one is refused, cached or not.
func TestVerifiedCacheReplacedKey(t *testing.T) {
	s, m := newCannedServer(t)
	h := s.Handler()
	n := countChecks(s.verified)
	oldKey := signedForm(t, m, cannedReq)
	assert.Equal(t, "OK", postRaw(t, h, m, oldKey)["status"])
	assert.Equal(t, "OK", postRaw(t, h, m, oldKey)["status"])
	assert.Equal(t, int64(1), n.Load(), "the second request is a hit")

	require.NoError(t, s.RegisterApp(App{SysID: demo.SysID, Key: &m.PlatformKey.PublicKey}))
	body := postRaw(t, h, m, oldKey)
	assert.Equal(t, "20019", body["errorCode"])
	assert.Equal(t, int64(2), n.Load())
}

// TestVerifiedCacheStillChecksTimestamp: a cached request whose timestamp
// has left the window is refused.
func TestVerifiedCacheStillChecksTimestamp(t *testing.T) {
	s, m := newCannedServer(t)
	h := s.Handler()
	form := signedForm(t, m, cannedReq)
	assert.Equal(t, "OK", postRaw(t, h, m, form)["status"])
	s.Clock().Advance(time.Hour)
	body := postRaw(t, h, m, form)
	assert.Equal(t, "10000", body["errorCode"])
	assert.Contains(t, body["message"], "timestamp")
}

// TestVerifiedCacheJournal: a hit is journaled as the RSA verification
// was, valid, with the text the signature covers and the key.
func TestVerifiedCacheJournal(t *testing.T) {
	s, m := newCannedServer(t)
	h := s.Handler()
	form := signedForm(t, m, cannedReq)
	postRaw(t, h, m, form)
	postRaw(t, h, m, form)
	entries := s.Journal(JournalFilter{})
	require.Len(t, entries, 2)
	want := SignatureCheck{Verdict: SignatureValid, VerifiedText: keys.MD5Base64(demo.SysID + cannedReq + testTime),
		Key: keys.Fingerprint(&m.MerchantKey.PublicKey)}
	assert.Equal(t, want, entries[0].Signature)
	assert.Equal(t, want, entries[1].Signature)
}

func TestVerifiedCacheConcurrent(t *testing.T) {
	c, _, m, a := newCacheFixture(t)
	good := signedParams(t, m.MerchantKey, cannedReq, testTime)
	bad := signedParams(t, m.PlatformKey, cannedReq, testTime)
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for range 20 {
				_, err := c.verify(a, good)
				assert.NoError(t, err)
				_, err = c.verify(a, bad)
				assert.Error(t, err)
			}
		})
	}
	wg.Wait()
	assert.Equal(t, 1, c.verdicts.len())
}

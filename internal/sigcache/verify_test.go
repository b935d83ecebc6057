package sigcache

import (
	"crypto/rsa"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/internal/apps"
	"github.com/tsymock/tsymock/internal/form"
	"github.com/tsymock/tsymock/keys"
	"github.com/tsymock/tsymock/keys/demo"
)

// countChecks makes c count its RSA verifications.
func countChecks(c *Verdicts) *atomic.Int64 {
	var n atomic.Int64
	check := c.check
	c.check = func(a apps.App, text, sign string) error {
		n.Add(1)
		return check(a, text, sign)
	}
	return &n
}

// registeredApp is an App with its Verifier, as the registry keeps it.
func registeredApp(tb testing.TB, sysid string, key *rsa.PublicKey) apps.App {
	tb.Helper()
	a, err := apps.NewRegistry().Add(apps.App{SysID: sysid, Key: key}, apps.OriginConfig)
	require.NoError(tb, err)
	return a
}

// testTime is when the test requests are signed.
const testTime = "2026-11-28 12:00:00"

// cannedReq is a call that repeats byte for byte, as in a load test.
const cannedReq = `{"service":"OrderService","method":"queryBalance","param":{"bizUserId":"rich","accountSetNo":"200126"}}`

// createMemberReq is a createMember req for bizUserId.
func createMemberReq(bizUserID string) string {
	return `{"service":"MemberService","method":"createMember","param":{"bizUserId":"` + bizUserID + `","memberType":3,"source":1}}`
}

// newCacheFixture is a verdict cache counting its RSA
// verifications, and the demo application.
func newCacheFixture(tb testing.TB) (*Verdicts, *atomic.Int64, *demo.Material, apps.App) {
	tb.Helper()
	m, err := demo.Load()
	require.NoError(tb, err)
	c := NewVerdicts()
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
		text, err := c.Verify(a, p)
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
		app   apps.App
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
			c := NewVerdicts()
			n := countChecks(c)
			_, err := c.Verify(merchant, base)
			require.NoError(t, err)
			_, err = c.Verify(tt.app, tt.p)
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
		_, err := c.Verify(a, p)
		require.Error(t, err)
	}
	assert.Equal(t, int64(3), n.Load())
	assert.Zero(t, c.verdicts.Len())
}

// TestVerifiedCacheIsBounded: two generations at most, and a request too
// long is verified every time.
func TestVerifiedCacheIsBounded(t *testing.T) {
	c, n, _, a := newCacheFixture(t)
	c.check = func(apps.App, string, string) error { n.Add(1); return nil } // any request verifies
	for i := range 3 * verifiedCacheEntries {
		_, err := c.Verify(a, form.Params{SysID: demo.SysID, Req: fmt.Sprint(i), Timestamp: testTime, Sign: "s"})
		require.NoError(t, err)
		require.LessOrEqual(t, c.verdicts.Len(), 2*verifiedCacheEntries)
	}
	long := form.Params{SysID: demo.SysID, Req: strings.Repeat("x", verifiedCacheMaxText), Timestamp: testTime, Sign: "s"}
	before := n.Load()
	for range 2 {
		_, err := c.Verify(a, long)
		require.NoError(t, err)
	}
	assert.Equal(t, before+2, n.Load(), "a long request is not kept")
}

func TestVerifiedCacheConcurrent(t *testing.T) {
	c, _, m, a := newCacheFixture(t)
	good := signedParams(t, m.MerchantKey, cannedReq, testTime)
	bad := signedParams(t, m.PlatformKey, cannedReq, testTime)
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for range 20 {
				_, err := c.Verify(a, good)
				assert.NoError(t, err)
				_, err = c.Verify(a, bad)
				assert.Error(t, err)
			}
		})
	}
	wg.Wait()
	assert.Equal(t, 1, c.verdicts.Len())
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

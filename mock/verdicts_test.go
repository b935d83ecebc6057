package mock

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/keys"
	"github.com/tsymock/tsymock/keys/demo"
)

// TestVerifiedCacheReplacedKey: once the sysid is registered with another
// key, a request signed with the old one is refused, cached or not.
func TestVerifiedCacheReplacedKey(t *testing.T) {
	s, m := newCannedServer(t)
	h := s.Handler()
	oldKey := signedForm(t, m, cannedReq)
	assert.Equal(t, "OK", postRaw(t, h, m, oldKey)["status"])
	assert.Equal(t, "OK", postRaw(t, h, m, oldKey)["status"])
	assert.Equal(t, 1, s.verified.Len(), "one verdict kept, the second request's")

	require.NoError(t, s.RegisterApp(App{SysID: demo.SysID, Key: &m.PlatformKey.PublicKey}))
	body := postRaw(t, h, m, oldKey)
	assert.Equal(t, "20019", body["errorCode"])
	assert.Equal(t, 1, s.verified.Len(), "the failure is not kept")
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

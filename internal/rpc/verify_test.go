package rpc

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/internal/apps"
	"github.com/tsymock/tsymock/internal/clock"
	"github.com/tsymock/tsymock/internal/journal"
	"github.com/tsymock/tsymock/internal/wiretest"
	"github.com/tsymock/tsymock/keys"
	"github.com/tsymock/tsymock/keys/demo"
)

// TestVerifiedCacheReplacedKey: once the sysid is registered with another
// key, a request signed with the old one is refused, cached or not.
func TestVerifiedCacheReplacedKey(t *testing.T) {
	h, m := newTestHandler(t, canned(t))
	oldKey := wiretest.SignedForm(t, m, wiretest.CannedReq)
	assert.Equal(t, "OK", wiretest.Post(t, h, m, oldKey)["status"])
	assert.Equal(t, "OK", wiretest.Post(t, h, m, oldKey)["status"])
	assert.Equal(t, 1, h.verdicts.Len(), "one verdict kept, the second request's")

	_, err := h.Apps.Add(apps.App{SysID: demo.SysID, Key: &m.PlatformKey.PublicKey}, apps.OriginAdmin)
	require.NoError(t, err)
	body := wiretest.Post(t, h, m, oldKey)
	assert.Equal(t, "20019", body["errorCode"])
	assert.Equal(t, 1, h.verdicts.Len(), "the failure is not kept")
}

// TestVerifiedCacheStillChecksTimestamp: a cached request whose timestamp
// has left the window is refused.
func TestVerifiedCacheStillChecksTimestamp(t *testing.T) {
	h, m := newTestHandler(t, canned(t))
	form := wiretest.SignedForm(t, m, wiretest.CannedReq)
	assert.Equal(t, "OK", wiretest.Post(t, h, m, form)["status"])
	h.cfg.Clock.(*clock.Manual).Advance(time.Hour)
	body := wiretest.Post(t, h, m, form)
	assert.Equal(t, "10000", body["errorCode"])
	assert.Contains(t, body["message"], "timestamp")
}

// TestVerifiedCacheJournal: a hit is journaled as the RSA verification
// was, valid, with the text the signature covers and the key.
func TestVerifiedCacheJournal(t *testing.T) {
	h, m := newTestHandler(t, canned(t))
	form := wiretest.SignedForm(t, m, wiretest.CannedReq)
	wiretest.Post(t, h, m, form)
	wiretest.Post(t, h, m, form)
	entries := h.Journal.Find(journal.Filter{})
	require.Len(t, entries, 2)
	want := journal.SignatureCheck{Verdict: journal.SignatureValid, VerifiedText: keys.MD5Base64(demo.SysID + wiretest.CannedReq + wiretest.Time),
		Key: keys.Fingerprint(&m.MerchantKey.PublicKey)}
	assert.Equal(t, want, entries[0].Signature)
	assert.Equal(t, want, entries[1].Signature)
}

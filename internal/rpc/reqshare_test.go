package rpc

import (
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/internal/journal"
	"github.com/tsymock/tsymock/internal/wiretest"
	"github.com/tsymock/tsymock/keys"
)

// TestSharedReqIsNeverChanged: calls sending the same req at once share
// its decoded envelope (the decoded-req cache's), and each decrypts its
// own copy: under -race a write to the shared params is reported, and
// every journal entry keeps the ciphertext as it was received.
func TestSharedReqIsNeverChanged(t *testing.T) {
	h, m := newTestHandler(t)
	wiretest.Call(t, h, m, wiretest.CreateMemberReq("shared"))
	idNo, err := keys.EncryptField(&m.PlatformKey.PublicKey, "110101199003077777")
	require.NoError(t, err)
	req := `{"service":"MemberService","method":"setRealName","param":{"bizUserId":"shared","name":"张三","identityType":1,"identityNo":"` + idNo + `"}}`
	const callers, calls = 8, 10
	var wg sync.WaitGroup
	for range callers {
		wg.Go(func() {
			for range calls {
				wiretest.Call(t, h, m, req)
			}
		})
	}
	wg.Wait()
	entries := h.Journal.Find(journal.Filter{Method: "setRealName"})
	require.Len(t, entries, callers*calls)
	for _, e := range entries {
		assert.Equal(t, idNo, e.Req.Param["identityNo"], "entry %d: the req as received", e.ID)
	}
}

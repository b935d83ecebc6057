package rpc

import (
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/internal/journal"
	"github.com/tsymock/tsymock/internal/wiretest"
	"github.com/tsymock/tsymock/keys"
	"github.com/tsymock/tsymock/scenarios"
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

// TestSharedRuleAnswerIsNeverChanged: a rule's fixed answer is one value
// every call shares; calls at once that the journal masks (a card number
// in clear) mask copies: under -race a write to it is reported, and every
// call gets the bytes the rule wrote.
func TestSharedRuleAnswerIsNeverChanged(t *testing.T) {
	const card = "6222021234567890123"
	f, err := scenarios.Parse("t.yaml", []byte("rules:\n  - when: {method: queryBalance}\n    respond: {ok: {allAmount: 1, freezenAmount: 0, cardNo: \""+card+"\", list: [{cardNo: \""+card+"\"}]}}\n"))
	require.NoError(t, err)
	h, m := newTestHandler(t, func(p *Parts) { p.Scenarios.SetFiles([]*scenarios.File{f}) })
	const callers, calls = 8, 10
	var wg sync.WaitGroup
	for range callers {
		wg.Go(func() {
			for range calls {
				got := wiretest.Call(t, h, m, `{"service":"OrderService","method":"queryBalance","param":{"bizUserId":"u","accountSetNo":"200126"}}`)
				assert.Contains(t, got["signedValue"], card)
			}
		})
	}
	wg.Wait()
	for _, e := range h.Journal.Find(journal.Filter{Method: "queryBalance"}) {
		assert.Equal(t, "622202*********0123", e.Answer["cardNo"], "entry %d: masked in the journal", e.ID)
	}
}

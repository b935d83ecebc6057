package rpc

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/internal/journal"
	"github.com/tsymock/tsymock/internal/soa"
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

// TestSharedReqOnEveryPath: twelve kinds of calls at once (templates that
// echo nested params, encrypted fields, bad-signature, emulate with an
// error, a slow body, refusals, the emulator), each sending one req many
// times: under -race nothing writes the decoded-req cache's envelope, which
// still equals a fresh decode afterwards (review-BB).
func TestSharedReqOnEveryPath(t *testing.T) {
	h, m := newTestHandler(t)
	wiretest.Call(t, h, m, wiretest.CreateMemberReq("shared"))
	idNo, err := keys.EncryptField(&m.PlatformKey.PublicKey, "110101199003077777")
	require.NoError(t, err)
	f, err := scenarios.Parse("t.yaml", []byte(`rules:
  - name: echo-nested
    when: {method: getMemberInfo}
    respond: {ok: {memberInfo: "{{param.memberInfo}}", list: ["{{param.memberInfo}}"]}}
  - name: echo-enc
    when: {method: setRealName, param: {bizUserId: echo}}
    respond: {ok: {identityNo: "{{param.identityNo}}", name: "{{param.name}}"}}
  - name: badsig
    when: {method: queryBalance}
    respond: {ok: {allAmount: 1, freezenAmount: 0}, fault: bad-signature}
  - name: lost
    when: {method: createMember, param: {bizUserId: {regex: "^lost"}}}
    respond: {emulate: true, error: {code: "9400"}}
  - name: bin
    when: {method: getBankCardBin}
    respond: {ok: {cardBinInfo: {}}}
  - name: slow
    when: {method: lockMember}
    respond: {ok: {}, slow-body: 1ms}
`))
	require.NoError(t, err)
	h.Scenarios.Add(f)
	const card = "6222021234567890123"
	reqs := []string{
		`{"service":"MemberService","method":"getMemberInfo","param":{"bizUserId":"shared","memberInfo":{"identityCardNo":"110101199003077777","legalIds":"110101199003077777","accountNo":"6222021234567890123","l":[{"a":1}]}}}`,
		`{"service":"MemberService","method":"setRealName","param":{"bizUserId":"echo","name":"张三","identityType":1,"identityNo":"` + idNo + `"}}`,
		`{"service":"MemberService","method":"setRealName","param":{"bizUserId":"shared","name":"张三","identityType":1,"identityNo":"` + idNo + `"}}`,
		`{"service":"MemberService","method":"setRealName","param":{"bizUserId":"shared","name":"card ` + card + `","identityType":1,"identityNo":"110101199003077777"}}`,
		`{"service":"OrderService","method":"queryBalance","param":{"bizUserId":"shared","accountSetNo":"200126"}}`,
		`{"service":"MemberService","method":"createMember","param":{"bizUserId":"lost-1","memberType":3,"source":1,"extendInfo":"card ` + card + `"}}`,
		`{"service":"MemberService","method":"getBankCardBin","param":{"cardNo":"` + card + `","x":{"cardNo":"` + card + `"}}}`,
		`{"service":"MemberService","method":"bindBankCard","param":{"bizUserId":"shared","cardNo":"` + card + `","phone":"13800000000","name":"张三","identityType":1,"identityNo":"110101199003077777","summary":"card ` + card + `"}}`,
		`{"service":"MemberService","method":"signContract","param":{"bizUserId":"shared","jumpUrl":"x","backUrl":"y","source":1}}`,
		`{"service":"MemberService","method":"createMember","param":{"bizUserId":"err-40014-x","memberType":3,"source":1}}`,
		`{"service":"MemberService","method":"lockMember","param":{"bizUserId":"shared"}}`,
		`{"service":"MemberService","method":"createMember","param":{"bizUserId":"c","memberType":3,"source":1,"payMethod":{"BALANCE":[{"amount":1}]}}}`,
	}
	var wg sync.WaitGroup
	for _, req := range reqs {
		for range 4 {
			wg.Go(func() {
				for range 5 {
					r := httptest.NewRequest(http.MethodPost, "/service/soa", strings.NewReader(wiretest.SignedForm(t, m, req)))
					r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
					rec := httptest.NewRecorder()
					h.ServeHTTP(rec, r)
					assert.Equal(t, http.StatusOK, rec.Code)
				}
			})
		}
	}
	wg.Wait()
	for _, req := range reqs {
		env, ok := h.reqs.envs.Get(req)
		require.True(t, ok, req)
		want, serr := soa.DecodeReq(req)
		require.Nil(t, serr)
		assert.Equal(t, want.Param, env.Param, "the cache's envelope of %s", req)
	}
}

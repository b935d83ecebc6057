package rpc

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/internal/journal"
	"github.com/tsymock/tsymock/internal/wiretest"
	"github.com/tsymock/tsymock/keys"
	"github.com/tsymock/tsymock/keys/demo"
	"github.com/tsymock/tsymock/scenarios"
)

func TestJournalRecordsEveryCall(t *testing.T) {
	h, m := newTestHandler(t)
	wiretest.Call(t, h, m, wiretest.CreateMemberReq("alice"))
	wiretest.Call(t, h, m, wiretest.CreateMemberReq("alice"))
	wrongKey, err := keys.Sign(m.PlatformKey, demo.SysID+wiretest.CreateMemberReq("bob")+wiretest.Time)
	require.NoError(t, err)
	wiretest.Post(t, h, m, url.Values{"sysid": {demo.SysID}, "sign": {wrongKey}, "timestamp": {wiretest.Time}, "v": {"2.0"},
		"req": {wiretest.CreateMemberReq("bob")}}.Encode())
	wiretest.Post(t, h, m, "sysid=nobody&v=2.0&timestamp=x&sign=y&req=%7B%7D")

	entries := h.Journal.Find(journal.Filter{})
	require.Len(t, entries, 4)
	assert.Equal(t, uint64(4), h.Journal.Last())
	ok, dup, bad, unknown := entries[0], entries[1], entries[2], entries[3]

	assert.Equal(t, journal.OutcomeOK, ok.Outcome)
	assert.Equal(t, "MemberService", ok.Service)
	assert.Equal(t, "createMember", ok.Method)
	assert.Equal(t, journal.SignatureValid, ok.Signature.Verdict)
	assert.Equal(t, keys.Fingerprint(&m.MerchantKey.PublicKey), ok.Signature.Key)
	assert.Equal(t, "alice", ok.Req.Param["bizUserId"])
	assert.Equal(t, "alice", ok.Answer["bizUserId"])
	assert.Contains(t, ok.Response, `"status":"OK"`)
	assert.Equal(t, http.StatusOK, ok.HTTPStatus)
	assert.Equal(t, wiretest.Loopback, ok.Remote)
	assert.Equal(t, wiretest.Time, ok.Raw["timestamp"])

	assert.Equal(t, "30000", dup.ErrorCode)
	assert.Equal(t, journal.OutcomeError, dup.Outcome)
	assert.Nil(t, dup.Answer)

	assert.Equal(t, "20019", bad.ErrorCode)
	assert.Equal(t, journal.SignatureInvalid, bad.Signature.Verdict)
	assert.Contains(t, bad.Signature.Diagnosis, "platform private key")
	assert.Equal(t, "createMember", bad.Method, "the req is decoded even when the signature fails")

	assert.Equal(t, "20000", unknown.ErrorCode)
	assert.Equal(t, journal.SignatureUnchecked, unknown.Signature.Verdict)
}

// TestJournalMasksNumbersSentInClear: an identity number sent without
// encryption (a client bug, answered 20017) is masked in every part of the
// entry.
func TestJournalMasksNumbersSentInClear(t *testing.T) {
	h, m := newTestHandler(t)
	wiretest.Call(t, h, m, wiretest.CreateMemberReq("a"))
	const idNo = "11010119900307803X"
	ans := wiretest.Call(t, h, m, `{"service":"MemberService","method":"setRealName","param":{"bizUserId":"a","name":"李四","identityType":1,"identityNo":"`+idNo+`"}}`)
	require.Equal(t, "20017", ans["errorCode"])
	assert.Contains(t, ans["message"], "identityNo", "the field named")
	assert.Contains(t, ans["message"], "its 18 characters look sent in clear", "the likely cause, without the number")
	e := h.Journal.Find(journal.Filter{Method: "setRealName"})[0]
	assert.Equal(t, "110101********803X", e.Req.Param["identityNo"])
	for _, text := range []string{e.Raw["req"], e.Response, e.Message} {
		assert.NotContains(t, text, idNo)
	}
	assert.Contains(t, e.Raw["req"], "110101********803X")
}

// TestJournalKeepsCiphertext: a field that decrypts is recorded as the
// ciphertext received, not as the plaintext the emulator was given.
func TestJournalKeepsCiphertext(t *testing.T) {
	h, m := newTestHandler(t)
	wiretest.Call(t, h, m, wiretest.CreateMemberReq("a"))
	cipher, err := keys.EncryptField(&m.PlatformKey.PublicKey, "11010119900307803X")
	require.NoError(t, err)
	ans := wiretest.Call(t, h, m, `{"service":"MemberService","method":"setRealName","param":{"bizUserId":"a","name":"李四","identityType":1,"identityNo":"`+cipher+`"}}`)
	require.Equal(t, "OK", ans["status"], "%v", ans)
	e := h.Journal.Find(journal.Filter{Method: "setRealName"})[0]
	assert.Equal(t, cipher, e.Req.Param["identityNo"])
	assert.Equal(t, "李四", e.Req.Param["name"])
}

// TestJournalRecordsCannedCall: a call a scenario rule answers is journaled
// with its params as received and the rule's answer.
func TestJournalRecordsCannedCall(t *testing.T) {
	h, m := newTestHandler(t, canned(t))
	wiretest.Post(t, h, m, wiretest.SignedForm(t, m, wiretest.CannedReq))
	e := h.Journal.Find(journal.Filter{})[0]
	assert.Equal(t, "OrderService", e.Service)
	assert.Equal(t, "queryBalance", e.Method)
	assert.Equal(t, &journal.DecodedReq{Service: "OrderService", Method: "queryBalance",
		Param: map[string]any{"bizUserId": "rich", "accountSetNo": "200126"}}, e.Req)
	assert.NotEmpty(t, e.Rule)
	assert.Contains(t, e.Answer, "allAmount")
	assert.Equal(t, journal.SignatureValid, e.Signature.Verdict)
}

// TestJournalMasksCannedCall: a number sent in clear in a call a scenario
// rule answers is masked too, though its params were not copied.
func TestJournalMasksCannedCall(t *testing.T) {
	h, m := newTestHandler(t)
	f, err := scenarios.Parse("t.yaml", []byte("rules:\n  - name: bin\n    when: {method: getBankCardBin}\n    respond: {ok: {cardBinInfo: {}}}\n"))
	require.NoError(t, err)
	h.Scenarios.Add(f)
	const card = "6222021234567890123"
	ans := wiretest.Call(t, h, m, `{"service":"MemberService","method":"getBankCardBin","param":{"cardNo":"`+card+`"}}`)
	require.Equal(t, "OK", ans["status"], "%v", ans)
	e := h.Journal.Find(journal.Filter{Method: "getBankCardBin"})[0]
	assert.NotEmpty(t, e.Rule)
	assert.Equal(t, "622202*********0123", e.Req.Param["cardNo"])
	assert.NotContains(t, e.Raw["req"], card)
}

// TestDuplicateKeyCardIsMasked: a card number typed into a free text that a
// later duplicate key overrides is masked in the journal's raw req, which
// the decoded params never show (review-BB).
func TestDuplicateKeyCardIsMasked(t *testing.T) {
	h, m := newTestHandler(t)
	const card = "6222021234567890123"
	wiretest.Call(t, h, m, `{"service":"MemberService","method":"createMember","param":{"bizUserId":"dup1","memberType":3,"source":1,"extendInfo":"card `+card+`","extendInfo":"x"}}`)
	e := h.Journal.Find(journal.Filter{})[0]
	assert.NotContains(t, e.Raw["req"], card)
	assert.Contains(t, e.Raw["req"], "622202*********0123")
}

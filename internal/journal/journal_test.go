package journal

import (
	"encoding/json"
	"fmt"
	"net/url"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/internal/emulator"
	"github.com/tsymock/tsymock/internal/soa"
)

// entryOf is a journal entry of sysid's call with these params.
func entryOf(sysid string, param map[string]any) *Entry {
	return &Entry{SysID: sysid, Service: "MemberService", Method: "createMember", Outcome: OutcomeOK,
		Raw: map[string]string{"sysid": sysid}, Req: &DecodedReq{Service: "MemberService", Method: "createMember", Param: param}}
}

func TestJournalIsBoundedPerApplication(t *testing.T) {
	j := New(3)
	for i := range 5 {
		j.Add(entryOf("A", map[string]any{"bizUserId": fmt.Sprint("u", i)}), true)
	}
	j.Add(entryOf("stranger", nil), false)
	all := j.Find(Filter{})
	require.Len(t, all, 4, "three of A's, and the stranger's in its own ring")
	assert.Equal(t, []uint64{3, 4, 5, 6}, []uint64{all[0].ID, all[1].ID, all[2].ID, all[3].ID})
	assert.Equal(t, "u2", all[0].Req.Param["bizUserId"])
	assert.Equal(t, uint64(6), j.Last())
}

func TestJournalCopiesCannotChangeIt(t *testing.T) {
	j := New(0)
	e := entryOf("A", map[string]any{"bizUserId": "a"})
	e.Emulated = &Emulated{Outcome: OutcomeOK, Answer: map[string]any{"bizUserId": "a"}}
	id := j.Add(e, true)
	got := j.Find(Filter{})[0]
	got.Req.Param["bizUserId"] = "changed"
	got.Raw["sysid"] = "changed"
	got.Emulated.Answer["bizUserId"] = "changed"
	again, ok := j.Get(id)
	require.True(t, ok)
	assert.Equal(t, "a", again.Req.Param["bizUserId"])
	assert.Equal(t, "a", again.Emulated.Answer["bizUserId"])
	assert.Equal(t, "A", again.Raw["sysid"])
	_, ok = j.Get(id + 1)
	assert.False(t, ok)
}

func TestJournalFindCountReset(t *testing.T) {
	j := New(0)
	for _, sysid := range []string{"A", "B", "A"} {
		j.Add(entryOf(sysid, map[string]any{"bizUserId": "u"}), true)
	}
	j.Add(entryOf("A", nil), false) // A's call before A was registered
	tests := []struct {
		name string
		f    Filter
		want []uint64
	}{
		{"all", Filter{}, []uint64{1, 2, 3, 4}},
		{"one application, its ring and the shared one", Filter{SysID: "A"}, []uint64{1, 3, 4}},
		{"after", Filter{After: 2}, []uint64{3, 4}},
		{"limit keeps the newest", Filter{Limit: 2}, []uint64{3, 4}},
		{"params", Filter{Params: map[string]string{"bizUserId": "u"}}, []uint64{1, 2, 3}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var ids []uint64
			for _, e := range j.Find(tt.f) {
				ids = append(ids, e.ID)
			}
			assert.Equal(t, tt.want, ids)
			tt.f.Limit = 0
			assert.Equal(t, len(j.Find(tt.f)), j.Count(tt.f))
		})
	}
	j.Reset("A")
	assert.Equal(t, 1, j.Count(Filter{}), "only B's call is left")
	j.Reset("")
	assert.Zero(t, j.Count(Filter{}))
	assert.Equal(t, uint64(4), j.Last(), "ids are never given twice")
}

func TestMaskEntry(t *testing.T) {
	const card = "6222021234567890123"
	cipher := strings.Repeat("AB", 128)
	e := &Entry{
		Raw:         map[string]string{"req": `{"param":{"cardNo":"` + card + `","validate":"` + cipher + `"}}`},
		Req:         &DecodedReq{Param: map[string]any{"cardNo": card, "validate": cipher}},
		Answer:      map[string]any{"list": []any{map[string]any{"bankCardNo": card}}},
		Response:    `{"signedValue":"{\"cardNo\":\"` + card + `\"}"}`,
		Message:     "card " + card,
		Portability: []emulator.Portability{{Rule: "test-card-prefix", Code: "30049", Message: "card " + card}},
		Emulated:    &Emulated{Outcome: OutcomeOK, Answer: map[string]any{"cardNo": card}, Message: "card " + card},
	}
	mask(e)
	assert.Equal(t, "622202*********0123", e.Emulated.Answer["cardNo"], "the emulator's answer a rule replaced too")
	assert.NotContains(t, e.Emulated.Message, card)
	assert.Equal(t, "622202*********0123", e.Req.Param["cardNo"])
	assert.Equal(t, cipher, e.Req.Param["validate"], "ciphertext stays as received")
	assert.Equal(t, "622202*********0123", e.Answer["list"].([]any)[0].(map[string]any)["bankCardNo"])
	for _, text := range []string{e.Raw["req"], e.Response, e.Message, e.Portability[0].Message} {
		assert.NotContains(t, text, card)
	}

	t.Run("free text", func(t *testing.T) {
		const id, order, merchant = "11010119900101123X", "1733301234567890123", "1733301234567"
		const platformOrder = "1012340000000000001" // tsymock's 19-digit orderNo
		note := "card " + card + ", id " + id + ", order " + merchant
		raw := `{"param":{"summary":"` + note + `","bizOrderNo":"` + merchant + `","vspMerchantid":"` + order + `"}}`
		e := &Entry{
			Raw: map[string]string{"req": raw},
			Req: &DecodedReq{Param: map[string]any{"summary": note, "bizOrderNo": merchant, "vspMerchantid": order,
				"extendInfo": map[string]any{"remark": id, "long": "x" + order + "1"}}},
			Answer:   map[string]any{"orderNo": platformOrder, "payInfo": "/yungateway/frontTrans.do?orderNo=" + platformOrder},
			Response: `{"orderNo":"` + platformOrder + `"}`,
		}
		mask(e)
		assert.Equal(t, "card 622202*********0123, id 110101********123X, order "+merchant, e.Req.Param["summary"],
			"a number that is also the req's bizOrderNo is kept")
		assert.Equal(t, "110101********123X", e.Req.Param["extendInfo"].(map[string]any)["remark"])
		assert.Equal(t, "x"+order+"1", e.Req.Param["extendInfo"].(map[string]any)["long"], "20 digits: no card")
		assert.Equal(t, merchant, e.Req.Param["bizOrderNo"], "an identifier is kept whole")
		assert.Equal(t, order, e.Req.Param["vspMerchantid"], "an identifier (lower-case id) is kept whole")
		assert.NotContains(t, e.Raw["req"], card)
		assert.NotContains(t, e.Raw["req"], id)
		assert.Contains(t, e.Raw["req"], `"bizOrderNo":"`+merchant+`"`)
		assert.Contains(t, e.Raw["req"], `"vspMerchantid":"`+order+`"`)
		assert.Contains(t, e.Answer["payInfo"], platformOrder, "tsymock's answers are not scrubbed of its own numbers")
		assert.Equal(t, `{"orderNo":"`+platformOrder+`"}`, e.Response, "the response stays the body that was signed")
	})

	t.Run("grouped and in lists", func(t *testing.T) {
		const spaced, dashed, id = "6222 0212 3456 7890 123", "6222-0212-3456-7890", "110101 19900307 803X"
		const order = "1733301234567890"
		param := map[string]any{
			"summary":    "card " + spaced,
			"remarks":    []any{"id " + id, map[string]any{"note": dashed}},
			"cardNo":     []any{"6222021234567890123", strings.Repeat("AB", 64)},
			"bizOrderNo": []any{order},
			"when":       "2026-12-04 15:38:40",
		}
		raw, err := json.Marshal(map[string]any{"param": param})
		require.NoError(t, err)
		e := &Entry{Raw: map[string]string{"req": string(raw)}, Req: &DecodedReq{Param: param}}
		mask(e)
		got := e.Req.Param
		assert.Equal(t, "card 622202*********0123", got["summary"])
		assert.Equal(t, []any{"id 110101********803X", map[string]any{"note": "622202******7890"}}, got["remarks"])
		assert.Equal(t, []any{"622202*********0123", strings.Repeat("AB", 64)}, got["cardNo"], "a list a sensitive name holds")
		assert.Equal(t, []any{order}, got["bizOrderNo"], "a list an identifier names is kept")
		assert.Equal(t, "2026-12-04 15:38:40", got["when"])
		for _, secret := range []string{spaced, dashed, id, "6222021234567890123"} {
			assert.NotContains(t, e.Raw["req"], secret)
		}
		assert.Contains(t, e.Raw["req"], order)
	})

	t.Run("on a copy, never in place", func(t *testing.T) {
		for _, tc := range []struct {
			name          string
			param, answer map[string]any
			copied        bool
		}{
			{"nothing to mask", map[string]any{"bizUserId": "u1", "amount": json.Number("100"), "l": []any{"a"}}, map[string]any{"orderNo": "1012340000000000001"}, false},
			{"ciphertext only", map[string]any{"cardNo": cipher}, map[string]any{"cardNo": cipher}, false},
			{"a card in clear", map[string]any{"cardNo": card}, map[string]any{}, true},
			{"a card in free text", map[string]any{"summary": "card " + card}, map[string]any{}, true},
			{"a card deep in the answer", map[string]any{}, map[string]any{"list": []any{map[string]any{"bankCardNo": card}}}, true},
		} {
			t.Run(tc.name, func(t *testing.T) {
				param, answer := soa.CopyParams(tc.param), soa.CopyParams(tc.answer)
				e := &Entry{Req: &DecodedReq{Param: param}, Answer: answer}
				mask(e)
				assert.Equal(t, tc.param, param, "the req as decoded is never changed (the decoded-req cache shares it)")
				assert.Equal(t, tc.answer, answer, "nor the answer (a fixed rule answer may be shared)")
				same := reflect.ValueOf(e.Req.Param).Pointer() == reflect.ValueOf(param).Pointer() &&
					reflect.ValueOf(e.Answer).Pointer() == reflect.ValueOf(answer).Pointer()
				assert.Equal(t, !tc.copied, same, "a copy only when something is masked")
			})
		}
	})

	t.Run("a number the decoded req does not hold", func(t *testing.T) {
		const order = "1733301234567890123"
		hex := strings.Repeat("AB", 40) + "1234567890123456" + "CD" // a ciphertext whose digits make a long run
		raw := `{"param":{"extendInfo":"card ` + card + `","extendInfo":"x","bizOrderNo":"` + order + `","cardNo":"` + hex + `"}}`
		e := &Entry{Raw: map[string]string{"req": raw},
			Req: &DecodedReq{Param: map[string]any{"extendInfo": "x", "bizOrderNo": order, "cardNo": hex}}}
		mask(e)
		assert.NotContains(t, e.Raw["req"], card, "a duplicate key's card, which the decoder overrode")
		assert.Contains(t, e.Raw["req"], `"extendInfo":"card 622202*********0123"`)
		assert.Contains(t, e.Raw["req"], order, "an identifier the decoded req holds stays")
		assert.Contains(t, e.Raw["req"], hex, "a ciphertext stays as received")
	})

	undecoded := &Entry{Raw: map[string]string{"req": `{"cardNo":"` + card + `"`}}
	mask(undecoded)
	assert.NotContains(t, undecoded.Raw["req"], card, "a req that is not JSON is scrubbed of long numbers")
}

// TestPortabilityFilter: ?portability= selects the calls noted under a
// rule, or under any with "any".
func TestPortabilityFilter(t *testing.T) {
	j := New(10)
	note := func(rule string) []emulator.Portability { return []emulator.Portability{{Rule: rule}} }
	j.Add(&Entry{SysID: "A", Portability: note("test-card-prefix")}, true)
	j.Add(&Entry{SysID: "A", Portability: append(note("test-identity"), note("test-card-prefix")...)}, true)
	j.Add(&Entry{SysID: "A"}, true)
	for _, tt := range []struct {
		rule string
		want int
	}{{"test-card-prefix", 2}, {"test-identity", 1}, {PortabilityAny, 2}, {"nothing", 0}, {"", 3}} {
		f, err := ParseFilter(url.Values{"portability": {tt.rule}})
		require.NoError(t, err)
		assert.Equal(t, tt.want, j.Count(f), tt.rule)
	}
	got := j.Find(Filter{Portability: "test-identity"})
	require.Len(t, got, 1)
	got[0].Portability[0].Rule = "changed"
	assert.Equal(t, "test-identity", j.Find(Filter{Portability: "test-identity"})[0].Portability[0].Rule, "a copy")
}

func TestParseFilter(t *testing.T) {
	q := url.Values{"sysid": {"S"}, "param.amount": {"100"}, "param.": {"x"}, "after": {"7"},
		"since": {"2026-11-28 12:00:00"}, "until": {"2026-11-28T05:00:00Z"}}
	f, err := ParseFilter(q)
	require.NoError(t, err)
	assert.Equal(t, "S", f.SysID)
	assert.Equal(t, map[string]string{"amount": "100"}, f.Params)
	assert.Equal(t, uint64(7), f.After)
	assert.True(t, f.Since.Equal(time.Date(2026, 11, 28, 4, 0, 0, 0, time.UTC)))
	assert.True(t, f.Until.Equal(time.Date(2026, 11, 28, 5, 0, 0, 0, time.UTC)))
	for _, bad := range []string{"after=x", "limit=-1", "since=soon", "until=1/2/3"} {
		q, _ := url.ParseQuery(bad)
		_, err := ParseFilter(q)
		assert.Error(t, err, bad)
	}
}

func TestLookupPath(t *testing.T) {
	v := map[string]any{"payMethod": map[string]any{"BALANCE": []any{map[string]any{"amount": "100"}}}, "n": 3}
	tests := []struct {
		path, want string
		ok         bool
	}{
		{"payMethod.BALANCE.0.amount", "100", true},
		{"payMethod.BALANCE.1.amount", "", false},
		{"payMethod.BALANCE.x", "", false},
		{"n", "3", true},
		{"n.m", "", false},
		{"payMethod", `{"BALANCE":[{"amount":"100"}]}`, true},
	}
	for _, tt := range tests {
		got, ok := lookupPath(v, tt.path)
		assert.Equal(t, tt.ok, ok, tt.path)
		assert.Equal(t, tt.want, got, tt.path)
	}
}

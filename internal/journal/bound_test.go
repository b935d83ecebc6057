package journal

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"unsafe"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// manyFields is an entry of a call with n form parameters besides the
// protocol's, each value long, and a req decoded into n keys.
func manyFields(verdict string, n, valueLen int) *Entry {
	raw := map[string]string{"sysid": "S", "req": strings.Repeat("r", 4*valueLen)}
	param := map[string]any{}
	for i := range n {
		raw[fmt.Sprintf("f%06d", i)] = strings.Repeat("v", valueLen)
		param[fmt.Sprintf("k%06d", i)] = strings.Repeat("p", valueLen)
	}
	return &Entry{SysID: "S", Raw: raw, Signature: SignatureCheck{Verdict: verdict},
		Req: &DecodedReq{Param: param}, Response: strings.Repeat("x", 4*valueLen), Message: "m"}
}

// TestEntriesAreCut: every value, the number of form parameters and the
// decoded req of an entry are bounded, smaller for a call whose signature
// did not verify, and what was cut is marked.
func TestEntriesAreCut(t *testing.T) {
	tests := []struct {
		name     string
		verdict  string
		cut      entryCut
		maxBytes int
	}{
		{"unsigned", SignatureUnchecked, otherCut, 40 << 10},
		{"bad signature", SignatureInvalid, otherCut, 40 << 10},
		{"signed", SignatureValid, signedCut, 2 << 20},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := manyFields(tt.verdict, 5000, 200<<10/100)
			size := shrink(e)
			assert.True(t, e.Truncated)
			assert.LessOrEqual(t, size, tt.maxBytes)
			assert.Equal(t, size, entrySize(e))
			assert.Len(t, e.Raw, 2+tt.cut.fields+1, "the protocol's, the first others, the marker")
			assert.Contains(t, e.Raw[TruncatedKey], fmt.Sprintf("%d more parameters not kept", 5000-tt.cut.fields))
			assert.Contains(t, e.Req.Param[TruncatedKey], "more keys not kept")
			assert.LessOrEqual(t, len(e.Raw["req"]), tt.cut.value+64)
			assert.LessOrEqual(t, len(e.Response), tt.cut.value+64)
			if tt.cut == otherCut {
				assert.True(t, strings.HasSuffix(e.Response, "…(tsymock: truncated, 8192 bytes in all)"))
			}
			_, err := json.Marshal(e)
			require.NoError(t, err)
		})
	}
	small := entryOf("A", map[string]any{"bizUserId": "u"})
	shrink(small)
	assert.False(t, small.Truncated, "a normal call is kept whole")
	assert.Equal(t, "u", small.Req.Param["bizUserId"])
}

// TestTextCutKeepsCharacters: a cut never splits a UTF-8 character.
func TestTextCutKeepsCharacters(t *testing.T) {
	s := shrinker{cut: entryCut{value: 10}}
	got := s.text(strings.Repeat("通", 10)) // 30 bytes
	assert.True(t, strings.HasPrefix(got, "通通通…"), got)
}

// TestJournalIsBoundedInBytes: past an application's bytes its oldest
// calls go; past the whole journal's bytes the oldest of any application
// go, and the estimate is kept exact through Reset.
func TestJournalIsBoundedInBytes(t *testing.T) {
	j := NewLimited(Limits{Entries: 1000, AppBytes: 100 << 10, TotalBytes: 150 << 10})
	for i := range 100 {
		j.Add(manyFields(SignatureValid, 1, 2<<10), true)
		require.LessOrEqual(t, j.Bytes(), 150<<10, "after %d", i)
	}
	a := j.Count(Filter{SysID: "S"})
	assert.Less(t, a, 100)
	assert.Greater(t, a, 3)
	for range 100 {
		e := manyFields(SignatureValid, 1, 2<<10)
		e.SysID = "T"
		j.Add(e, true)
	}
	assert.LessOrEqual(t, j.Bytes(), 150<<10)
	assert.Less(t, j.Count(Filter{SysID: "S"}), a, "the oldest application's calls made room")
	j.Reset("T")
	assert.Zero(t, j.Count(Filter{SysID: "T"}))
	sum := 0
	for _, e := range j.find(Filter{}) {
		sum += entrySize(e)
	}
	assert.Equal(t, sum, j.Bytes())
	j.Reset("")
	assert.Zero(t, j.Bytes())
}

// TestMaskNumbersAndExtraFields: a card or identity number sent as a JSON
// number, or in a form parameter beside req, is masked too.
func TestMaskNumbersAndExtraFields(t *testing.T) {
	const card, id = "6222021234567890123", "11010119900307803X"
	e := &Entry{
		Raw: map[string]string{"req": `{"param":{"cardNo":` + card + `}}`, "cardNo": card,
			"note": "id " + id + " here", "sysid": "S"},
		Req: &DecodedReq{Param: map[string]any{"cardNo": json.Number(card), "nested": map[string]any{"identityNo": json.Number("110101199003078031")}}},
	}
	mask(e)
	b, err := json.Marshal(e)
	require.NoError(t, err)
	for _, secret := range []string{card, id, "110101199003078031"} {
		assert.NotContains(t, string(b), secret)
	}
	assert.Equal(t, "622202*********0123", e.Req.Param["cardNo"])
	assert.Equal(t, "S", e.Raw["sysid"])
}

// TestExtraFieldsThatNameSomething: a page link's orderNo, the platform's
// own number, stays whole in the journal's raw query (docs/admin.md); any
// other extra parameter is the client's own and a card or identity number
// in it is masked, whatever its name ends in.
func TestExtraFieldsThatNameSomething(t *testing.T) {
	const orderNo, card, id = "1003460000000000011", "6222021234567890123", "110101199003071234"
	const masked = "622202*********0123"
	e := &Entry{Raw: map[string]string{"orderNo": orderNo, "bizUserId": card, "cardNo": card, "CardNo": card,
		"bankcardno": card, "acctNo": card, "idCardNo": id, "note": card}}
	mask(e)
	assert.Equal(t, map[string]string{"orderNo": orderNo, "bizUserId": masked, "cardNo": masked, "CardNo": masked,
		"bankcardno": masked, "acctNo": masked, "idCardNo": "110101********1234", "note": masked}, e.Raw)
}

// TestShrinkKeepsInPlace: an entry within its cut keeps its decoded req,
// answer, raw parameters and sysid as they are, with no copy (the journal
// only reads them, and masks on a copy: the decoded-req cache and a rule's
// fixed answer share them; the form reader gives each parameter memory of
// its own: TestParseOwnsItsTexts there).
func TestShrinkKeepsInPlace(t *testing.T) {
	param := map[string]any{"bizUserId": "u", "nested": map[string]any{"a": json.Number("1")}}
	answer := map[string]any{"allAmount": json.Number("100")}
	raw := map[string]string{"sysid": "S1", "sign": "abc", "req": `{"x":1}`, "note": "n"}
	e := &Entry{SysID: raw["sysid"], Signature: SignatureCheck{Verdict: SignatureValid}, Raw: raw,
		Req: &DecodedReq{Param: param}, Answer: answer}
	shrink(e)
	assert.False(t, e.Truncated)
	assert.Equal(t, reflect.ValueOf(param).Pointer(), reflect.ValueOf(e.Req.Param).Pointer(), "req kept in place")
	assert.Equal(t, reflect.ValueOf(answer).Pointer(), reflect.ValueOf(e.Answer).Pointer(), "answer kept in place")
	assert.Equal(t, reflect.ValueOf(raw).Pointer(), reflect.ValueOf(e.Raw).Pointer(), "raw kept in place")
	assert.Equal(t, map[string]string{"sysid": "S1", "sign": "abc", "req": `{"x":1}`, "note": "n"}, e.Raw)
	assert.Equal(t, unsafe.StringData(raw["req"]), unsafe.StringData(e.Raw["req"]), "no copy of a text")
}

// TestShrinkKeepsJSON: what is kept in place reads as the copy did: a nil
// raw map, object or list inside the req are written as {} and [], never
// null.
func TestShrinkKeepsJSON(t *testing.T) {
	e := &Entry{Req: &DecodedReq{Param: map[string]any{"m": map[string]any(nil), "l": []any(nil)}}}
	shrink(e)
	b, err := json.Marshal(e)
	require.NoError(t, err)
	assert.Contains(t, string(b), `"raw":{}`)
	assert.Contains(t, string(b), `"param":{"l":[],"m":{}}`)
}

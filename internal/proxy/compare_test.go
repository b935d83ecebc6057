package proxy

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/internal/journal"
	"github.com/tsymock/tsymock/internal/soa"
)

// TestDiff: what compare mode reports, and what it leaves out.
func TestDiff(t *testing.T) {
	t.Parallel()
	p := &Proxy{ignore: Patterns(DefaultCompareIgnore())}
	queryBankCard, serr := soa.DefaultCatalogue().Lookup("MemberService", "queryBankCard")
	require.Nil(t, serr)
	for _, tc := range []struct {
		name     string
		local    string // JSON, or "error CODE MESSAGE"
		upstream string // an envelope
		want     []journal.Difference
	}{
		{name: "the same", local: `{"a":1,"b":"x"}`, upstream: okBody(`{"b":"x","a":1.0}`)},
		{name: "ids and times differ by nature", local: `{"userId":"u1","payDatetime":"2026-11-28 12:00:00"}`,
			upstream: okBody(`{"userId":"u2","payDatetime":"2026-11-28 12:00:01"}`)},
		{name: "an ignored field still has to be there", local: `{"userId":"u1"}`, upstream: okBody(`{}`),
			want: []journal.Difference{{Path: "signedValue.userId", Kind: DiffMissingUpstream, Local: "u1"}}},
		{name: "a value", local: `{"payStatus":"success"}`, upstream: okBody(`{"payStatus":"pending"}`),
			want: []journal.Difference{{Path: "signedValue.payStatus", Kind: DiffValue, Local: "success", Upstream: "pending"}}},
		{name: "a number against text", local: `{"amount":100}`, upstream: okBody(`{"amount":"100"}`),
			want: []journal.Difference{{Path: "signedValue.amount", Kind: DiffType, Local: num("100"), Upstream: "100"}}},
		{name: "a key only one side has", local: `{"a":{"b":1}}`, upstream: okBody(`{"a":{"c":2}}`),
			want: []journal.Difference{{Path: "signedValue.a.b", Kind: DiffMissingUpstream, Local: num("1")},
				{Path: "signedValue.a.c", Kind: DiffMissingLocal, Upstream: num("2")}}},
		{name: "lists", local: `{"l":[1,2]}`, upstream: okBody(`{"l":[1,3,4]}`),
			want: []journal.Difference{{Path: "signedValue.l", Kind: DiffLength, Local: 2, Upstream: 3},
				{Path: "signedValue.l[1]", Kind: DiffValue, Local: num("2"), Upstream: num("3")}}},
		{name: "an OK against an error", local: `{"a":1}`, upstream: `{"errorCode":"30000","message":"m","status":"error"}`,
			want: []journal.Difference{{Path: "status", Kind: DiffValue, Local: "OK", Upstream: "error"},
				{Path: "errorCode", Kind: DiffMissingLocal, Upstream: "30000"}, {Path: "message", Kind: DiffMissingLocal, Upstream: "m"}}},
		{name: "another message", local: "error 40014 账户余额不足", upstream: `{"errorCode":"40014","message":"余额不足","status":"error"}`,
			want: []journal.Difference{{Path: "message", Kind: DiffValue, Local: "账户余额不足", Upstream: "余额不足"}}},
		{name: "fields encrypted for the merchant", local: `{"bindCardList":[{"bankCardNo":"AA","bankName":"x"}]}`,
			upstream: okBody(`{"bindCardList":[{"bankCardNo":"BB","bankName":"x"}]}`)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			a, err := ParseAnswer([]byte(tc.upstream))
			require.NoError(t, err)
			got := p.diff(queryBankCard, localAnswer(t, tc.local), a)
			assert.Equal(t, tc.want, got)
		})
	}
}

// TestDiffIsBounded: a very different answer keeps maxDifferences, and
// says how many more there were.
func TestDiffIsBounded(t *testing.T) {
	t.Parallel()
	local := map[string]any{}
	for i := range maxDifferences + 5 {
		local[string(rune('a'+i%26))+string(rune('a'+i/26))] = i
	}
	p := &Proxy{}
	a, err := ParseAnswer([]byte(okBody(`{}`)))
	require.NoError(t, err)
	got := p.diff(nil, Local{Value: wireValue(local)}, a)
	require.Len(t, got, maxDifferences+1)
	assert.Equal(t, journal.Difference{Path: "…", Kind: "more", Local: 5}, got[maxDifferences])
}

func num(s string) any { return json.Number(s) }

// okBody is an OK envelope around value.
func okBody(value string) string {
	quoted, _ := json.Marshal(value)
	return `{"sign":"s","signedValue":` + string(quoted) + `,"status":"OK"}`
}

// localAnswer reads a test's emulator answer.
func localAnswer(t *testing.T, s string) Local {
	t.Helper()
	if len(s) > 6 && s[:6] == "error " {
		code, msg := s[6:11], s[12:]
		return Local{Err: &soa.Error{Code: code, Message: msg}}
	}
	return Local{Value: decodeJSON(t, s)}
}

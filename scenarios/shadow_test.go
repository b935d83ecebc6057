package scenarios

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestShadowed: a rule after one with the same when that answers every
// call never answers (probe-Z 13); times, a delay alone or another when
// leave it something to answer.
func TestShadowed(t *testing.T) {
	const second = "  - {when: {method: pay, param: {bizOrderNo: a}}, respond: {error: \"9500\"}}\n"
	for _, tc := range []struct{ name, first, want string }{
		{"identical when", `{when: {method: pay, param: {bizOrderNo: a}}, respond: {error: "9400"}}`,
			"test.yaml:3: this rule never answers: test.yaml:2 matches the same calls (pay, bizOrderNo = a)"},
		{"a sequence that always answers", `{when: {method: pay, param: {bizOrderNo: a}}, sequence: [{error: "9400"}, {emulate: true}]}`,
			"test.yaml:3: this rule never answers"},
		{"times", `{when: {method: pay, param: {bizOrderNo: a}}, respond: {error: "9400"}, times: 2}`, ""},
		{"a delay alone", `{when: {method: pay, param: {bizOrderNo: a}}, respond: {delay: 1s}}`, ""},
		{"a sequence with a delay alone", `{when: {method: pay, param: {bizOrderNo: a}}, sequence: [{error: "9400"}, {delay: 1s}]}`, ""},
		{"another param", `{when: {method: pay, param: {bizOrderNo: b}}, respond: {error: "9400"}}`, ""},
		{"another sysid", `{when: {method: pay, sysid: x, param: {bizOrderNo: a}}, respond: {error: "9400"}}`, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := mustParse(t, "rules:\n  - "+tc.first+"\n"+second)
			got := Shadowed([]*File{f})
			if tc.want == "" {
				assert.Empty(t, got)
				return
			}
			require.Len(t, got, 1)
			assert.Contains(t, got[0].Error(), tc.want)
		})
	}
}

// TestShadowedAcrossFiles: files are tried in order, so a rule of a later
// file is shadowed by an earlier file's.
func TestShadowedAcrossFiles(t *testing.T) {
	a, err := Parse("a.yaml", []byte("rules:\n  - {when: {method: pay}, respond: {error: \"9400\"}}\n"))
	require.NoError(t, err)
	b, err := Parse("b.yaml", []byte("rules:\n  - {when: {method: pay}, respond: {error: \"9500\"}}\n"))
	require.NoError(t, err)
	got := Shadowed([]*File{a, b})
	require.Len(t, got, 1)
	assert.Contains(t, got[0].Error(), "b.yaml:2: this rule never answers: a.yaml:2 matches")
	assert.Empty(t, Shadowed([]*File{a}))
}

package main

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDisplayWidth(t *testing.T) {
	for _, tc := range []struct {
		s    string
		want int
	}{
		{"", 0},
		{"abc", 3},
		{"通商云", 6},
		{"响应被篡改，只发生一次", 22}, // the fullwidth comma is wide too
		{"a通b", 4},
		{"ｶﾀｶﾅ", 4},         // halfwidth katakana: narrow
		{"ＡＢ", 4},           // fullwidth Latin
		{"한국", 4},           // Hangul
		{"e\u0301", 1},      // a combining accent takes no column
		{"😀", 2},            // emoji
		{"§4.2.9 — ok", 11}, // ambiguous-width punctuation counted narrow, as terminals outside CJK locales do
	} {
		t.Run(tc.s, func(t *testing.T) { assert.Equal(t, tc.want, displayWidth(tc.s)) })
	}
}

func TestWriteTable(t *testing.T) {
	var b bytes.Buffer
	require.NoError(t, writeTable(&b, [][]string{{"RULE", "WHEN", "RESPOND"}, {"a.yaml:2 慢", "x", "delay"}, {"a.yaml:5 long name", "yy", "ok"}}))
	assert.Equal(t, "RULE                WHEN  RESPOND\n"+
		"a.yaml:2 慢         x     delay\n"+
		"a.yaml:5 long name  yy    ok\n", b.String())
}

// TestValidateListChineseNames: the columns of validate --list stay in line
// when the rule names are Chinese (probe-R finding 11).
func TestValidateListChineseNames(t *testing.T) {
	file := filepath.Join(t.TempDir(), "sc.yaml")
	require.NoError(t, os.WriteFile(file, []byte(`rules:
  - name: 响应被篡改，只发生一次
    when: {method: getOrderDetail}
    respond: {fault: bad-signature}
  - name: slow
    when: {method: queryBalance}
    respond: {delay: 1s}
`), 0o600))
	var out bytes.Buffer
	require.Equal(t, 0, run(context.Background(), []string{"validate", "--list", "--no-magic", file}, &out, io.Discard))
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	require.Len(t, lines, 4, out.String()) // the header, two rules, the summary
	col := func(line, text string) int {
		i := strings.Index(line, text)
		require.GreaterOrEqual(t, i, 0, "%q in %q", text, line)
		return displayWidth(line[:i])
	}
	when := col(lines[0], "WHEN")
	assert.Equal(t, when, col(lines[1], "getOrderDetail"), out.String())
	assert.Equal(t, when, col(lines[2], "queryBalance"), out.String())
}

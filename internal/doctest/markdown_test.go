package doctest

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
)

func TestBlocks(t *testing.T) {
	md := "# t\n\n<!-- from examples/a.go -->\n```go\nx := 1\n```\n\ntext `inline`\n\n   ~~~~yaml title\n   a: 1\n    b: 2\n   ~~~~\n```\nopen"
	got := Blocks(md)
	assert.Equal(t, []Block{
		{Lang: "go", Code: "x := 1", Line: 4, From: "examples/a.go"},
		{Lang: "yaml", Code: "a: 1\n b: 2", Line: 10},
		{Lang: "", Code: "open", Line: 14},
	}, got)
	assert.Equal(t, []string{"inline"}, Spans(md))
	assert.NotContains(t, Prose(md), "x := 1")
}

func TestIsExcerpt(t *testing.T) {
	file := "package main\n\nfunc f() {\n\turl := \"http://x\" // the URL\n\t// why\n\treturn url\n}\n"
	for _, tc := range []struct {
		name    string
		snippet string
		want    bool
	}{
		{"same lines, other indentation and comments", "url := \"http://x\" // 网关地址\nreturn url", true},
		{"a line comment in between is ignored", "url := \"http://x\"\n// 说明\n\nreturn url", true},
		{"a changed line", "url := \"http://y\"\nreturn url", false},
		{"lines out of order", "return url\nurl := \"http://x\"", false},
		{"only comments", "// nothing", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, IsExcerpt(file, tc.snippet))
		})
	}
}

// FuzzBlocks: any text splits into blocks without a panic, every block's
// code comes from the text, and its line is one of the text's lines.
func FuzzBlocks(f *testing.F) {
	f.Add("```go\nx\n```\n")
	f.Add("<!-- from a -->\n~~~\n```\n~~~~\n")
	f.Fuzz(func(t *testing.T, md string) {
		lines := strings.Count(md, "\n") + 1
		for _, b := range Blocks(md) {
			if b.Line < 1 || b.Line > lines {
				t.Fatalf("line %d outside 1..%d", b.Line, lines)
			}
			for _, l := range strings.Split(b.Code, "\n") {
				if !strings.Contains(md, l) {
					t.Fatalf("code line %q is not in the text", l)
				}
			}
			if utf8.ValidString(md) && !utf8.ValidString(b.Code) {
				t.Fatalf("invalid UTF-8 from valid input")
			}
		}
		_ = Spans(md)
	})
}

func TestAnchors(t *testing.T) {
	md := "# Running tsymock in CI\n## GitHub Actions\n```sh\n# not a heading\n```\n### As a `service` container\n## 账户集（spec §6.17）\n## GitHub Actions\n"
	assert.Equal(t, []string{"running-tsymock-in-ci", "github-actions", "as-a-service-container", "账户集spec-617", "github-actions-1"}, Anchors(md))
}

package doctest

import (
	"regexp"
	"slices"
	"strings"
)

// trailingComment is a "//" comment after code; the space before it keeps
// the "//" of a URL ("http://") out.
var trailingComment = regexp.MustCompile(`\s+//.*$`)

// codeLines is text without comments, indentation and blank lines: what
// must be equal for a doc snippet to be an excerpt of a file. Comments may
// differ, so that the Chinese guide can explain the same code in Chinese.
func codeLines(text string) []string {
	var out []string
	for _, l := range strings.Split(text, "\n") {
		l = strings.TrimSpace(trailingComment.ReplaceAllString(l, ""))
		if l == "" || strings.HasPrefix(l, "//") {
			continue
		}
		out = append(out, l)
	}
	return out
}

// IsExcerpt reports whether snippet's code lines appear in file, together
// and in order. A snippet without code is no excerpt.
func IsExcerpt(file, snippet string) bool {
	f, s := codeLines(file), codeLines(snippet)
	if len(s) == 0 {
		return false
	}
	for i := 0; i+len(s) <= len(f); i++ {
		if slices.Equal(f[i:i+len(s)], s) {
			return true
		}
	}
	return false
}

// Package doctest reads the code in the project's Markdown docs, so that
// tests can build, run or check what the docs tell a user to type: the SDK
// guides' snippets (docs/sdks.md, docs/zh-CN/sdks.md) are excerpts of the
// programs under examples/, which the tests of this package run against a
// tsymock; cmd/tsymock's tests check the commands, flags, environment
// variables and file names the docs name; docs/zh-CN/methods.md keeps
// every method heading and error code of docs/methods.md.
package doctest

import (
	"fmt"
	"regexp"
	"strings"
)

// Block is one fenced code block of a Markdown document.
type Block struct {
	// Lang is the first word of the opening fence's info string ("go",
	// "yaml", "sh"), or "" when there is none.
	Lang string
	// Code is the text between the fences, without the fences' indentation.
	Code string
	// Line is the 1-based line of the opening fence.
	Line int
	// From is the file named by a "<!-- from PATH -->" comment on the line
	// just above the fence: the block is an excerpt of that file.
	From string
}

var (
	fenceRE = regexp.MustCompile("^( *)(```+|~~~+)\\s*([^`\\s]*)")
	fromRE  = regexp.MustCompile(`^\s*<!--\s*from\s+(\S+)\s*-->\s*$`)
)

// Blocks returns the fenced code blocks of md in order. A block left open
// runs to the end of the document, as CommonMark reads it.
func Blocks(md string) []Block {
	lines := strings.Split(md, "\n")
	var out []Block
	for i := 0; i < len(lines); i++ {
		m := fenceRE.FindStringSubmatch(lines[i])
		if m == nil {
			continue
		}
		b := Block{Lang: m[3], Line: i + 1}
		if i > 0 {
			if f := fromRE.FindStringSubmatch(lines[i-1]); f != nil {
				b.From = f[1]
			}
		}
		var code []string
		for i++; i < len(lines) && !closes(lines[i], m[2]); i++ {
			code = append(code, strings.TrimPrefix(lines[i], m[1]))
		}
		b.Code = strings.Join(code, "\n")
		out = append(out, b)
	}
	return out
}

// closes reports whether line closes a block opened by fence: the same
// character, at least as many, nothing after but spaces.
func closes(line, fence string) bool {
	t := strings.TrimSpace(line)
	return len(t) >= len(fence) && strings.Trim(t, fence[:1]) == ""
}

// Prose returns md without its fenced code blocks, for the code spans and
// links of the running text.
func Prose(md string) string {
	lines := strings.Split(md, "\n")
	var out []string
	for i := 0; i < len(lines); i++ {
		m := fenceRE.FindStringSubmatch(lines[i])
		if m == nil {
			out = append(out, lines[i])
			continue
		}
		for i++; i < len(lines) && !closes(lines[i], m[2]); i++ {
		}
	}
	return strings.Join(out, "\n")
}

var spanRE = regexp.MustCompile("`([^`\n]+)`")

// Spans returns the text of the inline code spans of md's prose.
func Spans(md string) []string {
	var out []string
	for _, m := range spanRE.FindAllStringSubmatch(Prose(md), -1) {
		out = append(out, m[1])
	}
	return out
}

var (
	headingRE    = regexp.MustCompile(`^#{1,6}\s+(.+?)\s*#*\s*$`)
	anchorDropRE = regexp.MustCompile(`[^\p{L}\p{N}\s_-]`)
)

// Anchors are the link targets ("#the-file") of md's headings, made as
// GitHub makes them: lower case, punctuation dropped (letters of any
// script kept), spaces as hyphens, "-1", "-2"... for repeats.
func Anchors(md string) []string {
	seen := map[string]int{}
	var out []string
	for _, l := range strings.Split(Prose(md), "\n") {
		m := headingRE.FindStringSubmatch(l)
		if m == nil {
			continue
		}
		a := strings.ToLower(strings.ReplaceAll(m[1], "`", ""))
		a = strings.ReplaceAll(anchorDropRE.ReplaceAllString(a, ""), " ", "-")
		if n := seen[a]; n > 0 {
			out = append(out, fmt.Sprintf("%s-%d", a, n))
		} else {
			out = append(out, a)
		}
		seen[a]++
	}
	return out
}

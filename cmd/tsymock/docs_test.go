package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/internal/doctest"
	"github.com/tsymock/tsymock/scenarios"
)

// repoRoot is the repository, seen from this package's folder.
const repoRoot = "../.."

// doc is one Markdown document of the project: its path from the
// repository root and its text.
type doc struct {
	path string
	text string
}

// projectDocs are the READMEs and every page under docs/, in English and
// Chinese.
func projectDocs(t *testing.T) []doc {
	t.Helper()
	var paths []string
	for _, pattern := range []string{"README*.md", "docs/*.md", "docs/zh-CN/*.md"} {
		m, err := filepath.Glob(filepath.Join(repoRoot, pattern))
		require.NoError(t, err)
		paths = append(paths, m...)
	}
	require.NotEmpty(t, paths)
	var out []doc
	for _, p := range paths {
		b, err := os.ReadFile(p)
		require.NoError(t, err)
		rel, err := filepath.Rel(repoRoot, p)
		require.NoError(t, err)
		out = append(out, doc{path: filepath.ToSlash(rel), text: string(b)})
	}
	return out
}

// blockTexts are a doc's fenced blocks, with shell line continuations
// joined.
func blockTexts(d doc) []string {
	var out []string
	for _, b := range doctest.Blocks(d.text) {
		out = append(out, strings.ReplaceAll(b.Code, "\\\n", " "))
	}
	return out
}

// codeTexts are the texts of a doc a user types: its fenced blocks and its
// inline code spans.
func codeTexts(d doc) []string {
	return append(blockTexts(d), doctest.Spans(d.text)...)
}

// helpText is what "tsymock SUB --help" prints, once per subcommand.
type helpText map[string]string

func (h helpText) of(sub string) string {
	if s, ok := h[sub]; ok {
		return s
	}
	var out, errOut bytes.Buffer
	run(context.Background(), []string{sub, "--help"}, &out, &errOut)
	h[sub] = out.String() + errOut.String()
	return h[sub]
}

// subcommand reports whether name is a tsymock subcommand.
func subcommand(name string) bool {
	return slices.ContainsFunc(commands(), func(c command) bool { return c.name == name })
}

// TestDocsNameRealCommands: every "tsymock SUB --flag" the docs show a user
// names a real subcommand and flags that subcommand has ("tsymock --flag"
// is serve's).
func TestDocsNameRealCommands(t *testing.T) {
	help := helpText{}
	for _, d := range projectDocs(t) {
		t.Run(d.path, func(t *testing.T) {
			var lines []string
			for _, code := range blockTexts(d) {
				lines = append(lines, strings.Split(code, "\n")...)
			}
			strict := len(lines) // block lines; the spans follow
			for i, line := range append(lines, doctest.Spans(d.text)...) {
				for _, inv := range invocations(line, i < strict) {
					if !assert.True(t, subcommand(inv.sub), "%s: %q: tsymock has no subcommand %q", d.path, line, inv.sub) {
						continue
					}
					for _, f := range inv.flags {
						assert.True(t, hasFlag(help.of(inv.sub), f), "%s: %q: tsymock %s has no flag %s", d.path, line, inv.sub, f)
					}
				}
			}
		})
	}
}

// hasFlag reports whether a subcommand's help lists flag ("--url" or "-q").
func hasFlag(help, flag string) bool {
	if strings.HasPrefix(flag, "--") {
		return regexp.MustCompile(`(^|[\s,])` + regexp.QuoteMeta(flag) + `\b`).MatchString(help)
	}
	return strings.Contains(help, flag+", ")
}

var envRE = regexp.MustCompile(`TSYMOCK_[A-Z0-9_]*[A-Z0-9]`)

// TestDocsNameRealVariables: every TSYMOCK_ variable the docs name is the
// variable of a serve flag, or a misspelling they show serve warning about.
func TestDocsNameRealVariables(t *testing.T) {
	known := serveEnvNames()
	for _, d := range projectDocs(t) {
		for _, v := range envRE.FindAllString(d.text, -1) {
			if slices.Contains(misspelt, v) {
				continue
			}
			assert.True(t, known[v], "%s names %s, which no serve flag reads", d.path, v)
		}
	}
}

// TestDocsNameRealFiles: the links, repository paths, bundled key files,
// built-in scenarios and make targets the docs name exist.
func TestDocsNameRealFiles(t *testing.T) {
	docs := projectDocs(t)
	anchors := map[string][]string{}
	for _, d := range docs {
		anchors[d.path] = doctest.Anchors(d.text)
	}
	makefile, err := os.ReadFile(filepath.Join(repoRoot, "Makefile"))
	require.NoError(t, err)
	for _, d := range docs {
		t.Run(d.path, func(t *testing.T) {
			checkLinks(t, d, anchors)
			code := strings.Join(codeTexts(d), "\n")
			for _, p := range repoPaths(code) {
				assert.True(t, exists(p), "%s names %s, which is not in the repository", d.path, p)
			}
			for _, name := range regexp.MustCompile(`TEST-ONLY-[\w.-]*\w`).FindAllString(d.text, -1) {
				assert.True(t, exists("keys/demo/"+name), "%s names the bundled file %s, which keys/demo does not hold", d.path, name)
			}
			for _, m := range regexp.MustCompile(`builtin:([a-z][a-z-]*)`).FindAllStringSubmatch(code, -1) {
				assert.Contains(t, scenarios.BuiltinNames(), m[1], "%s names builtin:%s", d.path, m[1])
			}
			for _, m := range regexp.MustCompile(`\bmake ([a-z][a-z-]*)`).FindAllStringSubmatch(code, -1) {
				assert.Regexp(t, `(?m)^`+regexp.QuoteMeta(m[1])+`:`, string(makefile), "%s names make %s", d.path, m[1])
			}
		})
	}
}

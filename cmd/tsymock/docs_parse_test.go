package main

import (
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/spf13/pflag"
	"github.com/stretchr/testify/assert"

	"github.com/tsymock/tsymock/internal/doctest"
)

// invocation is one "tsymock SUB --flag ..." found in a doc.
type invocation struct {
	sub   string
	flags []string
}

// shellEnd ends a command's arguments: a pipe, a list, a redirection, a
// comment, a closing quote or parenthesis of the surrounding text.
func shellEnd(tok string) bool {
	return strings.ContainsAny(tok[:1], "|&;#>)`") || strings.HasPrefix(tok, "2>") || strings.HasPrefix(tok, "1>")
}

// lineComment is a shell "#" or a "//" comment, after a space or at the
// start: what follows it is prose.
var lineComment = regexp.MustCompile(`(^|\s)(#|//)\s.*$`)

// invocations finds the tsymock command lines of one line of a doc: the
// word tsymock (or a path ending in /tsymock) as a command, not as the
// value of another program's flag (docker run --name tsymock). The image
// name tsymock/tsymock is followed by the command, as the binary is. A
// word after tsymock that is no subcommand counts as one in a code block
// (strict) and as running text in an inline span ("tsymock reserve fund").
func invocations(line string, strict bool) []invocation {
	toks := strings.Fields(lineComment.ReplaceAllString(line, ""))
	var out []invocation
	for i, tok := range toks {
		base := path.Base(strings.TrimLeft(tok, `"'([`))
		if base != "tsymock" || i+1 == len(toks) || (i > 0 && strings.HasPrefix(toks[i-1], "-")) {
			continue
		}
		next := strings.Trim(toks[i+1], `"'[]`)
		inv := invocation{sub: next}
		rest := toks[i+2:]
		switch {
		case strings.HasPrefix(next, "-"):
			inv.sub, rest = "serve", toks[i+1:]
		case !regexp.MustCompile(`^[a-z][a-z-]*$`).MatchString(next), !strict && !subcommand(next):
			continue
		}
		for _, a := range rest {
			if shellEnd(a) {
				break
			}
			if f := flagName(a); f != "" {
				inv.flags = append(inv.flags, f)
			}
		}
		out = append(out, inv)
	}
	return out
}

// flagName is the flag a token sets ("--url=x" is "--url"), or "".
func flagName(tok string) string {
	tok = strings.Trim(tok, `"'[](),`)
	m := regexp.MustCompile(`^(--[a-z][a-z0-9-]*|-[a-zA-Z])(=.*)?$`).FindStringSubmatch(tok)
	if m == nil {
		return ""
	}
	return m[1]
}

// serveEnvNames are the TSYMOCK_ variables of every serve flag.
func serveEnvNames() map[string]bool {
	var f serveFlags
	fs := pflag.NewFlagSet("serve", pflag.ContinueOnError)
	f.register(fs)
	out := map[string]bool{}
	fs.VisitAll(func(fl *pflag.Flag) { out[envName(fl.Name)] = true })
	return out
}

// exists reports whether a path of the repository exists (file or
// folder), or a pattern ending in "*" matches one.
func exists(p string) bool {
	full := filepath.Join(repoRoot, filepath.FromSlash(p))
	if strings.HasSuffix(p, "*") {
		m, err := filepath.Glob(full)
		return err == nil && len(m) > 0
	}
	_, err := os.Stat(full)
	return err == nil
}

// repoPathRE finds paths into the repository's own folders, where they
// start a word: "./scenarios" or "$PWD/docs" are a user's folders.
var repoPathRE = regexp.MustCompile(`(?:^|[\s("'=\x60\[])((?:keys/demo|docs|docker|scripts|examples|cmd|internal|mock|client|\.ci)(?:/[\w.-]*)*)(\*?)`)

// repoPaths are the repository paths code names, without trailing
// punctuation; a path followed by "*" is a pattern (page_*_test.go).
func repoPaths(code string) []string {
	var out []string
	for _, m := range repoPathRE.FindAllStringSubmatch(code, -1) {
		p := strings.TrimRight(m[1], ".,:")
		if p != "docs" && p != "client" && p != "mock" { // words more often than folders
			out = append(out, p+m[2])
		}
	}
	return out
}

var linkRE = regexp.MustCompile(`\]\(([^)\s]+)\)`)

// checkLinks: every relative link of d's prose leads to a file or folder of
// the repository and, with #anchor, to a heading of that doc.
func checkLinks(t *testing.T, d doc, anchors map[string][]string) {
	t.Helper()
	for _, m := range linkRE.FindAllStringSubmatch(doctest.Prose(d.text), -1) {
		target := m[1]
		if strings.Contains(target, "://") || strings.HasPrefix(target, "mailto:") {
			continue
		}
		file, anchor, _ := strings.Cut(target, "#")
		p := d.path
		if file != "" {
			p = path.Join(path.Dir(d.path), file)
			if !assert.True(t, exists(p), "%s links to %s, which does not exist", d.path, target) {
				continue
			}
		}
		if anchor != "" && strings.HasSuffix(p, ".md") {
			list, ok := anchors[p]
			assert.True(t, !ok || slices.Contains(list, anchor), "%s links to %s: %s has no heading #%s", d.path, target, p, anchor)
		}
	}
}

func TestInvocations(t *testing.T) {
	for _, tc := range []struct {
		line string
		want []invocation
	}{
		{"tsymock call --url U --get MemberService m '{}' | jq .", []invocation{{"call", []string{"--url", "--get"}}}},
		{"go run ./cmd/tsymock --data-dir .tsymock      # or TSYMOCK_DATA_DIR", []invocation{{"serve", []string{"--data-dir"}}}},
		{"docker run -d --name tsymock -p 6900:6900 IMAGE", nil},
		{`docker run --rm -v "$PWD/k:/k" tsymock/tsymock demo-keys --out /k`, []invocation{{"demo-keys", []string{"--out"}}}},
		{"until tsymock health -q --url=http://x; do sleep 1; done", []invocation{{"health", []string{"-q", "--url"}}}},
		{"[--url URL --timeout 2s -q]", nil},
		{"docker logs tsymock", nil},
		{"make run     # starts tsymock on 127.0.0.1:6900", nil},
		{"tsymock reserve fund", []invocation{{"reserve", nil}}},
	} {
		t.Run(tc.line, func(t *testing.T) {
			assert.Equal(t, tc.want, invocations(tc.line, true))
		})
	}
}

package main

import (
	"bytes"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/internal/doctest"
)

// flowDocs walk a member through the whole flow, in each language.
var flowDocs = []string{"docs/flow.md", "docs/zh-CN/flow.md"}

// docCallRE is one "tsymock call" line of a doc (README's run it with
// go run ./cmd/tsymock).
var docCallRE = regexp.MustCompile(`^(?:go run \./cmd/)?tsymock call (\S+) (\S+) '([^']*)'`)

// docCall is one "tsymock call" line of a doc's sh blocks, and the lines
// the doc shows it write on stderr, each a "# tsymock call: ..." comment
// below it.
type docCall struct {
	line, service, method, param string
	stderr                       []string
}

// docCalls are the "tsymock call" lines of md's sh blocks, in order.
func docCalls(md string) []docCall {
	var calls []docCall
	for _, b := range doctest.Blocks(md) {
		if b.Lang != "sh" {
			continue
		}
		for _, line := range strings.Split(b.Code, "\n") {
			if m := docCallRE.FindStringSubmatch(line); m != nil {
				calls = append(calls, docCall{line: line, service: m[1], method: m[2], param: m[3]})
			} else if said, ok := strings.CutPrefix(line, "# tsymock call: "); ok && len(calls) > 0 {
				c := &calls[len(calls)-1]
				c.stderr = append(c.stderr, "tsymock call: "+said)
			}
		}
	}
	return calls
}

// docLocale is the locale a doc's reader runs its calls in: a zh-CN
// page's reader has a Chinese one, in UTF-8, and reads call's lines in
// Chinese (--lang auto).
func docLocale(doc string) string {
	if strings.Contains(doc, "zh-CN") {
		return "zh_CN.UTF-8"
	}
	return "C"
}

// assertShown checks that a call wrote on stderr what its doc shows.
func assertShown(t *testing.T, doc string, c docCall, stderr string) {
	t.Helper()
	for _, s := range c.stderr {
		assert.Contains(t, stderr, s, "%s: %s", doc, c.line)
	}
}

// TestFlowPagesRun runs every "tsymock call" of the flow pages, in order,
// against a fresh server, as a reader would, in the page's locale:
// bindBankCard sends the tranceNum and transDate of applyBindBankCard's
// answer (spec §4.1.11), as the pages say to. Each call answers OK with no
// warning that Allinpay's test environment would refuse it, writes the
// lines the page shows (in Chinese on the zh-CN page), and the two
// payments queue their order notifications (spec §4.2.15) for the pages'
// backUrl.
func TestFlowPagesRun(t *testing.T) {
	for _, d := range flowDocs {
		t.Run(d, func(t *testing.T) {
			setLocale(t, docLocale(d))
			url := startCallServer(t)
			md, err := os.ReadFile(filepath.Join(repoRoot, d))
			require.NoError(t, err)
			var binding map[string]any // applyBindBankCard's answer
			calls := docCalls(string(md))
			for _, c := range calls {
				param := c.param
				if c.method == "bindBankCard" {
					param = withAnswer(t, param, binding, "tranceNum", "transDate")
				}
				var stdout, stderr bytes.Buffer
				code := run(t.Context(), []string{"call", "--url", url, c.service, c.method, param}, &stdout, &stderr)
				require.Equal(t, callOK, code, "%s: %s\n%s", d, c.line, stderr.String())
				assert.NotContains(t, stderr.String(), "warning", "%s: %s", d, c.line)
				assertShown(t, d, c, stderr.String())
				if c.method == "applyBindBankCard" {
					require.NoError(t, json.Unmarshal(stdout.Bytes(), &binding))
				}
			}
			assert.Len(t, calls, 14, "the calls of %s", d)

			resp, err := http.Get(url + "/__tsymock/notifications")
			require.NoError(t, err)
			defer resp.Body.Close()
			var notes []struct{ Service, Method, BackURL string }
			require.NoError(t, json.NewDecoder(resp.Body).Decode(&notes))
			require.Len(t, notes, 2)
			for _, n := range notes {
				assert.Equal(t, "OrderService.pay http://127.0.0.1:8080/notify", n.Service+"."+n.Method+" "+n.BackURL)
			}
		})
	}
}

// withAnswer sets the named fields of the JSON object param to their
// values in an earlier answer.
func withAnswer(t *testing.T, param string, answer map[string]any, fields ...string) string {
	t.Helper()
	var p map[string]any
	require.NoError(t, json.Unmarshal([]byte(param), &p))
	for _, f := range fields {
		require.Contains(t, answer, f)
		p[f] = answer[f]
	}
	b, err := json.Marshal(p)
	require.NoError(t, err)
	return string(b)
}

// TestDocsShowCallLines: the "tsymock call" lines a README or the
// scenarios page shows below a call are what call writes, run in order
// against a fresh server in the page's locale: Chinese on a zh-CN page,
// as its reader's UTF-8 Chinese locale prints them (review-W 4).
func TestDocsShowCallLines(t *testing.T) {
	for _, d := range []string{"README.md", "README.zh-CN.md", "docs/scenarios.md", "docs/zh-CN/scenarios.md"} {
		t.Run(d, func(t *testing.T) {
			setLocale(t, docLocale(d))
			url := startCallServer(t)
			md, err := os.ReadFile(filepath.Join(repoRoot, d))
			require.NoError(t, err)
			shown := 0
			for _, c := range docCalls(string(md)) {
				var stderr bytes.Buffer
				run(t.Context(), []string{"call", "--url", url, c.service, c.method, c.param}, &bytes.Buffer{}, &stderr)
				assertShown(t, d, c, stderr.String())
				shown += len(c.stderr)
			}
			assert.Positive(t, shown, "%s shows a line of tsymock call", d)
		})
	}
}

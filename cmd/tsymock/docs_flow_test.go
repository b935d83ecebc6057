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

// flowCallRE is one "tsymock call" line of a flow page.
var flowCallRE = regexp.MustCompile(`^tsymock call (\S+) (\S+) '([^']*)'`)

// TestFlowPagesRun runs every "tsymock call" of the flow pages, in order,
// against a fresh server, as a reader would: bindBankCard sends the
// tranceNum and transDate of applyBindBankCard's answer (spec §4.1.11), as
// the pages say to. Each call answers OK with no warning that Allinpay's
// test environment would refuse it, and the two payments queue their order
// notifications (spec §4.2.15) for the pages' backUrl.
func TestFlowPagesRun(t *testing.T) {
	for _, d := range flowDocs {
		t.Run(d, func(t *testing.T) {
			url := startCallServer(t)
			md, err := os.ReadFile(filepath.Join(repoRoot, d))
			require.NoError(t, err)
			var binding map[string]any // applyBindBankCard's answer
			calls := 0
			for _, b := range doctest.Blocks(string(md)) {
				if b.Lang != "sh" {
					continue
				}
				for _, line := range strings.Split(b.Code, "\n") {
					m := flowCallRE.FindStringSubmatch(line)
					if m == nil {
						continue
					}
					calls++
					param := m[3]
					if m[2] == "bindBankCard" {
						param = withAnswer(t, param, binding, "tranceNum", "transDate")
					}
					var stdout, stderr bytes.Buffer
					code := run(t.Context(), []string{"call", "--url", url, m[1], m[2], param}, &stdout, &stderr)
					require.Equal(t, callOK, code, "%s: %s\n%s", d, line, stderr.String())
					assert.NotContains(t, stderr.String(), "warning", "%s: %s", d, line)
					if m[2] == "applyBindBankCard" {
						require.NoError(t, json.Unmarshal(stdout.Bytes(), &binding))
					}
				}
			}
			assert.Equal(t, 14, calls, "the calls of %s", d)

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

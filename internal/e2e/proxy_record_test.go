package e2e

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/client"
	"github.com/tsymock/tsymock/keys/demo"
	"github.com/tsymock/tsymock/mock"
	"github.com/tsymock/tsymock/scenarios"
)

// oddReal is what the stand-in of the real environment answers that the
// emulator would not: an odd message, with braces a template would read.
const oddReal = `rules:
  - when: {method: createMember, param: {bizUserId: odd}}
    respond: {error: {code: "30000", message: '该用户已存在 {{"{{"}}odd}}'}}
  - when: {method: queryBalance, param: {bizUserId: rich}}
    respond: {ok: {allAmount: 1234567, freezenAmount: 0.50, note: '{{"{{"}}param.bizUserId}} of the real env'}}
`

// recordedCall is one call made while recording, and made again on replay.
type recordedCall struct {
	name string
	call func(c *client.Client) (any, error)
}

func recordedCalls() []recordedCall {
	member := func(id string) func(c *client.Client) (any, error) {
		return func(c *client.Client) (any, error) {
			return c.CreateMember(bg(), client.CreateMemberRequest{BizUserID: id, MemberType: 3, Source: 1})
		}
	}
	raw := func(service, method string, param map[string]any) func(c *client.Client) (any, error) {
		return func(c *client.Client) (any, error) {
			v, err := c.Call(bg(), service, method, param)
			return string(v), err
		}
	}
	return []recordedCall{
		{"a new member", member("rec-alice")},
		{"the same member again: the upstream's 30000", member("rec-alice")},
		{"and again: the last answer repeats", member("rec-alice")},
		{"another member", member("rec-bob")},
		{"an odd message", member("odd")},
		{"a body with numbers", raw("OrderService", "queryBalance", map[string]any{"bizUserId": "rich", "accountSetNo": "200126"})},
		{"a member's info", func(c *client.Client) (any, error) { return c.GetMemberInfo(bg(), "rec-alice") }},
	}
}

// TestRecordThenReplay: calls forwarded to the real environment are
// recorded as scenario files; with the upstream stopped, a tsymock that
// loads those files answers the same calls the same way, to a client now
// configured with tsymock's certificate.
func TestRecordThenReplay(t *testing.T) {
	t.Parallel()
	w := newProxyWorld(t)
	real := w.startReal(t, func(c *mock.Config) { c.Scenarios = []*scenarios.File{scenarioFile(t, oddReal)} })
	dir := t.TempDir()
	front, _, stopFront := w.startFront(t, mock.UpstreamConfig{URL: real.URL, RecordDir: dir}, func(c *mock.Config) { c.Apps = nil })
	recorded := answers(t, w.client(t, front, real.Cert))
	_, err := w.client(t, front, real.Cert).SetRealName(bg(), realName("rec-alice", personID))
	require.NoError(t, err, "an encrypted field, encrypted for the real platform, is forwarded")
	stopFront()
	real.Stop()

	files, err := scenarios.Load(dir)
	require.NoError(t, err, "the recording loads, as --scenarios and tsymock validate load it")
	text := readAll(t, dir)
	assert.NotContains(t, text, personID, "no identity number is written")
	assert.Contains(t, text, "identityNo: {present: true}", "the field sealed for the real platform is matched by its presence")

	replay, _, _ := w.startFront(t, mock.UpstreamConfig{}, func(c *mock.Config) { c.Scenarios = files })
	c := w.client(t, replay, w.Demo.PlatformCert)
	assert.Equal(t, recorded, answers(t, c), "the same answers, offline")
	named, err := c.SetRealName(bg(), realName("rec-alice", personID))
	require.NoError(t, err, "matched although the client now encrypts for tsymock")
	assert.Equal(t, "********", named.IdentityNo, "the field the upstream encrypted for the merchant is replayed masked")
}

// answers makes every recorded call and returns what each was answered.
func answers(t *testing.T, c *client.Client) []string {
	t.Helper()
	var out []string
	for _, rc := range recordedCalls() {
		v, err := rc.call(c)
		if err != nil {
			out = append(out, rc.name+": "+err.Error())
			continue
		}
		b, merr := json.Marshal(v)
		require.NoError(t, merr)
		out = append(out, rc.name+": "+string(b))
	}
	return out
}

// TestRecordedFile: the file is readable: a header, one rule per distinct
// call with the time and the call in a comment, a repeated call with other
// answers as a sequence, the odd message kept literally.
func TestRecordedFile(t *testing.T) {
	t.Parallel()
	w := newProxyWorld(t)
	real := w.startReal(t, func(c *mock.Config) { c.Scenarios = []*scenarios.File{scenarioFile(t, oddReal)} })
	dir := t.TempDir()
	front, srv, _ := w.startFront(t, mock.UpstreamConfig{URL: real.URL, RecordDir: dir})
	_ = answers(t, w.client(t, front, real.Cert))

	member := readAll(t, filepath.Join(dir, "MemberService.yaml"))
	for _, want := range []string{
		"# Recorded by tsymock dev from " + real.URL + "/service/soa (passthrough mode)",
		"name: recorded-MemberService",
		"# first call 2026-11-28 12:00:00 (server clock, China time); 3 calls",
		`# req: POST MemberService.createMember from sysid ` + demo.SysID + `: {"method":"createMember","param":{"memberType":3,"source":1,"bizUserId":"rec-alice"},"service":"MemberService"}`,
		"sequence:",
		"# answer 2, first given 2026-11-28 12:00:00",
		`code: "30000"`,
		`message: 该用户已存在 {{"{{"}}odd}}`,
	} {
		assert.Contains(t, member, want)
	}
	order := readAll(t, filepath.Join(dir, "OrderService.yaml"))
	assert.Contains(t, order, "allAmount: 1234567")
	assert.Contains(t, order, "freezenAmount: 0.50", "a number keeps its text")
	assert.Contains(t, order, `note: '{{"{{"}}param.bizUserId}} of the real env'`, "the real answer's braces stay text")
	assert.Equal(t, filepath.Join(dir, "MemberService.yaml"), srv.Journal(mock.JournalFilter{Method: "createMember"})[0].Upstream.Recorded)
}

// bg is the context of a recorded call.
func bg() context.Context { return context.Background() }

// readAll is a file's text, or every file's of a folder.
func readAll(t *testing.T, path string) string {
	t.Helper()
	info, err := os.Stat(path)
	require.NoError(t, err)
	if !info.IsDir() {
		b, err := os.ReadFile(path)
		require.NoError(t, err)
		return string(b)
	}
	entries, err := os.ReadDir(path)
	require.NoError(t, err)
	var all string
	for _, e := range entries {
		all += readAll(t, filepath.Join(path, e.Name()))
	}
	return all
}

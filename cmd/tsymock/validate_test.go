package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/internal/soa"
	"github.com/tsymock/tsymock/internal/testtool"
	"github.com/tsymock/tsymock/scenarios"
)

// TestValidate: exit 0 and a summary for good files, 1 with file:line for
// bad ones, 2 without paths; --list prints the rules in the order tried.
func TestValidate(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.yaml")
	bad := filepath.Join(dir, "bad.yaml")
	slow := filepath.Join(dir, "slow.yaml")
	require.NoError(t, os.WriteFile(slow, []byte("rules:\n  - {name: slow, when: {method: createMember}, respond: {delay: 31s}}\n"), 0o600))
	require.NoError(t, os.WriteFile(good, []byte("rules:\n  - {name: one, when: {service: OrderService}, respond: {error: \"40014\"}}\n"), 0o600))
	require.NoError(t, os.WriteFile(bad, []byte("rules:\n  - when: {}\n    respond: {eror: 1}\n"), 0o600))
	shadow := filepath.Join(dir, "shadow.yaml")
	require.NoError(t, os.WriteFile(shadow, []byte("rules:\n  - {when: {method: pay}, respond: {error: \"9400\"}}\n"+
		"  - {when: {method: pay}, respond: {error: \"9500\"}}\n"), 0o600))
	empty := t.TempDir()
	for _, tc := range []struct {
		name    string
		args    []string
		code    int
		out     []string
		errText []string
	}{
		{"good", []string{good}, 0, []string{"ok: 1 files, 1 rules"}, nil},
		{"builtins", []string{"builtin:*"}, 0, []string{"ok: 4 files"}, nil},
		{"list", []string{"--list", good, "builtin:balances"}, 0,
			[]string{"RULE", "magic ", good + ":2 one", "error 40014", "builtin:balances:8 rich member", "ok: 2 files"}, nil},
		{"bad", []string{good, bad}, 1, nil, []string{bad + `:3: respond: unknown key "eror" (did you mean "error"?)`}},
		{"missing", []string{filepath.Join(dir, "nope.yaml")}, 1, nil, []string{"nope.yaml: "}},
		{"a wait above --max-delay", []string{slow}, 0, []string{"note: " + slow + ":2 slow: waits 31s, above --max-delay 30s: the server waits 30s",
			"ok: 1 files"}, nil},
		{"a shadowed rule (probe-Z 13)", []string{shadow}, 1, nil,
			[]string{shadow + ":3: this rule never answers: " + shadow + ":2 matches the same calls (pay)"}},
		{"a folder without files (probe-Z 13)", []string{empty}, 1, nil, []string{empty + ": no scenario files here"}},
		{"no paths", nil, 2, nil, []string{"Usage: tsymock validate"}},
		{"help", []string{"--help"}, 0, nil, []string{"builtin:NAME"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			code := run(context.Background(), append([]string{"validate"}, tc.args...), &out, &errOut)
			assert.Equal(t, tc.code, code, "stderr: %s", errOut.String())
			for _, want := range tc.out {
				assert.Contains(t, out.String(), want)
			}
			for _, want := range tc.errText {
				assert.Contains(t, errOut.String(), want)
			}
		})
	}
	var out bytes.Buffer
	require.Equal(t, 0, run(context.Background(), []string{"validate", "--list", "--no-magic", good}, &out, io.Discard))
	assert.NotContains(t, out.String(), "magic ")
}

// TestMagicCommand lists every code of the catalogue with its message.
func TestMagicCommand(t *testing.T) {
	var out bytes.Buffer
	require.Equal(t, 0, run(context.Background(), []string{"magic"}, &out, io.Discard))
	rows := map[string]bool{}
	for _, line := range strings.Split(out.String(), "\n") {
		rows[strings.Join(strings.Fields(line), " ")] = true
	}
	for _, code := range soa.Codes() {
		msg, _ := soa.Message(code)
		assert.True(t, rows[code+" err-"+code+"-1 "+msg], "no row for %s", code)
	}
}

// TestServeScenarios: serve loads --scenarios before it is ready, answers
// from them, logs the rule; --no-magic switches the magic values off; a bad
// file stops it with file:line.
func TestServeScenarios(t *testing.T) {
	addr, stderr, stop := startServe(t, "--scenarios", "builtin:balances")
	var out, errOut bytes.Buffer
	code := run(context.Background(), []string{"call", "--url", "http://" + addr, "OrderService", "queryBalance", `{"bizUserId":"rich","accountSetNo":"200126"}`}, &out, &errOut)
	require.Equal(t, 0, code, errOut.String())
	assert.Contains(t, out.String(), `"allAmount": 100000000`)
	errOut.Reset()
	code = run(context.Background(), []string{"call", "--url", "http://" + addr, "MemberService", "createMember", `{"bizUserId":"err-30001-a","memberType":3,"source":1}`}, &out, &errOut)
	assert.Equal(t, 1, code)
	assert.Contains(t, errOut.String(), "30001 用户不存在")
	stop()
	assert.Contains(t, stderr.String(), `rule="builtin:balances:8 rich member"`)
	assert.Contains(t, stderr.String(), `rule="magic bizUserId=err-30001-"`)

	addr, _, stop = startServe(t, "--no-magic")
	errOut.Reset()
	code = run(context.Background(), []string{"call", "--url", "http://" + addr, "MemberService", "createMember", `{"bizUserId":"err-30001-a","memberType":3,"source":1}`}, &out, &errOut)
	assert.Equal(t, 0, code, errOut.String())
	stop()

	bad := filepath.Join(t.TempDir(), "bad.yaml")
	require.NoError(t, os.WriteFile(bad, []byte("rules: 1\n"), 0o600))
	var serr bytes.Buffer
	assert.Equal(t, 1, run(context.Background(), []string{"serve", "--addr", "127.0.0.1:0", "--scenarios", bad}, io.Discard, &serr))
	assert.Contains(t, serr.String(), bad+":1: rules must be a list")
}

// startServe runs serve with args on a free port until stop is called,
// and returns its address and its log.
func startServe(t *testing.T, args ...string) (addr string, stderr *testtool.Buffer, stop func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	stderr = &testtool.Buffer{}
	exit := make(chan int, 1)
	go func() {
		exit <- run(ctx, append([]string{"serve", "--addr", "127.0.0.1:0"}, args...), pw, stderr)
		pw.Close()
	}()
	line, err := bufio.NewReader(pr).ReadString('\n')
	require.NoError(t, err, "stderr: %s", stderr)
	go func() { _, _ = io.Copy(io.Discard, pr) }()
	var ready readyLine
	require.NoError(t, json.Unmarshal([]byte(line), &ready))
	stopped := false
	stop = func() {
		if stopped {
			return
		}
		stopped = true
		cancel()
		select {
		case code := <-exit:
			assert.Equal(t, 0, code, "stderr: %s", stderr)
		case <-time.After(10 * time.Second):
			t.Fatal("serve did not stop")
		}
	}
	t.Cleanup(stop)
	return ready.Addr, stderr, stop
}

// TestHelpMentionsScenarios keeps --help true to the flags.
func TestHelpMentionsScenarios(t *testing.T) {
	var out, errOut bytes.Buffer
	run(context.Background(), []string{"serve", "--help"}, &out, &errOut)
	for _, flag := range []string{"--scenarios", "--no-magic", "--max-delay"} {
		assert.Contains(t, errOut.String(), flag)
	}
	out.Reset()
	run(context.Background(), []string{"help"}, &out, &errOut)
	assert.True(t, strings.Contains(out.String(), "validate") && strings.Contains(out.String(), "magic"))
	assert.NotEmpty(t, scenarios.BuiltinNames())
}

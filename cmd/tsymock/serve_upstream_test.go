package main

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spf13/pflag"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/mock"
)

// upstreamConfig parses serve's flags (and environment) into the server's
// upstream configuration.
func upstreamConfig(t *testing.T, env map[string]string, args ...string) (mock.UpstreamConfig, error) {
	t.Helper()
	var f serveFlags
	fs := pflag.NewFlagSet("serve", pflag.ContinueOnError)
	fs.SetOutput(io.Discard)
	f.register(fs)
	require.NoError(t, fs.Parse(args))
	require.NoError(t, flagsFromEnv(fs, func(k string) (string, bool) { v, ok := env[k]; return v, ok }))
	cfg, err := serverConfig(f, nil)
	return cfg.Upstream, err
}

func TestUpstreamFlags(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		name string
		env  map[string]string
		args []string
		want mock.UpstreamConfig
		err  string
	}{
		{name: "none: nothing is contacted", want: mock.UpstreamConfig{}},
		{name: "flags", args: []string{"--upstream", "http://127.0.0.1:7001", "--upstream-mode", "resign", "--record", dir, "--record-ignore", "bizOrderNo,*Time"},
			want: mock.UpstreamConfig{URL: "http://127.0.0.1:7001", Mode: "resign", Timeout: mock.DefaultUpstreamTimeout, RecordDir: dir,
				RecordIgnore: []string{"bizOrderNo", "*Time"}, CompareIgnore: mock.DefaultCompareIgnore()}},
		{name: "the environment", env: map[string]string{"TSYMOCK_UPSTREAM": "http://127.0.0.1:7001", "TSYMOCK_COMPARE": "true", "TSYMOCK_COMPARE_IGNORE": "userId"},
			want: mock.UpstreamConfig{URL: "http://127.0.0.1:7001", Mode: "passthrough", Compare: true, Timeout: mock.DefaultUpstreamTimeout,
				RecordIgnore: mock.DefaultRecordIgnore(), CompareIgnore: []string{"userId"}}},
		{name: "an explicit empty list ignores nothing", args: []string{"--upstream", "http://h", "--record-ignore="},
			want: mock.UpstreamConfig{URL: "http://h", Mode: "passthrough", Timeout: mock.DefaultUpstreamTimeout, RecordIgnore: []string{},
				CompareIgnore: mock.DefaultCompareIgnore()}},
		{name: "--record without --upstream", args: []string{"--record", dir}, err: "--record needs --upstream URL"},
		{name: "--compare without --upstream", args: []string{"--compare"}, err: "--compare needs --upstream URL"},
		{name: "--upstream-mode without --upstream", args: []string{"--upstream-mode", "resign"}, err: "--upstream-mode needs --upstream URL"},
		{name: "recording into a scenario folder", args: []string{"--upstream", "http://h", "--record", dir, "--scenarios", dir},
			err: "is also loaded by --scenarios"},
		{name: "a certificate that is not one", args: []string{"--upstream", "http://h", "--upstream-cert", filepath.Join(dir, "missing.cer")},
			err: "--upstream-cert"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := upstreamConfig(t, tc.env, tc.args...)
			if tc.err != "" {
				assert.ErrorContains(t, err, tc.err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
	cfg, err := upstreamConfig(t, nil, "--upstream", "http://h", "--upstream-cert", "../../keys/demo/TEST-ONLY-platform.cer")
	require.NoError(t, err)
	assert.NotNil(t, cfg.Key)
}

// TestServeRecordValidateReplay: the commands of docs/record.md's quick
// start, in process: record through one tsymock in front of another,
// validate the folder, replay it with the upstream gone.
func TestServeRecordValidateReplay(t *testing.T) {
	upstream, _, stopUpstream := startServe(t, "--seed", "7")
	dir := filepath.Join(t.TempDir(), "recorded")
	front, frontLog, stopFront := startServe(t, "--upstream", "http://"+upstream, "--record", dir)
	call := func(addr string, wantCode int) string {
		var out, errOut bytes.Buffer
		code := run(context.Background(), []string{"call", "--url", "http://" + addr, "MemberService", "createMember", `{"bizUserId":"cli-rec","memberType":3,"source":1}`}, &out, &errOut)
		require.Equal(t, wantCode, code, "stderr: %s", errOut.String())
		return out.String() + errOut.String()
	}
	first, again := call(front, 0), call(front, 1)
	assert.Contains(t, again, "30000")
	stopFront()
	stopUpstream()
	assert.Contains(t, frontLog.String(), "call=MemberService.createMember")

	var out, errOut bytes.Buffer
	require.Equal(t, 0, run(context.Background(), []string{"validate", dir}, &out, &errOut), "%s%s", out.String(), errOut.String())
	text, err := os.ReadFile(filepath.Join(dir, "MemberService.yaml"))
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(string(text), "# Recorded by tsymock "), "%s", text)

	replay, replayLog, _ := startServe(t, "--scenarios", dir)
	assert.Equal(t, first, call(replay, 0))
	assert.Equal(t, again, call(replay, 1))
	assert.Contains(t, replayLog.String(), "/MemberService.yaml:14 recorded createMember bizUserId=cli-rec", "the recorded rule answered")
}

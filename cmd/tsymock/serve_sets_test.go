package main

import (
	"bytes"
	"context"
	"testing"

	"github.com/spf13/pflag"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/internal/emulator"
	"github.com/tsymock/tsymock/mock"
)

// configOf is the server configuration of a serve command line and
// environment.
func configOf(t *testing.T, args []string, env map[string]string) (mock.Config, error) {
	t.Helper()
	var f serveFlags
	fs := pflag.NewFlagSet("serve", pflag.ContinueOnError)
	f.register(fs)
	require.NoError(t, fs.Parse(args))
	lookup := func(k string) (string, bool) { v, ok := env[k]; return v, ok }
	require.NoError(t, flagsFromEnv(fs, lookup))
	return serverConfig(f, nil)
}

// demoSets is the account sets the demo app was configured with.
func demoSets(cfg mock.Config) []string {
	for _, a := range cfg.Apps {
		if a.SysID == demoSysID() {
			return a.AccountSets
		}
	}
	return nil
}

// TestStrictAndAccountSetFlags: --strict, --account-sets and
// --app-account-sets, or their TSYMOCK_ variables, reach mock.Config; a
// per-application list names a configured application.
func TestStrictAndAccountSetFlags(t *testing.T) {
	demo := demoSysID()
	std := emulator.DefaultAccountSets() // 200126 and every standard set of spec §6.17
	tests := []struct {
		name     string
		args     []string
		env      map[string]string
		strict   bool
		sets     []string
		demoSets []string
		err      string
	}{
		{"defaults", nil, nil, false, std, nil, ""},
		{"--strict", []string{"--strict"}, nil, true, std, nil, ""},
		{"TSYMOCK_STRICT", nil, map[string]string{"TSYMOCK_STRICT": "true"}, true, std, nil, ""},
		{"--account-sets", []string{"--account-sets", "400193,100001,2000000"}, nil, false,
			[]string{"400193", "100001", "2000000"}, nil, ""},
		{"TSYMOCK_ACCOUNT_SETS", nil, map[string]string{"TSYMOCK_ACCOUNT_SETS": "400193, 100001"}, false,
			[]string{"400193", "100001"}, nil, ""},
		{"--app-account-sets", []string{"--app-account-sets", demo + "=400221,100001"}, nil, false,
			std, []string{"400221", "100001"}, ""},
		{"TSYMOCK_APP_ACCOUNT_SETS", nil, map[string]string{"TSYMOCK_APP_ACCOUNT_SETS": demo + "=400221,100001,2000000"}, false,
			std, []string{"400221", "100001", "2000000"}, ""},
		{"an unknown application", []string{"--app-account-sets", "42=400221"}, nil, false, nil, nil,
			"--app-account-sets 42: no such application"},
		{"no sysid", []string{"--app-account-sets", "400221,100001"}, nil, false, nil, nil, `"400221": want SYSID=SET`},
		{"an application twice", []string{"--app-account-sets", demo + "=1", "--app-account-sets", demo + "=2"}, nil, false, nil, nil,
			"once per sysid"},
		{"a set that is no number", []string{"--account-sets", "escrow"}, nil, false, nil, nil, `--account-sets: emulator: account set "escrow"`},
		{"a set twice", []string{"--app-account-sets", demo + "=100001,100001"}, nil, false, nil, nil, "100001 is listed twice"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, err := configOf(t, tt.args, tt.env)
			if tt.err != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tt.err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.strict, cfg.Strict)
			assert.Equal(t, tt.sets, cfg.AccountSets)
			assert.Equal(t, tt.demoSets, demoSets(cfg))
		})
	}
}

// TestServeStrict: over loopback, a call with a card outside the test
// environment's cards is answered OK and logged as a warning without
// --strict, listed by "tsymock coverage", and fails with 30049 with it.
func TestServeStrict(t *testing.T) {
	call := func(addr string) (int, string) {
		var out, errOut bytes.Buffer
		code := run(context.Background(), []string{"call", "--url", "http://" + addr, "--encrypt", "cardNo",
			"MemberService", "getBankCardBin", `{"cardNo":"6222020000000000002"}`}, &out, &errOut)
		return code, out.String() + errOut.String()
	}
	addr, stderr, stop := startServe(t)
	code, out := call(addr)
	require.Equal(t, 0, code, out)
	var cov bytes.Buffer
	require.Equal(t, 0, run(context.Background(), []string{"coverage", "--url", "http://" + addr}, &cov, &cov), cov.String())
	assert.Contains(t, cov.String(), "would fail on the real test environment")
	assert.Contains(t, cov.String(), "test-card-prefix (the real test environment answers 30049): 1 call (MemberService.getBankCardBin×1)")
	stop()
	assert.Contains(t, stderr.String(), "level=WARN")
	assert.Contains(t, stderr.String(), "wouldFail=\"test-card-prefix: card 622202")

	addr, _, _ = startServe(t, "--strict")
	code, out = call(addr)
	assert.Equal(t, 1, code)
	assert.Contains(t, out, "30049")
	assert.Contains(t, out, "tsymock --strict")
}

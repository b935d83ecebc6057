package main

import (
	"testing"
	"time"

	"github.com/spf13/pflag"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestFlagsFromEnv(t *testing.T) {
	env := map[string]string{
		"TSYMOCK_ADDR":      "0.0.0.0:6900",
		"TSYMOCK_SCENARIOS": "/scenarios, builtin:balances",
		"TSYMOCK_NO_MAGIC":  "true",
		"TSYMOCK_MAX_DELAY": "5s",
		"TSYMOCK_SEED":      "9", // the command line says 7
	}
	lookup := func(k string) (string, bool) { v, ok := env[k]; return v, ok }
	var f serveFlags
	fs := pflag.NewFlagSet("serve", pflag.ContinueOnError)
	f.register(fs)
	require.NoError(t, fs.Parse([]string{"--seed", "7"}))
	require.NoError(t, flagsFromEnv(fs, lookup))
	assert.Equal(t, "0.0.0.0:6900", f.addr)
	assert.Equal(t, []string{"/scenarios", "builtin:balances"}, f.scenarios)
	assert.True(t, f.noMagic)
	assert.Equal(t, 5*time.Second, f.maxDelay)
	assert.Equal(t, uint64(7), f.seed, "the command line wins")
	assert.Equal(t, "info", f.logLevel, "unset variables leave the default")

	env = map[string]string{"TSYMOCK_MAX_DELAY": "soon"}
	fs = pflag.NewFlagSet("serve", pflag.ContinueOnError)
	f.register(fs)
	require.NoError(t, fs.Parse(nil))
	err := flagsFromEnv(fs, lookup)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "$TSYMOCK_MAX_DELAY")
}

func TestServeReadsEnvironment(t *testing.T) {
	t.Setenv("TSYMOCK_ADDR", "127.0.0.1:0")
	t.Setenv("TSYMOCK_SEED", "7")
	addr, _, stop := startServe(t)
	assert.NotEqual(t, "127.0.0.1:6900", addr)
	stop()
}

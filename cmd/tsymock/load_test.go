package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/internal/load"
)

// loadJSON runs "tsymock load args... --json" and decodes its result.
func loadJSON(t *testing.T, args ...string) load.Result {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(context.Background(), append(append([]string{"load"}, args...), "--json"), &out, &errOut)
	require.Equal(t, 0, code, "stderr: %s", &errOut)
	var res load.Result
	require.NoError(t, json.Unmarshal(out.Bytes(), &res), out.String())
	return res
}

func TestLoadModes(t *testing.T) {
	addr, _, _ := startServe(t, "--scenarios", "builtin:balances", "--preload-members", "10", "--log-level", "warn")
	url := "http://" + addr

	res := loadJSON(t, "--url", url, "--mode", "create-member", "--requests", "8", "--conns", "2", "--warmup", "0", "--prefix", "cmd-")
	assert.Equal(t, uint64(8), res.OK)
	assert.True(t, res.Exhausted)
	assert.Equal(t, load.ModeCreateMember, res.Mode)
	again := loadJSON(t, "--url", url, "--mode", "create-member", "--requests", "8", "--conns", "2", "--warmup", "0", "--prefix", "cmd-")
	assert.Equal(t, map[string]uint64{"30000": 8}, again.NotOK, "the same prefix collides")
	preloaded := loadJSON(t, "--url", url, "--requests", "3", "--warmup", "0", "--prefix", "preload-")
	assert.Equal(t, map[string]uint64{"30000": 3}, preloaded.NotOK, "--preload-members created preload-0...")

	canned := loadJSON(t, "--url", url, "--mode", "canned", "--duration", "200ms", "--warmup", "0")
	assert.Positive(t, canned.OK)
	assert.Empty(t, canned.NotOK)
	assert.Equal(t, load.ModeCanned, canned.Mode)
}

// TestLoadText: the default output is for a person; --json-out writes the
// same run as JSON beside it.
func TestLoadText(t *testing.T) {
	addr, _, _ := startServe(t, "--scenarios", "builtin:balances", "--log-level", "warn")
	jsonOut := filepath.Join(t.TempDir(), "canned.json")
	var out, errOut bytes.Buffer
	code := run(context.Background(), []string{"load", "--url", "http://" + addr, "--mode", "canned", "--duration", "100ms",
		"--warmup", "0", "--json-out", jsonOut}, &out, &errOut)
	require.Equal(t, 0, code, errOut.String())
	assert.Contains(t, out.String(), "requests/s")
	assert.Contains(t, out.String(), "p99")
	data, err := os.ReadFile(jsonOut)
	require.NoError(t, err)
	var res load.Result
	require.NoError(t, json.Unmarshal(data, &res))
	assert.Positive(t, res.OK)
}

func TestLoadErrors(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"unknown mode", []string{"--mode", "nope"}, `--mode "nope": want create-member or canned`},
		{"the bench's modes are not the load tool's", []string{"--mode", "bare"}, `--mode "bare"`},
		{"bad url", []string{"--url", "::", "--mode", "canned"}, `--url "::"`},
		{"no server", []string{"--url", "http://127.0.0.1:1", "--mode", "canned", "--duration", "100ms"}, "connect"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			assert.Equal(t, 1, run(context.Background(), append([]string{"load"}, tc.args...), &out, &errOut))
			assert.Contains(t, errOut.String(), "tsymock load: ")
			assert.Contains(t, errOut.String(), tc.want)
		})
	}
	t.Run("the lab flags are gone", func(t *testing.T) {
		for _, flag := range []string{"--suite", "--serve-bare", "--server-cpus", "--pid"} {
			var out, errOut bytes.Buffer
			assert.Equal(t, 2, run(context.Background(), []string{"load", flag, "x"}, &out, &errOut), flag)
		}
	})
}

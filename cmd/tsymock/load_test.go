package main

import (
	"bytes"
	"context"
	"encoding/json"
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
	again := loadJSON(t, "--url", url, "--mode", "create-member", "--requests", "8", "--conns", "2", "--warmup", "0", "--prefix", "cmd-")
	assert.Equal(t, map[string]uint64{"30000": 8}, again.NotOK, "the same prefix collides")
	preloaded := loadJSON(t, "--url", url, "--requests", "3", "--warmup", "0", "--prefix", "preload-")
	assert.Equal(t, map[string]uint64{"30000": 3}, preloaded.NotOK, "--preload-members created preload-0...")

	canned := loadJSON(t, "--url", url, "--mode", "canned", "--duration", "200ms", "--warmup", "0")
	assert.Positive(t, canned.OK)
	assert.Empty(t, canned.NotOK)

	bare := loadJSON(t, "--mode", "bare", "--duration", "200ms", "--warmup", "0")
	assert.Positive(t, bare.OK)
	assert.Equal(t, load.ModeBare, bare.Mode)
	crypto := loadJSON(t, "--mode", "bare-crypto", "--duration", "200ms", "--warmup", "0")
	assert.Positive(t, crypto.OK)
	assert.Empty(t, crypto.NotOK)
}

func TestLoadText(t *testing.T) {
	var out, errOut bytes.Buffer
	code := run(context.Background(), []string{"load", "--mode", "bare", "--duration", "100ms", "--warmup", "0"}, &out, &errOut)
	require.Equal(t, 0, code, errOut.String())
	assert.Contains(t, out.String(), "requests/s")
	assert.Contains(t, out.String(), "p99")
}

func TestLoadErrors(t *testing.T) {
	for _, args := range [][]string{
		{"--mode", "nope"},
		{"--url", "::", "--mode", "canned"},
		{"--url", "http://127.0.0.1:1", "--mode", "canned", "--duration", "100ms"},
		{"--serve-bare", "nope"},
		{"--suite", "--server-cpus", "nope"},
	} {
		var out, errOut bytes.Buffer
		assert.Equal(t, 1, run(context.Background(), append([]string{"load"}, args...), &out, &errOut), "%v", args)
		assert.Contains(t, errOut.String(), "tsymock load:", "%v", args)
	}
}

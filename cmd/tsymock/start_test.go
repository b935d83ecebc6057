package main

import (
	"io/fs"
	"log/slog"
	"net"
	"testing"

	"github.com/spf13/pflag"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/keys"
	"github.com/tsymock/tsymock/keys/demo"
	"github.com/tsymock/tsymock/mock"
)

// parsedServeFlags are serve's flags after args.
func parsedServeFlags(t *testing.T, args ...string) serveFlags {
	t.Helper()
	var f serveFlags
	fs := pflag.NewFlagSet("serve", pflag.ContinueOnError)
	f.register(fs)
	require.NoError(t, fs.Parse(args))
	return f
}

// TestServerConfigDecryptsNoPFX guards the start (issue 18): of the demo
// merchant the server needs the public key only, and reads it from the
// .cer; decrypting the .pfx (PKCS#12 derives its keys with thousands of
// SHA-1 rounds) was a fifth of the time to the ready line. No clock is
// read: serverConfig must allocate less than parsing the .pfx alone does,
// which it would include if it parsed it.
func TestServerConfigDecryptsNoPFX(t *testing.T) {
	pfx, err := fs.ReadFile(demo.Files(), demo.MerchantPFXFile)
	require.NoError(t, err)
	parsePFX := testing.AllocsPerRun(3, func() {
		_, _, err = keys.ParsePFX(pfx, demo.PFXPassword)
	})
	require.NoError(t, err)
	f, logger := parsedServeFlags(t), slog.New(slog.DiscardHandler)
	config := testing.AllocsPerRun(3, func() {
		_, err = serverConfig(f, logger)
	})
	require.NoError(t, err)
	t.Logf("allocations: serverConfig %.0f, parsing the demo .pfx %.0f", config, parsePFX)
	assert.Less(t, config, parsePFX/4, "serverConfig seems to parse a .pfx")
}

// TestListenTakenPortHint: a port already taken says what to do, most
// often another tsymock left running.
func TestListenTakenPortHint(t *testing.T) {
	taken, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	t.Cleanup(func() { _ = taken.Close() })
	for _, tc := range []struct {
		name, addr string
		hint       bool
	}{
		{"taken", taken.Addr().String(), true},
		{"not an address", "127.0.0.1:http-alt-nope", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := listenReady(parsedServeFlags(t, "--addr", tc.addr), mock.Config{})
			require.Error(t, err)
			if tc.hint {
				assert.Contains(t, err.Error(), "address already in use (is another tsymock")
				assert.Contains(t, err.Error(), "--addr 127.0.0.1:0")
			} else {
				assert.NotContains(t, err.Error(), "another tsymock")
			}
		})
	}
}

package main

import (
	"context"
	"crypto/rsa"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"runtime"

	"github.com/spf13/pflag"

	"github.com/tsymock/tsymock/internal/load"
	"github.com/tsymock/tsymock/keys"
	"github.com/tsymock/tsymock/keys/demo"
)

// The kinds of bare server "tsymock load --serve-bare" runs.
const (
	bareCanned = "canned" // writes the canned answer's bytes
	bareCrypto = "crypto" // verifies and signs, nothing else
)

// bareFlags make "tsymock load" a bare server instead, for the suite: the
// bare servers run in a process of their own, as the mock does.
type bareFlags struct {
	kind string
	addr string
}

func (f *bareFlags) register(fs *pflag.FlagSet) {
	fs.StringVar(&f.kind, "serve-bare", "", "serve a bare handler (canned or crypto) instead of loading, and print a ready line")
	fs.StringVar(&f.addr, "serve-addr", "127.0.0.1:0", "address of --serve-bare")
	_ = fs.MarkHidden("serve-bare")
	_ = fs.MarkHidden("serve-addr")
}

// bareHandler builds the bare handler of a kind with the demo platform key
// and the key the requests are signed with.
func bareHandler(f loadFlags, kind string) (http.Handler, error) {
	m, err := demo.Load()
	if err != nil {
		return nil, err
	}
	switch kind {
	case bareCanned:
		body, err := load.CannedBody(m.PlatformKey, f.sysid)
		if err != nil {
			return nil, err
		}
		return load.BareHandler(body), nil
	case bareCrypto:
		var merchant *rsa.PrivateKey = m.MerchantKey
		if f.key != "" {
			if merchant, err = keys.LoadPrivateKeyFile(f.key, f.password); err != nil {
				return nil, err
			}
		}
		return load.CryptoHandler(&merchant.PublicKey, m.PlatformKey), nil
	}
	return nil, fmt.Errorf("--serve-bare %q: want %s or %s", kind, bareCanned, bareCrypto)
}

// serveBare serves a bare handler until ctx ends, announcing itself with a
// ready line as serve does.
func serveBare(ctx context.Context, f loadFlags, stdout io.Writer) error {
	h, err := bareHandler(f, f.bare.kind)
	if err != nil {
		return err
	}
	b, err := load.StartBare(f.bare.addr, h)
	if err != nil {
		return err
	}
	defer func() { _ = b.Close() }()
	// gomaxprocs shows the suite what Go made of the CPUs it pinned the
	// server to.
	line, err := json.Marshal(map[string]any{"event": "ready", "addr": b.Addr(), "bare": f.bare.kind, "pid": os.Getpid(),
		"gomaxprocs": runtime.GOMAXPROCS(0)})
	if err != nil {
		return err
	}
	if _, err := fmt.Fprintf(stdout, "%s\n", line); err != nil {
		return err
	}
	<-ctx.Done()
	return nil
}

package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"runtime"

	"github.com/spf13/pflag"

	"github.com/tsymock/tsymock/keys/demo"
)

// The kinds of bare server "bench serve-bare" runs.
const (
	bareCanned = "canned" // writes the canned answer
	bareCrypto = "crypto" // verifies and signs, nothing else
)

// serveBareFlags are the options of "bench serve-bare KIND": the suite
// runs each bare server in a process of its own, as tsymock runs, so that
// it pays the same cross-process wake-ups and runs on the servers' CPUs.
type serveBareFlags struct {
	addr   string
	answer string
}

// runServeBare is "bench serve-bare canned|crypto".
func runServeBare(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var f serveBareFlags
	fs := pflag.NewFlagSet("serve-bare", pflag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&f.addr, "addr", "127.0.0.1:0", "listen address")
	fs.StringVar(&f.answer, "answer", "", "canned: the answer to write, a JSON file the suite wrote from tsymock's answer")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return fmt.Errorf("serve-bare: want one kind, %s or %s", bareCanned, bareCrypto)
	}
	h, err := bareKind(fs.Arg(0), f)
	if err != nil {
		return err
	}
	return serveBare(ctx, fs.Arg(0), f.addr, h, stdout)
}

// bareKind builds the handler of a kind of bare server; crypto uses the
// demo keys, as the suite's requests do.
func bareKind(kind string, f serveBareFlags) (http.Handler, error) {
	switch kind {
	case bareCanned:
		a, err := readAnswer(f.answer)
		if err != nil {
			return nil, err
		}
		return bareHandler(a), nil
	case bareCrypto:
		m, err := demo.Load()
		if err != nil {
			return nil, err
		}
		return cryptoHandler(&m.MerchantKey.PublicKey, m.PlatformKey), nil
	}
	return nil, fmt.Errorf("serve-bare %q: want %s or %s", kind, bareCanned, bareCrypto)
}

// serveBare serves h until ctx ends, announcing itself with a JSON ready
// line as tsymock serve does.
func serveBare(ctx context.Context, kind, addr string, h http.Handler, stdout io.Writer) error {
	b, err := startBare(addr, h)
	if err != nil {
		return err
	}
	defer func() { _ = b.Close() }()
	// gomaxprocs shows the suite what Go made of the CPUs it pinned the
	// server to.
	line, err := json.Marshal(map[string]any{"event": "ready", "addr": b.Addr(), "bare": kind, "pid": os.Getpid(),
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

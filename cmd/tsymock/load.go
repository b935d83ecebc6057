package main

import (
	"context"
	"crypto/rsa"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"os"
	"strconv"
	"time"

	"github.com/spf13/pflag"

	"github.com/tsymock/tsymock/client"
	"github.com/tsymock/tsymock/internal/load"
	"github.com/tsymock/tsymock/keys"
	"github.com/tsymock/tsymock/keys/demo"
)

// loadFlags are the options of "tsymock load".
type loadFlags struct {
	url      string
	mode     string
	conns    int
	duration time.Duration
	warmup   time.Duration
	timeout  time.Duration
	requests int
	prefix   string
	sysid    string
	key      string
	password string
	json     bool
	jsonOut  string
}

func (f *loadFlags) register(fs *pflag.FlagSet) {
	fs.StringVar(&f.url, "url", defaultURL(), "server base URL (loopback: the load tool is no distributed tester); the default follows $"+addrEnv)
	fs.StringVar(&f.mode, "mode", load.ModeCreateMember, "create-member (the whole path: verify, emulate, sign) or canned (queryBalance answered by a scenario; start the server with --scenarios builtin:balances)")
	fs.IntVar(&f.conns, "conns", 8, "keep-alive connections, one request in flight on each")
	fs.DurationVar(&f.duration, "duration", 10*time.Second, "length of the timed phase")
	fs.DurationVar(&f.warmup, "warmup", time.Second, "load sent before the timed phase and not counted")
	fs.DurationVar(&f.timeout, "timeout", 30*time.Second, "give up on a request after this long (counted as conn-error)")
	fs.IntVar(&f.requests, "requests", 0, "create-member: requests to sign beforehand (default: enough for --duration at the crypto floor)")
	fs.StringVar(&f.prefix, "prefix", "", "create-member: bizUserId prefix, so that runs against one server do not collide (default load-<time>-)")
	fs.StringVar(&f.sysid, "sysid", demo.SysID, "application to call as")
	fs.StringVar(&f.key, "key", "", "merchant private key (.pfx or PEM) that signs the requests; default the bundled demo key")
	fs.StringVar(&f.password, "password", demo.PFXPassword, "password of a .pfx --key")
	fs.BoolVar(&f.json, "json", false, "print the result as one JSON object")
	fs.StringVar(&f.jsonOut, "json-out", "", "also write the result as JSON to this file (for scripts)")
}

func runLoad(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	var f loadFlags
	fs := pflag.NewFlagSet("load", pflag.ContinueOnError)
	fs.SetOutput(stderr)
	f.register(fs)
	fs.Usage = func() {
		fmt.Fprint(stderr, `Usage: tsymock load [flags]

Send signed requests, prepared before the timed phase, over keep-alive
connections to a running server, and report requests/s, p50, p99 and max
latency and every answer that was not OK (by errorCode). Examples:
  tsymock serve &                                   # then
  tsymock load --mode create-member --duration 10s
  tsymock serve --scenarios builtin:balances &      # then
  tsymock load --mode canned
The load tool runs beside the server and takes some of the machine's CPU
time: the figures say how fast tsymock is here, with its load generator
next to it. "make bench" (a program of the source tree, not of this
binary) compares tsymock with its physical limits and with WireMock, on
cores of their own: see docs/performance.md.

Flags:
`)
		fs.PrintDefaults()
	}
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	if err := loadOnce(ctx, f, stdout, stderr); err != nil {
		fmt.Fprintf(stderr, "tsymock load: %v\n", err)
		return 1
	}
	return 0
}

// loadOnce runs one mode against --url.
func loadOnce(ctx context.Context, f loadFlags, stdout, stderr io.Writer) error {
	addr, err := loadTarget(f)
	if err != nil {
		return err
	}
	c, err := loadClient(f)
	if err != nil {
		return err
	}
	reqs, err := loadRequests(ctx, f, c, addr, stderr)
	if err != nil {
		return err
	}
	res, err := load.Run(ctx, load.Options{Mode: f.mode, Addr: addr, Requests: reqs, Cycle: f.mode == load.ModeCanned,
		Conns: f.conns, Duration: f.duration, Warmup: f.warmup, Timeout: f.timeout})
	if err != nil {
		return err
	}
	return report(stdout, f, res)
}

// loadClient signs with --key, or with the demo merchant key.
func loadClient(f loadFlags) (*client.Client, error) {
	m, err := demo.Load()
	if err != nil {
		return nil, err
	}
	var key *rsa.PrivateKey = m.MerchantKey
	if f.key != "" {
		if key, err = keys.LoadPrivateKeyFile(f.key, f.password); err != nil {
			return nil, err
		}
	}
	// The client only signs here; the load generator sends the requests.
	return client.New("http://127.0.0.1", f.sysid, key, m.PlatformCert)
}

// loadTarget is --url's host:port, once --mode is known to be one of
// the modes.
func loadTarget(f loadFlags) (string, error) {
	if f.mode != load.ModeCreateMember && f.mode != load.ModeCanned {
		return "", fmt.Errorf("--mode %q: want %s or %s", f.mode, load.ModeCreateMember, load.ModeCanned)
	}
	u, err := url.Parse(f.url)
	if err != nil || u.Host == "" {
		return "", fmt.Errorf("--url %q: want http://HOST:PORT", f.url)
	}
	return u.Host, nil
}

// loadRequests signs the requests of the mode before the timed phase.
func loadRequests(ctx context.Context, f loadFlags, c *client.Client, addr string, stderr io.Writer) ([][]byte, error) {
	prefix := f.prefix
	if prefix == "" {
		prefix = "load-" + strconv.FormatInt(time.Now().Unix(), 36) + "-"
	}
	if f.mode == load.ModeCanned {
		return load.Prepare(ctx, c, addr, []string{load.QueryBalanceReq()})
	}
	n := f.requests
	if n <= 0 {
		n = enoughRequests(f)
	}
	fmt.Fprintf(stderr, "signing %d createMember requests (bizUserId %s0...)\n", n, prefix)
	return load.Prepare(ctx, c, addr, load.CreateMemberReqs(prefix, n))
}

// enoughRequests is how many createMember calls the run can use: the
// crypto floor (about one RSA sign per answer on every core) times the
// run's length, with room to spare.
func enoughRequests(f loadFlags) int {
	perSecond := 3000.0 // a 2048-bit sign takes about 0.7 ms on a fast core
	if m, err := demo.Load(); err == nil {
		if fl, err := load.MeasureFloor(context.Background(), m.MerchantKey, m.PlatformKey, 100*time.Millisecond); err == nil {
			perSecond = fl.RPS
		}
	}
	return int(perSecond*1.3*(f.duration+f.warmup).Seconds()) + f.conns
}

// report prints a result as text or JSON, and writes --json-out.
func report(w io.Writer, f loadFlags, v load.Result) error {
	if f.jsonOut != "" {
		data, err := json.MarshalIndent(v, "", "  ")
		if err == nil {
			err = os.WriteFile(f.jsonOut, append(data, '\n'), 0o644)
		}
		if err != nil {
			return fmt.Errorf("--json-out: %w", err)
		}
	}
	if !f.json {
		return v.WriteText(w)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

package main

import (
	"context"
	"crypto/rsa"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"os"
	"runtime/pprof"
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
	pid      int
	jsonOut  string
	cpuProf  string
	bare     bareFlags
	suite    suiteFlags
}

func (f *loadFlags) register(fs *pflag.FlagSet) {
	fs.StringVar(&f.url, "url", "http://127.0.0.1:6900", "server base URL (loopback: the load tool is no distributed tester)")
	fs.StringVar(&f.mode, "mode", load.ModeCreateMember, "create-member (the whole path), canned (queryBalance; start the server with --scenarios builtin:balances), bare (a bare net/http handler started here that writes the canned answer: the HTTP limit) or bare-crypto (a bare handler that only verifies and signs: the crypto floor over HTTP)")
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
	fs.IntVar(&f.pid, "pid", 0, "the server's process id (its ready line's pid): report its CPU time per request too (Linux)")
	fs.StringVar(&f.cpuProf, "cpuprofile", "", "write the load generator's own CPU profile to this file")
	_ = fs.MarkHidden("cpuprofile")
	f.bare.register(fs)
	f.suite.register(fs)
}

func runLoad(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	var f loadFlags
	fs := pflag.NewFlagSet("load", pflag.ContinueOnError)
	fs.SetOutput(stderr)
	f.register(fs)
	fs.Usage = func() {
		fmt.Fprint(stderr, `Usage: tsymock load [flags]
       tsymock load --suite [flags]

Send signed requests, prepared before the timed phase, over keep-alive
connections to a running server, and report requests/s, p50, p99 and max
latency and every answer that was not OK (by errorCode). Examples:
  tsymock serve &                                   # then
  tsymock load --mode create-member --duration 10s
  tsymock serve --scenarios builtin:balances &      # then
  tsymock load --mode canned
  tsymock load --mode bare                          # needs no server: the HTTP limit
  tsymock load --mode bare-crypto                   # verify + sign only: the crypto floor over HTTP
--pid (the ready line's pid) adds the server's CPU time per request.
With --suite it starts its own servers (this binary) and measures every
mode against the crypto floor and the HTTP limit (what "make bench" runs);
on Linux the servers run on --server-cpus and the load generator on the
other CPUs, and the floor is that of the servers' CPUs.
See docs/performance.md.

Flags:
`)
		fs.PrintDefaults()
	}
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	stopProfile, err := startCPUProfile(f.cpuProf)
	if err != nil {
		fmt.Fprintf(stderr, "tsymock load: %v\n", err)
		return 1
	}
	defer stopProfile()
	switch {
	case f.bare.kind != "":
		err = serveBare(ctx, f, stdout)
	case f.suite.on:
		err = runSuite(ctx, f, stdout, stderr)
	default:
		err = loadOnce(ctx, f, stdout, stderr)
	}
	if err != nil {
		fmt.Fprintf(stderr, "tsymock load: %v\n", err)
		return 1
	}
	return 0
}

// loadOnce runs one mode against --url (or a bare server of its own).
func loadOnce(ctx context.Context, f loadFlags, stdout, stderr io.Writer) error {
	c, err := loadClient(f)
	if err != nil {
		return err
	}
	addr, stop, err := loadTarget(f)
	if err != nil {
		return err
	}
	defer stop()
	reqs, err := loadRequests(ctx, f, c, addr, stderr)
	if err != nil {
		return err
	}
	res, err := load.Run(ctx, load.Options{Mode: f.mode, Addr: addr, Requests: reqs, Cycle: f.mode != load.ModeCreateMember,
		Conns: f.conns, Duration: f.duration, Warmup: f.warmup, Timeout: f.timeout, ServerPID: f.pid})
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

// loadTarget is the host:port to load: --url's, or a bare server started
// here for the bare modes (stop closes it).
func loadTarget(f loadFlags) (addr string, stop func(), err error) {
	switch f.mode {
	case load.ModeCreateMember, load.ModeCanned:
		u, err := url.Parse(f.url)
		if err != nil || u.Host == "" {
			return "", nil, fmt.Errorf("--url %q: want http://HOST:PORT", f.url)
		}
		return u.Host, func() {}, nil
	case load.ModeBare, load.ModeBareCrypto:
		h, err := bareHandler(f, map[string]string{load.ModeBare: bareCanned, load.ModeBareCrypto: bareCrypto}[f.mode])
		if err != nil {
			return "", nil, err
		}
		b, err := load.StartBare("127.0.0.1:0", h)
		if err != nil {
			return "", nil, err
		}
		return b.Addr(), func() { _ = b.Close() }, nil
	}
	return "", nil, fmt.Errorf("--mode %q: want %s, %s, %s or %s", f.mode,
		load.ModeCreateMember, load.ModeCanned, load.ModeBare, load.ModeBareCrypto)
}

// loadRequests signs the requests of the mode before the timed phase.
func loadRequests(ctx context.Context, f loadFlags, c *client.Client, addr string, stderr io.Writer) ([][]byte, error) {
	prefix := f.prefix
	if prefix == "" {
		prefix = "load-" + strconv.FormatInt(time.Now().Unix(), 36) + "-"
	}
	switch f.mode {
	case load.ModeCanned, load.ModeBare:
		return load.Prepare(ctx, c, addr, []string{load.QueryBalanceReq()})
	case load.ModeBareCrypto: // any signed calls do: nothing is stored
		return load.Prepare(ctx, c, addr, load.CreateMemberReqs(prefix, 64))
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

// textWriter is a result that can print itself for a person.
type textWriter interface{ WriteText(io.Writer) error }

// report prints a result as text or JSON, and writes --json-out.
func report(w io.Writer, f loadFlags, v textWriter) error {
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

// startCPUProfile profiles the load generator itself, to check that it
// stays cheap next to the server it measures.
func startCPUProfile(path string) (stop func(), err error) {
	if path == "" {
		return func() {}, nil
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		_ = f.Close()
		return nil, err
	}
	return func() { pprof.StopCPUProfile(); _ = f.Close() }, nil
}

package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/pprof"
	"time"

	"github.com/spf13/pflag"

	"github.com/tsymock/tsymock/client"
	"github.com/tsymock/tsymock/keys/demo"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run is the whole program, for tests: the suite, or "serve-bare KIND".
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	var err error
	if len(args) > 0 && args[0] == "serve-bare" {
		err = runServeBare(ctx, args[1:], stdout, stderr)
	} else {
		err = runBench(ctx, args, stdout, stderr)
	}
	switch {
	case errors.Is(err, pflag.ErrHelp):
		return 0
	case err != nil:
		fmt.Fprintf(stderr, "bench: %v\n", err)
		return 1
	}
	return 0
}

// benchFlags are the options of the suite.
type benchFlags struct {
	tsymock    string
	conns      int
	duration   time.Duration
	warmup     time.Duration
	rounds     int
	small      int
	large      int
	memory     uint64
	profileDir string
	serverArgs []string
	serverCPUs string
	wireMock   wireMockOptions
	json       bool
	jsonOut    string
	cpuProfile string
}

func (f *benchFlags) register(fs *pflag.FlagSet) {
	fs.StringVar(&f.tsymock, "tsymock", "bin/tsymock", "the tsymock binary to measure (make bench builds it)")
	fs.IntVar(&f.conns, "conns", 8, "keep-alive connections, one request in flight on each")
	fs.DurationVar(&f.duration, "duration", 20*time.Second, "each server's timed load, in --rounds turns")
	fs.DurationVar(&f.warmup, "warmup", time.Second, "load sent before each turn and not counted")
	fs.IntVar(&f.rounds, "rounds", 4, "how many times the compared runs take turns (each for --duration ÷ rounds)")
	fs.IntVar(&f.small, "members", 1000, "members the first create-member server holds")
	fs.IntVar(&f.large, "members-large", 1_000_000, "members the second create-member server holds")
	fs.Uint64Var(&f.memory, "memory-requests", 0, "send this many canned requests in all, then read the server's resident memory (0: skip)")
	fs.StringVar(&f.profileDir, "profile-dir", "", "write a CPU profile of each tsymock server under load to this folder")
	fs.StringArrayVar(&f.serverArgs, "server-arg", nil, "add a flag to every tsymock server's command line (repeatable)")
	fs.StringVar(&f.serverCPUs, "server-cpus", "auto", "CPUs every server runs on (a list such as 2-3), the load generator keeping the others; auto: half of them on Linux with 2 CPUs or more; none: no pinning")
	fs.StringVar(&f.wireMock.Java, "java", "java", "the Java runtime that runs WireMock")
	fs.StringVar(&f.wireMock.Jar, "wiremock-jar", "bin/wiremock-standalone.jar", "the WireMock standalone jar (scripts/wiremock.sh installs it); without it or Java the WireMock row is skipped")
	fs.DurationVar(&f.wireMock.Warmup, "wiremock-warmup", 2*time.Minute, "load WireMock before its timed turns until its JIT compilers are idle (the JVM has compiled its hot path), this long at most")
	fs.BoolVar(&f.json, "json", false, "print the report as one JSON object")
	fs.StringVar(&f.jsonOut, "json-out", "", "also write the report as JSON to this file")
	fs.StringVar(&f.cpuProfile, "cpuprofile", "", "write the load generator's own CPU profile to this file")
}

// runBench parses the flags and runs the suite with the demo keys.
func runBench(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var f benchFlags
	fs := pflag.NewFlagSet("bench", pflag.ContinueOnError)
	fs.SetOutput(stderr)
	f.register(fs)
	fs.Usage = func() {
		fmt.Fprint(stderr, "Usage: go run ./tools/bench [flags]   (make bench runs it; see docs/performance.md)\n\nFlags:\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	o, err := f.suiteOptions()
	if err != nil {
		return err
	}
	if o.WorkDir, err = os.MkdirTemp("", "tsymock-bench-"); err != nil {
		return err
	}
	defer func() { _ = os.RemoveAll(o.WorkDir) }()
	o.Progress = stderr
	stopProfile, err := startCPUProfile(f.cpuProfile)
	if err != nil {
		return err
	}
	rep, err := runSuite(ctx, o)
	stopProfile()
	if err != nil {
		return err
	}
	return f.report(stdout, rep)
}

// suiteOptions turns the flags into the suite's options.
func (f benchFlags) suiteOptions() (suiteOptions, error) {
	cpus, err := parseServerCPUs(f.serverCPUs)
	if err != nil {
		return suiteOptions{}, fmt.Errorf("--server-cpus: %w", err)
	}
	if _, err := os.Stat(f.tsymock); err != nil {
		return suiteOptions{}, fmt.Errorf("--tsymock: %w (go build -o bin/tsymock ./cmd/tsymock)", err)
	}
	self, err := os.Executable()
	if err != nil {
		return suiteOptions{}, fmt.Errorf("the bare servers run this program: %w", err)
	}
	m, err := demo.Load()
	if err != nil {
		return suiteOptions{}, err
	}
	c, err := client.New("http://127.0.0.1", demo.SysID, m.MerchantKey, m.PlatformCert)
	if err != nil {
		return suiteOptions{}, err
	}
	if f.profileDir != "" {
		if err := os.MkdirAll(f.profileDir, 0o755); err != nil {
			return suiteOptions{}, err
		}
	}
	return suiteOptions{Binary: f.tsymock, Self: self, Client: c, Merchant: m.MerchantKey, Platform: m.PlatformKey,
		Conns: f.conns, Duration: f.duration, Warmup: f.warmup, Rounds: f.rounds, Small: f.small, Large: f.large,
		MemoryRequests: f.memory, ProfileDir: f.profileDir, ServerArgs: f.serverArgs, ServerCPUs: cpus, WireMock: f.wireMock}, nil
}

// report prints the report as text or JSON, and writes --json-out.
func (f benchFlags) report(w io.Writer, rep suiteReport) error {
	if f.jsonOut != "" {
		data, err := json.MarshalIndent(rep, "", "  ")
		if err == nil {
			err = os.WriteFile(f.jsonOut, append(data, '\n'), 0o644)
		}
		if err != nil {
			return fmt.Errorf("--json-out: %w", err)
		}
	}
	if !f.json {
		return rep.WriteText(w)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(rep)
}

// startCPUProfile profiles the load generator itself, to check that it
// stays cheap next to the servers it measures.
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

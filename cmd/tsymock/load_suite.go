package main

import (
	"context"
	"fmt"
	"io"
	"os"

	"github.com/spf13/pflag"

	"github.com/tsymock/tsymock/client"
	"github.com/tsymock/tsymock/internal/load"
	"github.com/tsymock/tsymock/keys/demo"
)

// suiteFlags are the options of "tsymock load --suite".
type suiteFlags struct {
	on         bool
	rounds     int
	small      int
	large      int
	memory     uint64
	profileDir string
	serverArgs []string
	serverCPUs string
}

func (f *suiteFlags) register(fs *pflag.FlagSet) {
	fs.BoolVar(&f.on, "suite", false, "start servers of this binary and measure every mode against the crypto floor and the HTTP limit")
	fs.IntVar(&f.rounds, "suite-rounds", 2, "suite: how many times the compared runs take turns (each for --duration ÷ rounds)")
	fs.IntVar(&f.small, "suite-members", 1000, "suite: members the first create-member server holds")
	fs.IntVar(&f.large, "suite-members-large", 1_000_000, "suite: members the second create-member server holds")
	fs.Uint64Var(&f.memory, "suite-memory-requests", 0, "suite: send this many canned requests in all, then read the server's resident memory (0: skip)")
	fs.StringVar(&f.profileDir, "suite-profile-dir", "", "suite: write a CPU profile of each server under load to this folder (servers run with --pprof)")
	fs.StringArrayVar(&f.serverArgs, "suite-server-arg", nil, "suite: add a flag to every server's command line (repeatable)")
	fs.StringVar(&f.serverCPUs, "server-cpus", "auto", "suite: CPUs every server runs on (a list such as 2-3), the load generator keeping the others; auto: half of them on Linux with 2 CPUs or more; none: no pinning, servers and load generator share the cores")
}

// runSuite is "tsymock load --suite": the demo keys, servers started from
// this very binary.
func runSuite(ctx context.Context, f loadFlags, stdout, stderr io.Writer) error {
	serverCPUs, err := load.ServerCPUs(f.suite.serverCPUs)
	if err != nil {
		return fmt.Errorf("--server-cpus: %w", err)
	}
	m, err := demo.Load()
	if err != nil {
		return err
	}
	binary, err := os.Executable()
	if err != nil {
		return fmt.Errorf("--suite needs its own executable: %w", err)
	}
	c, err := client.New("http://127.0.0.1", demo.SysID, m.MerchantKey, m.PlatformCert)
	if err != nil {
		return err
	}
	if f.suite.profileDir != "" {
		if err := os.MkdirAll(f.suite.profileDir, 0o755); err != nil {
			return err
		}
	}
	rep, err := load.Suite(ctx, load.SuiteOptions{Binary: binary, Client: c, Merchant: m.MerchantKey, Platform: m.PlatformKey,
		SysID: demo.SysID, Conns: f.conns, Duration: f.duration, Warmup: f.warmup, Rounds: f.suite.rounds, Small: f.suite.small, Large: f.suite.large,
		MemoryRequests: f.suite.memory, ProfileDir: f.suite.profileDir, ServerArgs: f.suite.serverArgs, ServerCPUs: serverCPUs, Progress: stderr})
	if err != nil {
		return err
	}
	return report(stdout, f, rep)
}

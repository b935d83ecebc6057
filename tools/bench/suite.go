package main

import (
	"context"
	"crypto/rsa"
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/tsymock/tsymock/client"
	"github.com/tsymock/tsymock/internal/load"
)

// suiteOptions configures runSuite.
type suiteOptions struct {
	// Binary is the tsymock executable that serves; Self is this program,
	// which serves the bare handlers ("bench serve-bare").
	Binary, Self string
	// Client signs the requests; Merchant is its key and Platform the
	// server's, timed for the crypto floor.
	Client             *client.Client
	Merchant, Platform *rsa.PrivateKey
	// Conns, Duration and Warmup shape every run.
	Conns            int
	Duration, Warmup time.Duration
	// FloorTime is how long each timing of the crypto floor lasts
	// (default 1.5 s): one before the loads and one before each round of
	// the createMember runs, so that the floor sees the CPUs as they are
	// while those run.
	FloorTime time.Duration
	// Rounds is how many times the runs that are compared take turns
	// (default 2), each for Duration/Rounds.
	Rounds int
	// Small and Large are the members preloaded for the scaling
	// comparison (1,000 and 1,000,000).
	Small, Large int
	// MemoryRequests canned requests are sent before the server's resident
	// memory is read once more (0: skip).
	MemoryRequests uint64
	// ProfileDir, when set, receives a CPU profile of the server during
	// each timed run (the servers then run with --pprof).
	ProfileDir string
	// ServerArgs are added to every tsymock server's command line.
	ServerArgs []string
	// ServerCPUs, when set, are the CPUs every server runs on, the load
	// generator (this process) keeping the others it may use: the crypto
	// floor is then that of len(ServerCPUs) cores, timed on the first.
	// Without it the servers and the load generator share all the cores.
	ServerCPUs cpuSet
	// WireMock is the WireMock the canned answer is compared with.
	WireMock wireMockOptions
	// WorkDir holds the files the servers read (the canned answer,
	// WireMock's stub).
	WorkDir string
	// Progress receives a line per step.
	Progress io.Writer
}

// suiteReport is everything runSuite measured.
type suiteReport struct {
	Machine     machineInfo   `json:"machine"`
	Floor       pinnedFloor   `json:"floor"` // the mean of FloorRuns
	FloorRuns   []pinnedFloor `json:"floorRuns"`
	CreateSmall measured      `json:"createMemberSmall"`
	CreateLarge measured      `json:"createMemberLarge"`
	Canned      measured      `json:"canned"`
	Bare        measured      `json:"bare"`
	BareCrypto  measured      `json:"bareCrypto"`
	// WireMock is WireMock serving the canned answer, after
	// WireMockWarmup; WireMockSkipped says why it is missing.
	WireMock        *measured     `json:"wiremock,omitempty"`
	WireMockWarmup  warmupFigures `json:"wiremockWarmup"`
	WireMockSkipped string        `json:"wiremockSkipped,omitempty"`
	Memory          memoryFigures `json:"memory"`
	Ratios          ratioFigures  `json:"ratios"`
	Small, Large    int
}

// pinnedFloor is the crypto floor, and the CPU it was timed on when the
// servers are pinned: its Cores are then the servers' CPUs.
type pinnedFloor struct {
	load.Floor
	TimedOn string `json:"timedOnCpu,omitempty"`
}

// ratioFigures are the figures the project's targets are set on.
type ratioFigures struct {
	FullOverFloor  float64 `json:"fullOverFloor"`  // createMember ÷ crypto floor
	CannedOverBare float64 `json:"cannedOverBare"` // canned ÷ bare handler
	LargeOverSmall float64 `json:"largeOverSmall"` // with Large members ÷ with Small
	// CannedOverWireMock is tsymock's canned answer ÷ WireMock's, 0 when
	// WireMock was skipped.
	CannedOverWireMock float64 `json:"cannedOverWiremock,omitempty"`
	// CannedOverWireMockCPU is the same by server CPU time per request
	// (WireMock's ÷ tsymock's): what one busy core of each would serve.
	// Informative: a canned server waits part of the time with the
	// suite's connections, WireMock does not (docs/performance.md).
	CannedOverWireMockCPU float64 `json:"cannedOverWiremockCpu,omitempty"`
	// CryptoOverFloor is what a bare handler doing only the verify and
	// the sign reaches of the floor on this machine, over HTTP and on the
	// servers' CPUs; FullOverCrypto is tsymock's share of that.
	CryptoOverFloor float64 `json:"cryptoOverFloor"`
	FullOverCrypto  float64 `json:"fullOverCrypto"`
}

// memoryFigures are the servers' resident memory (RSS) at points of the
// suite.
type memoryFigures struct {
	Idle          int64   `json:"idleBytes"`        // canned server, started, before any request
	Small         int64   `json:"smallBytes"`       // with Small members, before the load
	Large         int64   `json:"largeBytes"`       // with Large members, before the load
	PerMember     float64 `json:"perMemberBytes"`   // (Large - Small) ÷ (Large - Small members)
	AfterCanned   int64   `json:"afterCannedBytes"` // canned server after its timed run
	Requests      uint64  `json:"requests"`         // canned requests sent in all, when MemoryRequests is set
	AfterRequests int64   `json:"afterRequestsBytes"`
	WireMock      int64   `json:"wiremockBytes,omitempty"` // WireMock after its timed run
}

// runSuite measures tsymock on this machine: the crypto floor,
// createMember with Small and Large members, the canned answer, the bare
// handler and WireMock writing the same bytes, and the servers' memory.
func runSuite(ctx context.Context, o suiteOptions) (rep suiteReport, err error) {
	s := &suite{o: o, rep: suiteReport{Small: o.Small, Large: o.Large}}
	if s.o.Rounds <= 0 {
		s.o.Rounds = 2
	}
	if len(o.ServerCPUs) > 0 {
		unpin, err := s.pin()
		if err != nil {
			return s.rep, err
		}
		defer func() {
			if uerr := unpin(); err == nil {
				err = uerr
			}
		}()
	}
	s.rep.Machine = thisMachine()
	s.rep.Machine.ServerCPUs, s.rep.Machine.GeneratorCPUs = s.o.ServerCPUs.String(), s.generator.String()
	for _, step := range []func(context.Context) error{s.floor, s.createMember, s.canned} {
		if err := step(ctx); err != nil {
			return s.rep, err
		}
	}
	s.rep.Ratios = s.rep.ratios()
	s.rep.Machine.LoadAfter = loadAverage()
	return s.rep, nil
}

// suite is one runSuite in progress.
type suite struct {
	o         suiteOptions
	generator cpuSet // this process's CPUs, when the servers are pinned
	rep       suiteReport
}

func (s *suite) progress(format string, args ...any) {
	if s.o.Progress != nil {
		fmt.Fprintf(s.o.Progress, format+"\n", args...)
	}
}

// floor times the crypto floor on a server CPU (when the servers are
// pinned) and keeps the mean of every timing so far.
func (s *suite) floor(ctx context.Context) error {
	s.progress("timing the crypto floor (verify + sign with the demo keys)")
	d := s.o.FloorTime
	if d <= 0 {
		d = 1500 * time.Millisecond
	}
	var f pinnedFloor
	timed := s.o.ServerCPUs[:min(len(s.o.ServerCPUs), 1)]
	err := onCPUs(timed, func() (err error) {
		f.Floor, err = load.MeasureFloor(ctx, s.o.Merchant, s.o.Platform, d)
		return err
	})
	if err != nil {
		return err
	}
	if len(timed) > 0 {
		f.Floor, f.TimedOn = f.OnCores(len(s.o.ServerCPUs)), timed.String()
	}
	s.rep.FloorRuns = append(s.rep.FloorRuns, f)
	s.rep.Floor = meanFloor(s.rep.FloorRuns)
	return nil
}

// meanFloor averages the floor measured before the loads and between the
// createMember rounds.
func meanFloor(runs []pinnedFloor) pinnedFloor {
	m := pinnedFloor{TimedOn: runs[0].TimedOn}
	for _, f := range runs {
		m.VerifyUS += f.VerifyUS / float64(len(runs))
		m.SignUS += f.SignUS / float64(len(runs))
	}
	m.Floor = m.OnCores(runs[0].Cores)
	return m
}

func (r suiteReport) ratios() ratioFigures {
	f := ratioFigures{
		FullOverFloor:   ratio(r.CreateSmall.RPS, r.Floor.RPS),
		CannedOverBare:  ratio(r.Canned.RPS, r.Bare.RPS),
		LargeOverSmall:  ratio(r.CreateLarge.RPS, r.CreateSmall.RPS),
		CryptoOverFloor: ratio(r.BareCrypto.RPS, r.Floor.RPS),
		FullOverCrypto:  ratio(r.CreateSmall.RPS, r.BareCrypto.RPS),
	}
	if r.WireMock != nil {
		f.CannedOverWireMock = ratio(r.Canned.RPS, r.WireMock.RPS)
		f.CannedOverWireMockCPU = ratio(r.WireMock.ServerCPU, r.Canned.ServerCPU)
	}
	return f
}

func ratio(a, b float64) float64 {
	if b == 0 {
		return 0
	}
	return a / b
}

// startServer starts "tsymock serve" on a free loopback port with the
// suite's flags and extra.
func (s *suite) startServer(ctx context.Context, extra ...string) (*serverProcess, error) {
	args := append([]string{"serve", "--addr", "127.0.0.1:0"}, s.o.ServerArgs...)
	if s.o.ProfileDir != "" {
		args = append(args, "--pprof")
	}
	return startProcess(ctx, s.o.ServerCPUs, jsonReady, s.o.Binary, append(args, extra...)...)
}

// startBare starts a bare server (canned or crypto) in a process of its
// own, as tsymock runs and on the same CPUs: a bare server inside the
// load generator's process would be spared the cross-process wake-ups
// tsymock pays, and would share the load generator's CPUs.
func (s *suite) startBare(ctx context.Context, kind string, args ...string) (*serverProcess, error) {
	args = append([]string{"serve-bare", kind, "--addr", "127.0.0.1:0"}, args...)
	p, err := startProcess(ctx, s.o.ServerCPUs, jsonReady, s.o.Self, args...)
	if err == nil {
		s.rep.Machine.ServerGOMAXPROCS = p.GOMAXPROCS
	}
	return p, err
}

// preloadArgs starts a server holding n members, whose bizUserIds differ
// from the load's.
func preloadArgs(n int) []string {
	return []string{"--preload-members", strconv.Itoa(n), "--preload-prefix", "preload-"}
}

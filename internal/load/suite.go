package load

import (
	"context"
	"crypto/rsa"
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/tsymock/tsymock/client"
)

// SuiteOptions configures Suite.
type SuiteOptions struct {
	// Binary is the tsymock executable that serves (the running one, for
	// "tsymock load --suite").
	Binary string
	// Client signs the requests; Merchant is its key and Platform the
	// server's, timed for the crypto floor.
	Client             *client.Client
	Merchant, Platform *rsa.PrivateKey
	SysID              string
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
	// ServerArgs are added to every server's command line.
	ServerArgs []string
	// ServerCPUs, when set, are the CPUs every server runs on, the load
	// generator (this process) keeping the others it may use: the crypto
	// floor is then that of len(ServerCPUs) cores, timed on the first.
	// Without it the servers and the load generator share all the cores.
	ServerCPUs CPUSet
	// Progress receives a line per step.
	Progress io.Writer
}

// Report is everything Suite measured.
type Report struct {
	Machine      Machine `json:"machine"`
	Floor        Floor   `json:"floor"` // the mean of FloorRuns
	FloorRuns    []Floor `json:"floorRuns"`
	CreateSmall  Result  `json:"createMemberSmall"`
	CreateLarge  Result  `json:"createMemberLarge"`
	Canned       Result  `json:"canned"`
	Bare         Result  `json:"bare"`
	BareCrypto   Result  `json:"bareCrypto"`
	Memory       Memory  `json:"memory"`
	Ratios       Ratios  `json:"ratios"`
	Small, Large int
}

// Ratios are the figures the project's targets are set on.
type Ratios struct {
	FullOverFloor  float64 `json:"fullOverFloor"`  // createMember ÷ crypto floor, target ≥ 0.85
	CannedOverBare float64 `json:"cannedOverBare"` // canned ÷ bare handler, target ≥ 0.5
	LargeOverSmall float64 `json:"largeOverSmall"` // with Large members ÷ with Small, target ≥ 0.9
	// CryptoOverFloor is what a bare handler doing only the verify and
	// the sign reaches of the floor on this machine, over HTTP and on the
	// servers' CPUs; FullOverCrypto is tsymock's share of that.
	CryptoOverFloor float64 `json:"cryptoOverFloor"`
	FullOverCrypto  float64 `json:"fullOverCrypto"`
}

// Memory is the servers' resident memory (RSS) at points of the suite.
type Memory struct {
	Idle          int64   `json:"idleBytes"`        // canned server, started, before any request
	Small         int64   `json:"smallBytes"`       // with Small members, before the load
	Large         int64   `json:"largeBytes"`       // with Large members, before the load
	PerMember     float64 `json:"perMemberBytes"`   // (Large - Small) ÷ (Large - Small members)
	AfterCanned   int64   `json:"afterCannedBytes"` // canned server after its timed run
	Requests      uint64  `json:"requests"`         // canned requests sent in all, when MemoryRequests is set
	AfterRequests int64   `json:"afterRequestsBytes"`
}

// Suite measures tsymock on this machine: the crypto floor, createMember
// with Small and Large members, the canned answer and the bare handler,
// and the servers' memory.
func Suite(ctx context.Context, o SuiteOptions) (rep Report, err error) {
	s := &suite{o: o, rep: Report{Small: o.Small, Large: o.Large}}
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
	s.rep.Machine = ThisMachine()
	s.rep.Machine.ServerCPUs, s.rep.Machine.GeneratorCPUs = s.o.ServerCPUs.String(), s.generator.String()
	steps := []func(context.Context) error{s.floor, s.createMember, s.canned}
	for _, step := range steps {
		if err := step(ctx); err != nil {
			return s.rep, err
		}
	}
	s.rep.Ratios = s.rep.ratios()
	s.rep.Machine.LoadAfter = loadAverage()
	return s.rep, nil
}

// suite is one Suite run in progress.
type suite struct {
	o         SuiteOptions
	generator CPUSet // this process's CPUs, when the servers are pinned
	rep       Report
	body      []byte   // the canned server's answer, which the bare server must repeat
	reqs      [][]byte // signed createMember calls
}

func (s *suite) progress(format string, args ...any) {
	if s.o.Progress != nil {
		fmt.Fprintf(s.o.Progress, format+"\n", args...)
	}
}

func (s *suite) floor(ctx context.Context) error {
	s.progress("timing the crypto floor (verify + sign with the demo keys)")
	d := s.o.FloorTime
	if d <= 0 {
		d = 1500 * time.Millisecond
	}
	var f Floor
	timed := s.o.ServerCPUs[:min(len(s.o.ServerCPUs), 1)] // on a server CPU, when there are
	err := onCPUs(timed, func() (err error) {
		f, err = MeasureFloor(ctx, s.o.Merchant, s.o.Platform, d)
		return err
	})
	if err != nil {
		return err
	}
	if len(timed) > 0 {
		f = f.onCores(len(s.o.ServerCPUs))
		f.TimedOn = timed.String()
	}
	s.rep.FloorRuns = append(s.rep.FloorRuns, f)
	s.rep.Floor = meanFloor(s.rep.FloorRuns)
	return nil
}

// meanFloor averages the floor measured before the loads and between the
// createMember rounds.
func meanFloor(runs []Floor) Floor {
	m := Floor{Cores: runs[0].Cores, TimedOn: runs[0].TimedOn}
	for _, f := range runs {
		m.VerifyUS += f.VerifyUS / float64(len(runs))
		m.SignUS += f.SignUS / float64(len(runs))
	}
	return m.onCores(m.Cores)
}

func (r Report) ratios() Ratios {
	return Ratios{
		FullOverFloor:   ratio(r.CreateSmall.RPS, r.Floor.RPS),
		CannedOverBare:  ratio(r.Canned.RPS, r.Bare.RPS),
		LargeOverSmall:  ratio(r.CreateLarge.RPS, r.CreateSmall.RPS),
		CryptoOverFloor: ratio(r.BareCrypto.RPS, r.Floor.RPS),
		FullOverCrypto:  ratio(r.CreateSmall.RPS, r.BareCrypto.RPS),
	}
}

func ratio(a, b float64) float64 {
	if b == 0 {
		return 0
	}
	return a / b
}

// startServer starts "tsymock serve" on a free loopback port with the
// suite's flags and extra.
func (s *suite) startServer(ctx context.Context, extra ...string) (*Process, error) {
	args := append([]string{"serve", "--addr", "127.0.0.1:0"}, s.o.ServerArgs...)
	if s.o.ProfileDir != "" {
		args = append(args, "--pprof")
	}
	return startPinned(ctx, s.o.ServerCPUs, s.o.Binary, append(args, extra...)...)
}

// startBare starts a bare server (canned or crypto) in a process of its
// own, as the mock runs and on the same CPUs: a bare server inside the
// load generator's process would be spared the cross-process wake-ups the
// mock pays, and would share the load generator's CPUs.
func (s *suite) startBare(ctx context.Context, kind string) (*Process, error) {
	p, err := startPinned(ctx, s.o.ServerCPUs, s.o.Binary, "load", "--serve-bare", kind, "--serve-addr", "127.0.0.1:0")
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

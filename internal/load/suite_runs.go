package load

import (
	"bytes"
	"context"
	"fmt"
	"time"
)

// target is one server the suite loads and what it sends it.
type target struct {
	mode    string // as the report names it
	profile string // CPU profile name; "" for the bare servers, which have no profiler
	p       *Process
	reqs    [][]byte
	cycle   bool
	next    int // createMember calls already sent to this server
	runs    []Result
}

// alternate loads the targets in turn, Rounds times for Duration/Rounds
// each (after its own warmup), so that a change in what else the machine
// is doing falls on every target alike instead of on whichever ran last;
// with floor, the crypto floor is timed again before each round, for the
// same reason.
func (s *suite) alternate(ctx context.Context, floor bool, targets ...*target) error {
	d := s.o.Duration / time.Duration(s.o.Rounds)
	for round := range s.o.Rounds {
		if floor {
			if err := s.floor(ctx); err != nil {
				return err
			}
		}
		for _, t := range targets {
			s.progress("round %d/%d: %s for %s", round+1, s.o.Rounds, t.mode, d)
			reqs := t.reqs[t.next:]
			if !t.cycle { // an even share of what is left, so that a fast round cannot starve the next
				reqs = reqs[:len(reqs)/(s.o.Rounds-round)]
			}
			o := Options{Mode: t.mode, Addr: t.p.Addr, Requests: reqs, Cycle: t.cycle, Conns: s.o.Conns,
				Duration: d, Warmup: s.o.Warmup, ServerPID: t.p.PID}
			profile := t.profile
			if round > 0 {
				profile = ""
			}
			res, err := s.run(ctx, o, profile)
			if err != nil {
				return err
			}
			if !t.cycle {
				t.next += int(res.sent)
			}
			t.runs = append(t.runs, res)
		}
	}
	return nil
}

// run loads a server, taking a CPU profile meanwhile when asked.
func (s *suite) run(ctx context.Context, o Options, profile string) (Result, error) {
	profiled := s.profile(ctx, o.Addr, o.Duration, profile)
	res, err := Run(ctx, o)
	if perr := <-profiled; perr != nil && err == nil {
		err = perr
	}
	return res, err
}

// createMember loads a server holding Small members, one holding Large
// members and the bare crypto handler with the same signed createMember
// calls: the full path, how it scales with the state, and what the same
// machine does with nothing but the crypto.
func (s *suite) createMember(ctx context.Context) error {
	timed := s.o.Duration + time.Duration(s.o.Rounds)*s.o.Warmup
	n := int(s.rep.Floor.RPS*1.3*timed.Seconds()) + s.o.Conns*s.o.Rounds
	s.progress("signing %d createMember requests", n)
	reqs, err := Prepare(ctx, s.o.Client, "127.0.0.1", CreateMemberReqs("load-", n))
	if err != nil {
		return err
	}
	small, large, crypto, err := s.createTargets(ctx, reqs)
	for _, t := range []*target{small, large, crypto} {
		if t != nil {
			defer func() { _ = t.p.Stop() }()
		}
	}
	if err != nil {
		return err
	}
	if err := s.alternate(ctx, true, small, large, crypto); err != nil {
		return err
	}
	s.rep.CreateSmall, s.rep.CreateLarge, s.rep.BareCrypto = Merge(small.runs...), Merge(large.runs...), Merge(crypto.runs...)
	if d := s.o.Large - s.o.Small; d > 0 {
		s.rep.Memory.PerMember = float64(s.rep.Memory.Large-s.rep.Memory.Small) / float64(d)
	}
	return nil
}

// createTargets starts the three createMember servers and reads the
// memory of the two tsymocks before any request.
func (s *suite) createTargets(ctx context.Context, reqs [][]byte) (small, large, crypto *target, err error) {
	mode := func(n int) string { return fmt.Sprintf("%s (%d members)", ModeCreateMember, n) }
	s.progress("starting servers holding %d and %d members, and the bare crypto handler", s.o.Small, s.o.Large)
	small = &target{mode: mode(s.o.Small), profile: fmt.Sprintf("create-member-%d", s.o.Small), reqs: reqs}
	if small.p, err = s.startServer(ctx, preloadArgs(s.o.Small)...); err != nil {
		return nil, nil, nil, err
	}
	large = &target{mode: mode(s.o.Large), profile: fmt.Sprintf("create-member-%d", s.o.Large), reqs: reqs}
	if large.p, err = s.startServer(ctx, preloadArgs(s.o.Large)...); err != nil {
		return small, nil, nil, err
	}
	crypto = &target{mode: ModeBareCrypto, reqs: reqs}
	if crypto.p, err = s.startBare(ctx, "crypto"); err != nil {
		return small, large, nil, err
	}
	if s.rep.Memory.Small, err = small.p.RSS(); err == nil {
		s.rep.Memory.Large, err = large.p.RSS()
	}
	return small, large, crypto, err
}

// canned loads a server answering queryBalance from builtin:balances and
// the bare handler writing the same bytes, reading the server's memory
// idle, after the runs, and after MemoryRequests.
func (s *suite) canned(ctx context.Context) error {
	s.progress("starting a server with --scenarios builtin:balances, and the bare handler")
	p, err := s.startServer(ctx, "--scenarios", "builtin:balances")
	if err != nil {
		return err
	}
	defer func() { _ = p.Stop() }()
	bare, err := s.startBare(ctx, "canned")
	if err != nil {
		return err
	}
	defer func() { _ = bare.Stop() }()
	time.Sleep(time.Second) // idle means once start-up has settled
	if s.rep.Memory.Idle, err = p.RSS(); err != nil {
		return err
	}
	reqs, err := s.sameBytes(ctx, p, bare)
	if err != nil {
		return err
	}
	canned := &target{mode: ModeCanned, profile: "canned", p: p, reqs: reqs, cycle: true}
	plain := &target{mode: ModeBare, p: bare, reqs: reqs, cycle: true}
	if err := s.alternate(ctx, false, canned, plain); err != nil {
		return err
	}
	s.rep.Canned, s.rep.Bare = Merge(canned.runs...), Merge(plain.runs...)
	if s.rep.Memory.AfterCanned, err = p.RSS(); err != nil {
		return err
	}
	return s.memoryRun(ctx, p, reqs)
}

// sameBytes prepares the canned call and checks that the bare server
// answers it with exactly the canned server's bytes.
func (s *suite) sameBytes(ctx context.Context, canned, bare *Process) ([][]byte, error) {
	reqs, err := Prepare(ctx, s.o.Client, "127.0.0.1", []string{QueryBalanceReq()})
	if err != nil {
		return nil, err
	}
	want, err := fetchOK(canned.Addr, reqs[0])
	if err != nil {
		return nil, err
	}
	got, err := fetchOK(bare.Addr, reqs[0])
	if err != nil {
		return nil, err
	}
	if !bytes.Equal(got, want) {
		return nil, fmt.Errorf("load: the bare server answers\n%s\nbut the canned server\n%s", got, want)
	}
	return reqs, nil
}

// memoryRun sends canned requests until MemoryRequests have been sent to
// the server in all, then reads its resident memory.
func (s *suite) memoryRun(ctx context.Context, p *Process, reqs [][]byte) error {
	if s.o.MemoryRequests == 0 {
		return nil
	}
	sent := s.rep.Canned.Requests + uint64(s.rep.Canned.RPS*s.o.Warmup.Seconds()*float64(s.o.Rounds))
	rest := s.o.MemoryRequests - min(sent, s.o.MemoryRequests)
	s.rep.Memory.Requests = sent
	if rest == 0 {
		s.rep.Memory.AfterRequests = s.rep.Memory.AfterCanned
		return nil
	}
	s.progress("sending %d more canned requests to read the memory after %d", rest, s.o.MemoryRequests)
	res, err := Run(ctx, Options{Mode: ModeCanned, Addr: p.Addr, Requests: reqs, Cycle: true, Limit: rest,
		Conns: s.o.Conns, Duration: 24 * time.Hour})
	if err != nil {
		return err
	}
	s.rep.Memory.Requests = sent + res.Requests
	s.rep.Memory.AfterRequests, err = p.RSS()
	return err
}

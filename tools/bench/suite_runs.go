package main

import (
	"context"
	"fmt"
	"time"

	"github.com/tsymock/tsymock/internal/load"
)

// The modes of the suite's runs beside load's create-member and canned.
const (
	// modeBare sends the canned call to a bare net/http handler that
	// writes the canned answer's bytes: the HTTP limit.
	modeBare = "bare"
	// modeBareCrypto sends createMember calls to a bare net/http handler
	// that verifies each and signs a fresh answer, and does nothing else:
	// the crypto floor as an HTTP server reaches it (see cryptoHandler).
	modeBareCrypto = "bare-crypto"
	// modeWireMock sends the canned call to WireMock, stubbed to answer
	// the canned answer's bytes.
	modeWireMock = "wiremock"
)

// target is one server the suite loads and what it sends it.
type target struct {
	mode    string // as the report names it
	profile string // CPU profile name; "" for the servers that are not tsymock
	p       *serverProcess
	reqs    [][]byte
	cycle   bool
	next    int // createMember calls already sent to this server
	runs    []measured
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
			if err := s.turn(ctx, t, round, d); err != nil {
				return err
			}
		}
	}
	return nil
}

// turn is one target's run in a round; the first round's is profiled
// when profiles are asked for.
func (s *suite) turn(ctx context.Context, t *target, round int, d time.Duration) error {
	reqs := t.reqs[t.next:]
	if !t.cycle { // an even share of what is left, so that a fast round cannot starve the next
		reqs = reqs[:len(reqs)/(s.o.Rounds-round)]
	}
	o := load.Options{Mode: t.mode, Addr: t.p.Addr, Requests: reqs, Cycle: t.cycle, Conns: s.o.Conns,
		Duration: d, Warmup: s.o.Warmup}
	profile := t.profile
	if round > 0 {
		profile = ""
	}
	profiled := s.profile(ctx, o.Addr, o.Duration, profile)
	res, err := measure(ctx, o, t.p.PID)
	if perr := <-profiled; perr != nil && err == nil {
		err = perr
	}
	if err != nil {
		return fmt.Errorf("bench: %s: %w", t.mode, err)
	}
	if !t.cycle {
		t.next += res.taken
	}
	t.runs = append(t.runs, res)
	return nil
}

// createMember loads a server holding Small members, one holding Large
// members and the bare crypto handler with the same signed createMember
// calls: the full path, how it scales with the state, and what the same
// machine does with nothing but the crypto.
func (s *suite) createMember(ctx context.Context) error {
	timed := s.o.Duration + time.Duration(s.o.Rounds)*s.o.Warmup
	n := int(s.rep.Floor.RPS*1.3*timed.Seconds()) + s.o.Conns*s.o.Rounds
	s.progress("signing %d createMember requests", n)
	reqs, err := load.Prepare(ctx, s.o.Client, "127.0.0.1", load.CreateMemberReqs("load-", n))
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
	s.rep.CreateSmall, s.rep.CreateLarge = mergeMeasured(small.runs...), mergeMeasured(large.runs...)
	s.rep.BareCrypto = mergeMeasured(crypto.runs...)
	if d := s.o.Large - s.o.Small; d > 0 {
		s.rep.Memory.PerMember = float64(s.rep.Memory.Large-s.rep.Memory.Small) / float64(d)
	}
	return nil
}

// createTargets starts the three createMember servers and reads the
// memory of the two tsymocks before any request.
func (s *suite) createTargets(ctx context.Context, reqs [][]byte) (small, large, crypto *target, err error) {
	mode := func(n int) string { return fmt.Sprintf("%s (%d members)", load.ModeCreateMember, n) }
	s.progress("starting servers holding %d and %d members, and the bare crypto handler", s.o.Small, s.o.Large)
	small = &target{mode: mode(s.o.Small), profile: fmt.Sprintf("create-member-%d", s.o.Small), reqs: reqs}
	if small.p, err = s.startServer(ctx, preloadArgs(s.o.Small)...); err != nil {
		return nil, nil, nil, err
	}
	large = &target{mode: mode(s.o.Large), profile: fmt.Sprintf("create-member-%d", s.o.Large), reqs: reqs}
	if large.p, err = s.startServer(ctx, preloadArgs(s.o.Large)...); err != nil {
		return small, nil, nil, err
	}
	crypto = &target{mode: modeBareCrypto, reqs: reqs}
	if crypto.p, err = s.startBare(ctx, bareCrypto); err != nil {
		return small, large, nil, err
	}
	if s.rep.Memory.Small, err = small.p.RSS(); err == nil {
		s.rep.Memory.Large, err = large.p.RSS()
	}
	return small, large, crypto, err
}

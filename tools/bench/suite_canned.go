package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/tsymock/tsymock/internal/load"
)

// canned loads a server answering queryBalance from builtin:balances, the
// bare handler and WireMock writing the same bytes, reading the server's
// memory idle, after the runs, and after MemoryRequests.
func (s *suite) canned(ctx context.Context) error {
	s.progress("starting a server with --scenarios builtin:balances")
	p, err := s.startServer(ctx, "--scenarios", "builtin:balances")
	if err != nil {
		return err
	}
	defer func() { _ = p.Stop() }()
	time.Sleep(time.Second) // idle means once start-up has settled
	if s.rep.Memory.Idle, err = p.RSS(); err != nil {
		return err
	}
	reqs, err := load.Prepare(ctx, s.o.Client, "127.0.0.1", []string{load.QueryBalanceReq()})
	if err != nil {
		return err
	}
	answer, err := fetchAnswer(p.Addr, reqs[0])
	if err != nil {
		return err
	}
	canned := &target{mode: load.ModeCanned, profile: "canned", p: p, reqs: reqs, cycle: true}
	others, err := s.cannedPeers(ctx, answer, reqs)
	for _, t := range others {
		defer func() { _ = t.p.Stop() }()
	}
	if err != nil {
		return err
	}
	if err := s.alternate(ctx, false, append([]*target{canned}, others...)...); err != nil {
		return err
	}
	if err := s.cannedResults(canned, others); err != nil {
		return err
	}
	return s.memoryRun(ctx, p, reqs)
}

// cannedPeers starts the servers the canned answer is compared with: the
// bare handler, and WireMock warmed up (unless it is missing: the report
// says why). Each must answer exactly the canned server's bytes.
func (s *suite) cannedPeers(ctx context.Context, answer cannedAnswer, reqs [][]byte) ([]*target, error) {
	file := filepath.Join(s.o.WorkDir, "canned-answer.json")
	data, err := json.Marshal(answer)
	if err == nil {
		err = os.WriteFile(file, data, 0o644)
	}
	if err != nil {
		return nil, fmt.Errorf("bench: canned answer: %w", err)
	}
	s.progress("starting the bare handler")
	bare, err := s.startBare(ctx, bareCanned, "--answer", file)
	if err != nil {
		return nil, err
	}
	peers := []*target{{mode: modeBare, p: bare, reqs: reqs, cycle: true}}
	if s.rep.WireMockSkipped = s.o.WireMock.missing(); s.rep.WireMockSkipped != "" {
		s.progress("WireMock skipped: %s", s.rep.WireMockSkipped)
	} else {
		wm, err := s.startWireMock(ctx, answer)
		if err != nil {
			return peers, err
		}
		peers = append(peers, &target{mode: modeWireMock, p: wm, reqs: reqs, cycle: true})
	}
	for _, t := range peers {
		if err := sameBytes(t, answer, reqs[0]); err != nil {
			return peers, err
		}
	}
	return peers, s.warmWireMock(ctx, peers, reqs)
}

// sameBytes checks that a peer answers the canned call with the canned
// server's body.
func sameBytes(t *target, want cannedAnswer, req []byte) error {
	got, err := fetchAnswer(t.p.Addr, req)
	if err != nil {
		return err
	}
	if !bytes.Equal(got.Body, want.Body) {
		return fmt.Errorf("bench: %s answers\n%s\nbut the canned server\n%s", t.mode, got.Body, want.Body)
	}
	return nil
}

// cannedResults merges the rounds of the canned answer and its peers and
// reads the memory of the canned server and of WireMock after them.
func (s *suite) cannedResults(canned *target, peers []*target) (err error) {
	s.rep.Canned = mergeMeasured(canned.runs...)
	for _, t := range peers {
		m := mergeMeasured(t.runs...)
		switch t.mode {
		case modeBare:
			s.rep.Bare = m
		case modeWireMock:
			s.rep.WireMock = &m
			if s.rep.Memory.WireMock, err = t.p.RSS(); err != nil {
				return err
			}
		}
	}
	s.rep.Memory.AfterCanned, err = canned.p.RSS()
	return err
}

// memoryRun sends canned requests until MemoryRequests have been sent to
// the server in all, then reads its resident memory.
func (s *suite) memoryRun(ctx context.Context, p *serverProcess, reqs [][]byte) error {
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
	res, err := load.Run(ctx, load.Options{Mode: load.ModeCanned, Addr: p.Addr, Requests: reqs, Cycle: true, Limit: rest,
		Conns: s.o.Conns, Duration: 24 * time.Hour})
	if err != nil {
		return err
	}
	s.rep.Memory.Requests = sent + res.Requests
	s.rep.Memory.AfterRequests, err = p.RSS()
	return err
}

package main

import (
	"context"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/tsymock/tsymock/internal/load"
)

// jitIdle is the share of the JVM's CPU time its JIT compiler threads may
// take over a slice of the warmup once the hot path is compiled: a
// compile now and then (a rarely taken branch) is not a warmup.
const jitIdle = 0.02

// warmupFigures say how WireMock was warmed up.
type warmupFigures struct {
	Seconds  float64 `json:"seconds"`
	Requests uint64  `json:"requests"`
	// JITShare is the share of WireMock's CPU time its JIT compiler
	// threads took in the last slice of the warmup; Steady says it was
	// below jitIdle before Warmup ran out.
	JITShare float64 `json:"jitShare"`
	Steady   bool    `json:"steady"`
}

// warmWireMock loads WireMock, when it runs, until the JVM has compiled
// its hot path: in slices of 5 s (less for a short Warmup) until, in a
// slice, its JIT compiler threads took less than jitIdle of its CPU time,
// or for Warmup at most. A fixed time would not do: the JIT needs a number
// of requests (tens of thousands here), and how long they take depends on
// the machine and on what else runs on it.
func (s *suite) warmWireMock(ctx context.Context, peers []*target, reqs [][]byte) error {
	limit := s.o.WireMock.Warmup
	for _, t := range peers {
		if t.mode != modeWireMock || limit <= 0 {
			continue
		}
		s.progress("warming WireMock up until its JIT compilers are idle (%s at most)", limit)
		slice, start := min(5*time.Second, limit/2), time.Now()
		w := &s.rep.WireMockWarmup
		for !w.Steady && time.Since(start) < limit && ctx.Err() == nil {
			jit, all := jvmCPU(t.p.PID)
			res, err := load.Run(ctx, load.Options{Mode: t.mode, Addr: t.p.Addr, Requests: reqs, Cycle: true,
				Conns: s.o.Conns, Duration: min(slice, limit-time.Since(start))})
			if err != nil {
				return err
			}
			jit2, all2 := jvmCPU(t.p.PID)
			w.Requests += res.Requests
			w.JITShare = ratio(float64(jit2-jit), float64(all2-all))
			w.Steady = all2 > all && w.JITShare < jitIdle
		}
		w.Seconds = time.Since(start).Seconds()
	}
	return nil
}

// jvmCPU is the CPU time a JVM's JIT compiler threads ("C1 CompilerThread0",
// "C2 CompilerThread0"...; Linux keeps 15 characters of a thread's name)
// and the whole process have used so far (0 for what cannot be read).
func jvmCPU(pid int) (jit, all time.Duration) {
	all, _ = processCPU(pid)
	tids, err := threadIDs(pid)
	if err != nil {
		return 0, all
	}
	for _, tid := range tids {
		task := fmt.Sprintf("/proc/%d/task/%d/", pid, tid)
		name, err := os.ReadFile(task + "comm")
		if err != nil || !isJITThread(strings.TrimSpace(string(name))) {
			continue
		}
		if d, err := statCPU(task + "stat"); err == nil {
			jit += d
		}
	}
	return jit, all
}

// isJITThread tells HotSpot's compiler threads by name.
func isJITThread(name string) bool {
	for _, prefix := range []string{"C1 CompilerThre", "C2 CompilerThre"} {
		if strings.HasPrefix(name, prefix) {
			return true
		}
	}
	return false
}

// String describes the warmup for the report.
func (w warmupFigures) String() string {
	state := fmt.Sprintf("until its JIT compilers were idle (%.1f %% of its CPU time in the last slice)", w.JITShare*100)
	if !w.Steady {
		state = fmt.Sprintf("when --wiremock-warmup ran out, its JIT compilers still taking %.0f %% of its CPU time", w.JITShare*100)
	}
	return fmt.Sprintf("warmed up for %.0f s (%d requests) %s", w.Seconds, w.Requests, state)
}

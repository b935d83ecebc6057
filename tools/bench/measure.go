package main

import (
	"context"
	"errors"
	"time"

	"github.com/tsymock/tsymock/internal/load"
)

// measured is a load run and the CPU time each side spent on it, which
// says where the time went: near 100 % of its CPUs for the server means
// it was the bottleneck, for the load generator that the load generator
// was.
type measured struct {
	load.Result
	// ClientCPU is the load generator's CPU time per answer, in
	// microseconds; ServerCPU is the server process's.
	ClientCPU float64 `json:"clientCpuMicrosPerRequest"`
	ServerCPU float64 `json:"serverCpuMicrosPerRequest,omitempty"`

	taken int // requests taken from Options.Requests, warmup included
}

// measure loads the server whose process is pid with o: the warmup first,
// as a run of its own, then the timed run between two readings of both
// processes' CPU time.
func measure(ctx context.Context, o load.Options, pid int) (measured, error) {
	var m measured
	if o.Warmup > 0 {
		warm := o
		warm.Duration, warm.Warmup = o.Warmup, 0
		res, err := load.Run(ctx, warm)
		if err != nil {
			return m, err
		}
		if !o.Cycle {
			m.taken = int(res.Sent())
			o.Requests = o.Requests[m.taken:]
		}
		o.Warmup = 0
	}
	if len(o.Requests) == 0 {
		return m, errors.New("bench: the prepared requests ran out in the warmup")
	}
	client, server := selfCPU(), serverCPU(pid)
	res, err := load.Run(ctx, o)
	if err != nil {
		return m, err
	}
	m.Result, m.taken = res, m.taken+int(res.Sent())
	m.ClientCPU = perRequest(selfCPU()-client, res.Requests)
	if server >= 0 {
		m.ServerCPU = perRequest(serverCPU(pid)-server, res.Requests)
	}
	return m, nil
}

// serverCPU is a process's CPU time so far, -1 when unknown.
func serverCPU(pid int) time.Duration {
	d, err := processCPU(pid)
	if err != nil {
		return -1
	}
	return d
}

// perRequest spreads a CPU time over the answers, in microseconds.
func perRequest(cpu time.Duration, answers uint64) float64 {
	if answers == 0 {
		return 0
	}
	return float64(cpu.Nanoseconds()) / 1000 / float64(answers)
}

// mergeMeasured sums the rounds run against one server, as if they had
// been one run as long as all of them, the CPU times weighted by answers.
func mergeMeasured(runs ...measured) measured {
	results := make([]load.Result, len(runs))
	var client, server float64
	for i, r := range runs {
		results[i] = r.Result
		client += r.ClientCPU * float64(r.Requests)
		server += r.ServerCPU * float64(r.Requests)
	}
	out := measured{Result: load.Merge(results...)}
	if out.Requests > 0 {
		out.ClientCPU, out.ServerCPU = client/float64(out.Requests), server/float64(out.Requests)
	}
	return out
}

// Package load is the load generator behind "tsymock load": it sends
// requests that were prepared (signed) before the timed phase over N
// keep-alive connections for a duration, and reports throughput, latency
// quantiles and every answer that was not OK.
//
// It is what a user needs to see how fast tsymock is on their machine, and
// it is portable: no CPU pinning, no /proc, no child processes. The lab
// gear that compares tsymock with its physical limits (the crypto floor,
// a bare net/http handler, WireMock) on cores of their own is the
// benchmark program in tools/bench, which uses this package to send its
// load (make bench, docs/performance.md).
package load

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"time"
)

// Options is one load run.
type Options struct {
	// Mode names the run in the result (create-member, canned, bare).
	Mode string
	// Addr is the server's host:port.
	Addr string
	// Requests are complete HTTP/1.1 requests (see Request). Each is sent
	// once, in order, unless Cycle is set.
	Requests [][]byte
	// Cycle sends the requests round and round, for calls that may repeat
	// (a canned answer); without it a run ends early when they run out.
	Cycle bool
	// Limit ends a cycling run after this many requests, even before the
	// duration has passed (0: no limit).
	Limit uint64
	// Conns is the number of keep-alive connections, each with one request
	// in flight (default 1).
	Conns int
	// Duration is the timed phase (default 5 s).
	Duration time.Duration
	// Warmup runs before the timed phase and is not counted: connections,
	// buffers and the server's caches settle.
	Warmup time.Duration
	// Timeout bounds one request's round trip (default 30 s); a request
	// that takes longer counts as conn-error and its connection is
	// replaced, so that a hanging server cannot hang the run.
	Timeout time.Duration
}

// phases of a run, as the workers see them.
const (
	phaseWarmup int32 = iota
	phaseTimed
	phaseStop
)

// run is the state the workers share.
type run struct {
	opts    Options
	start   time.Time // when the timed phase began
	phase   atomic.Int32
	next    atomic.Uint64
	out     atomic.Bool // the prepared requests ran out
	lastEnd atomic.Int64
}

// Run sends the load and reports the timed phase. It fails only when the
// server cannot be reached at all; broken connections during the run are
// counted as conn-error and redialled.
func Run(ctx context.Context, opts Options) (Result, error) {
	opts = withDefaults(opts)
	if len(opts.Requests) == 0 {
		return Result{}, errors.New("load: no requests prepared")
	}
	conns, err := dialAll(opts.Addr, opts.Conns)
	if err != nil {
		return Result{}, err
	}
	r := &run{opts: opts}
	if opts.Warmup <= 0 {
		r.startTimed() // before the first request, so that it counts
	}
	tallies := make([]*tally, len(conns))
	var wg sync.WaitGroup
	for i, c := range conns {
		tallies[i] = newTally()
		wg.Go(func() { r.work(c, tallies[i]) })
	}
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	r.time(ctx, done)
	<-done
	return r.result(tallies), nil
}

// result sums up the timed phase.
func (r *run) result(tallies []*tally) Result {
	end := time.Unix(0, r.lastEnd.Load())
	res := result(tallies, max(end.Sub(r.start), 0))
	res.Mode, res.Target, res.Conns, res.Exhausted = r.opts.Mode, r.opts.Addr, r.opts.Conns, r.out.Load()
	res.sent = min(r.next.Load(), uint64(len(r.opts.Requests)))
	return res
}

func withDefaults(o Options) Options {
	if o.Conns <= 0 {
		o.Conns = 1
	}
	if o.Duration <= 0 {
		o.Duration = 5 * time.Second
	}
	if o.Timeout <= 0 {
		o.Timeout = 30 * time.Second
	}
	return o
}

func dialAll(addr string, n int) ([]*conn, error) {
	conns := make([]*conn, 0, n)
	for range n {
		c, err := dial(addr)
		if err != nil {
			for _, c := range conns {
				_ = c.Close()
			}
			return nil, fmt.Errorf("load: connect to %s: %w", addr, err)
		}
		conns = append(conns, c)
	}
	return conns, nil
}

// time runs the warmup and the timed phase. It stops early when ctx ends
// or the workers are done.
func (r *run) time(ctx context.Context, done <-chan struct{}) {
	if r.phase.Load() == phaseWarmup {
		sleep(ctx, done, r.opts.Warmup)
		r.startTimed()
	}
	sleep(ctx, done, r.opts.Duration)
	r.phase.Store(phaseStop)
}

// startTimed notes the clock, then opens the timed phase.
func (r *run) startTimed() {
	r.start = time.Now()
	r.lastEnd.Store(r.start.UnixNano())
	r.phase.CompareAndSwap(phaseWarmup, phaseTimed)
}

func sleep(ctx context.Context, done <-chan struct{}, d time.Duration) {
	if d <= 0 {
		return
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
	case <-ctx.Done():
	case <-done:
	}
}

// work is one connection's closed loop: send, wait for the answer, count
// it if it was sent in the timed phase, repeat.
func (r *run) work(c *conn, t *tally) {
	defer func() {
		if c != nil {
			_ = c.Close()
		}
	}()
	for {
		phase := r.phase.Load()
		req, ok := r.take(phase)
		if !ok {
			return
		}
		began := time.Now()
		a, err := c.roundTrip(req, began.Add(r.opts.Timeout))
		ended := time.Now()
		if phase == phaseTimed {
			r.noteEnd(ended)
			r.count(t, a, err, ended.Sub(began))
		}
		if err != nil || a.close {
			if c = r.redial(c, t); c == nil {
				return
			}
		}
	}
}

// take returns the next request to send, or false when the run is over.
func (r *run) take(phase int32) ([]byte, bool) {
	if phase == phaseStop {
		return nil, false
	}
	i := r.next.Add(1) - 1
	n := uint64(len(r.opts.Requests))
	switch {
	case i >= n && !r.opts.Cycle:
		r.out.Store(true)
	case r.opts.Limit > 0 && i >= r.opts.Limit:
	default:
		return r.opts.Requests[i%n], true
	}
	r.phase.Store(phaseStop)
	return nil, false
}

func (r *run) count(t *tally, a answer, err error, d time.Duration) {
	if err != nil {
		t.hist.record(d)
		t.fail("conn-error", err.Error())
		return
	}
	t.count(a, d)
}

// noteEnd keeps the time the last timed answer arrived, which ends the
// timed phase when the requests run out before the duration does.
func (r *run) noteEnd(at time.Time) {
	ns := at.UnixNano()
	for {
		old := r.lastEnd.Load()
		if ns <= old || r.lastEnd.CompareAndSwap(old, ns) {
			return
		}
	}
}

// redial replaces a broken or closed connection; nil when the server is
// gone (the run then ends for this worker).
func (r *run) redial(old *conn, t *tally) *conn {
	_ = old.Close()
	c, err := dial(old.addr)
	if err != nil {
		t.fail("conn-error", err.Error())
		return nil
	}
	return c
}

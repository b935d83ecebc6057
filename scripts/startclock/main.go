// Command startclock times how long tsymock takes to start, the way a CI job
// sees it: from the fork of the process (empty environment) to its JSON
// ready line on stdout, and to the first signed answer to a call. Every run
// of tsymock is paired with a run of /bin/echo on the same clock, in the
// same batch, so that what starting any process costs on the machine at that
// moment is beside it. "make measure" (scripts/measure.sh) runs it.
//
//	go run ./scripts/startclock -bin bin/tsymock [-runs 20] [-batches 3]
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"time"
)

func main() {
	var o options
	flag.StringVar(&o.bin, "bin", "bin/tsymock", "the tsymock binary to start")
	flag.IntVar(&o.runs, "runs", 20, "starts of each command per batch")
	flag.IntVar(&o.batches, "batches", 3, "batches; a shared machine's load changes between them")
	flag.IntVar(&o.rssRuns, "rss-runs", 5, "starts whose resident memory is read after -idle (0: none)")
	flag.DurationVar(&o.idle, "idle", time.Second, "time after the ready line at which the resident memory is read")
	flag.BoolVar(&o.rt, "rt", false, "time the starts in the real-time class (SCHED_FIFO, Linux, needs CAP_SYS_NICE), ahead of the machine's other jobs")
	flag.DurationVar(&o.pause, "pause", 5*time.Second, "pause between batches, so that they sample the machine's load at different moments")
	flag.Parse()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := realtimeThenMeasure(ctx, o); err != nil {
		fmt.Fprintf(os.Stderr, "startclock: %v\n", err)
		os.Exit(1)
	}
}

// realtimeThenMeasure measures, in the real-time class with -rt.
func realtimeThenMeasure(ctx context.Context, o options) error {
	if o.rt {
		if err := realtime(); err != nil {
			return err
		}
	}
	return measure(ctx, o, os.Stdout)
}

// startServer starts tsymock with the next signed call.
func startServer(ctx context.Context, argv []string, calls *calls) (run, error) {
	call, err := calls.next()
	if err != nil {
		return run{}, err
	}
	return startAndStop(ctx, argv, call)
}

// options are the command's flags.
type options struct {
	bin           string
	runs, batches int
	rssRuns       int
	idle, pause   time.Duration
	rt            bool
}

// measure runs the batches and prints their report to w.
func measure(ctx context.Context, o options, w io.Writer) error {
	calls, err := newCalls()
	if err != nil {
		return err
	}
	tsymock := []string{o.bin, "serve", "--addr", "127.0.0.1:0"}
	echo := []string{"/bin/echo", `{"event":"ready"}`}
	// one start of each, not counted: the binaries' pages in the page
	// cache, the HTTP client of this process warmed up
	if _, err := startAndStop(ctx, echo, nil); err != nil {
		return err
	}
	if _, err := startServer(ctx, tsymock, calls); err != nil {
		return err
	}
	var batches []batch
	for i := range o.batches {
		if i > 0 {
			time.Sleep(o.pause)
		}
		b := batch{load: loadAverage()}
		for range o.runs {
			e, err := startAndStop(ctx, echo, nil)
			if err != nil {
				return err
			}
			t, err := startServer(ctx, tsymock, calls)
			if err != nil {
				return err
			}
			b.echo, b.tsymock = append(b.echo, e), append(b.tsymock, t)
		}
		batches = append(batches, b)
	}
	report(w, o, batches)
	if o.rssRuns > 0 {
		rss, err := idleMemory(ctx, tsymock, o.rssRuns, o.idle)
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "idle memory (VmRSS %v after the ready line, %d starts): median %.0f KiB (%.0f–%.0f)\n",
			o.idle, o.rssRuns, rss.median, rss.min, rss.max)
	}
	return nil
}

package load

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"time"
)

// Result is what a load run measured, in the timed phase only.
type Result struct {
	Mode     string  `json:"mode"`
	Target   string  `json:"target"`
	Conns    int     `json:"conns"`
	Requests uint64  `json:"requests"` // answers received in the timed phase
	OK       uint64  `json:"ok"`       // of which status "OK"
	Elapsed  float64 `json:"elapsedSeconds"`
	RPS      float64 `json:"rps"`
	P50      float64 `json:"p50Ms"`
	P99      float64 `json:"p99Ms"`
	Max      float64 `json:"maxMs"`
	// NotOK counts the other answers by errorCode, "http-<status>" for a
	// status other than 200, "bad-body" for a 200 that is no envelope and
	// "conn-error" for a broken connection.
	NotOK map[string]uint64 `json:"notOk,omitempty"`
	// Examples holds the first message seen for each key of NotOK.
	Examples map[string]string `json:"examples,omitempty"`
	// Exhausted says the prepared requests ran out before the duration
	// ended; the figures cover the shorter time.
	Exhausted bool `json:"exhausted,omitempty"`

	hist *histogram // the latencies, for Merge
	sent uint64     // requests taken from Options.Requests, warmup included
}

// tally is one worker's share of a Result.
type tally struct {
	hist     histogram
	ok       uint64
	notOK    map[string]uint64
	examples map[string]string
}

func newTally() *tally {
	return &tally{notOK: map[string]uint64{}, examples: map[string]string{}}
}

// okMarker is how a successful envelope shows in the body. Inside
// signedValue quotes are escaped, so an answer cannot match by accident.
var okMarker = []byte(`"status":"OK"`)

// count classifies one answer. Only a non-OK answer is decoded, so the OK
// path costs a byte search.
func (t *tally) count(a answer, d time.Duration) {
	t.hist.record(d)
	if a.status == 200 && bytes.Contains(a.body, okMarker) {
		t.ok++
		return
	}
	if a.status != 200 {
		t.fail("http-"+strconv.Itoa(a.status), string(firstBytes(a.body, 200)))
		return
	}
	var env struct{ ErrorCode, Message string }
	if json.Unmarshal(a.body, &env) != nil || env.ErrorCode == "" {
		t.fail("bad-body", string(firstBytes(a.body, 200)))
		return
	}
	t.fail(env.ErrorCode, env.Message)
}

func (t *tally) fail(key, example string) {
	t.notOK[key]++
	if _, ok := t.examples[key]; !ok {
		t.examples[key] = example
	}
}

func firstBytes(b []byte, n int) []byte { return b[:min(len(b), n)] }

// result sums the workers' tallies over the timed phase.
func result(tallies []*tally, elapsed time.Duration) Result {
	var h histogram
	r := Result{NotOK: map[string]uint64{}, Examples: map[string]string{}}
	for _, t := range tallies {
		h.merge(&t.hist)
		r.OK += t.ok
		for k, n := range t.notOK {
			r.NotOK[k] += n
		}
		for k, ex := range t.examples {
			if _, ok := r.Examples[k]; !ok {
				r.Examples[k] = ex
			}
		}
	}
	r.fill(&h, elapsed)
	return r
}

// fill sets the figures that come from the latencies and the time.
func (r *Result) fill(h *histogram, elapsed time.Duration) {
	r.hist = h
	r.Requests = h.total
	r.Elapsed = elapsed.Seconds()
	r.RPS = 0
	if elapsed > 0 {
		r.RPS = float64(r.Requests) / elapsed.Seconds()
	}
	r.P50, r.P99, r.Max = ms(h.quantile(0.50)), ms(h.quantile(0.99)), ms(h.max)
}

// Merge sums runs against the same target (rounds of the suite) into one
// result, as if they had been one run as long as all of them.
func Merge(runs ...Result) Result {
	if len(runs) == 0 {
		return Result{}
	}
	out := runs[0]
	out.NotOK, out.Examples = map[string]uint64{}, map[string]string{}
	var h histogram
	var elapsed float64
	out.OK, out.sent = 0, 0
	for _, r := range runs {
		if r.hist != nil {
			h.merge(r.hist)
		}
		out.OK += r.OK
		out.Exhausted = out.Exhausted || r.Exhausted
		elapsed += r.Elapsed
		out.sent += r.sent
		for k, n := range r.NotOK {
			out.NotOK[k] += n
		}
		for k, ex := range r.Examples {
			if _, ok := out.Examples[k]; !ok {
				out.Examples[k] = ex
			}
		}
	}
	out.fill(&h, time.Duration(elapsed*float64(time.Second)))
	return out
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// Sent is how many of Options.Requests the run took, warmup included: a
// run that does not cycle can go on with the requests after them.
func (r Result) Sent() uint64 { return r.sent }

// NotOKTotal is the number of answers that were not OK.
func (r Result) NotOKTotal() uint64 {
	var n uint64
	for _, c := range r.NotOK {
		n += c
	}
	return n
}

// WriteText prints the result for a person.
func (r Result) WriteText(w io.Writer) error {
	_, err := fmt.Fprintf(w, "%s → %s, %d connections, %.1f s\n  %.0f requests/s  p50 %.2f ms  p99 %.2f ms  max %.2f ms  (%d answers, %d OK)\n",
		r.Mode, r.Target, r.Conns, r.Elapsed, r.RPS, r.P50, r.P99, r.Max, r.Requests, r.OK)
	if err != nil {
		return err
	}
	for _, k := range slices.Sorted(maps.Keys(r.NotOK)) {
		if _, err := fmt.Fprintf(w, "  not OK: %s ×%d (%s)\n", k, r.NotOK[k], r.Examples[k]); err != nil {
			return err
		}
	}
	if r.Exhausted {
		_, err = fmt.Fprintln(w, "  the prepared requests ran out before the duration ended: prepare more with --requests")
	}
	return err
}

package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"text/tabwriter"
	"time"
)

// batch is the runs of one batch: echo and tsymock took turns.
type batch struct {
	load          string // the 1-minute load average when the batch began
	echo, tsymock []run
}

// report prints one column per batch and one for all of them.
func report(w io.Writer, o options, batches []batch) {
	class := ""
	if o.rt {
		class = ", real-time class (-rt)"
	}
	fmt.Fprintf(w, "%s, %s %s/%s: %d batches of %d starts of each command, empty environment%s\n",
		filepath.Base(o.bin), runtime.Version(), runtime.GOOS, runtime.GOARCH, len(batches), o.runs, class)
	fmt.Fprintf(w, "machine: %d cores%s; load average (1, 5, 15 min) now: %s\n", runtime.NumCPU(), cpuModel(), loadAverages())
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	head := "milliseconds: median (min–max)"
	var all batch
	for i, b := range batches {
		head += fmt.Sprintf("\tbatch %d", i+1)
		all.echo, all.tsymock = append(all.echo, b.echo...), append(all.tsymock, b.tsymock...)
	}
	fmt.Fprintln(tw, head+"\tall")
	rows := []struct {
		name string
		cell func(b batch) string
	}{
		{"load average (1 min) at the start", func(b batch) string { return b.load }},
		{"/bin/echo: fork → its line", func(b batch) string { return millis(lines(b.echo)).String() }},
		{"tsymock serve: fork → JSON ready line", func(b batch) string { return millis(lines(b.tsymock)).String() }},
		{"  difference of the medians", func(b batch) string {
			return fmt.Sprintf("%.1f", millis(lines(b.tsymock)).median-millis(lines(b.echo)).median)
		}},
		{"tsymock serve: fork → first signed answer", func(b batch) string { return millis(answers(b.tsymock)).String() }},
		{"tsymock: page faults at the ready line", func(b batch) string { return fmt.Sprintf("%.0f", faults(b.tsymock).median) }},
	}
	for _, r := range rows {
		line := r.name
		for _, b := range batches {
			line += "\t" + r.cell(b)
		}
		if all.load = loadAverage(); r.name == rows[0].name {
			line += "\t" + all.load + " (now)"
		} else {
			line += "\t" + r.cell(all)
		}
		fmt.Fprintln(tw, line)
	}
	_ = tw.Flush()
}

func lines(rs []run) []time.Duration { return pick(rs, func(r run) time.Duration { return r.line }) }
func answers(rs []run) []time.Duration {
	return pick(rs, func(r run) time.Duration { return r.answer })
}

func pick(rs []run, f func(run) time.Duration) []time.Duration {
	out := make([]time.Duration, len(rs))
	for i, r := range rs {
		out[i] = f(r)
	}
	return out
}

func faults(rs []run) summary {
	v := make([]float64, len(rs))
	for i, r := range rs {
		v[i] = float64(r.faults)
	}
	return summarize(v)
}

// loadAverage is the 1-minute load average ("?" where /proc has none).
func loadAverage() string { return strings.Fields(loadAverages())[0] }

// loadAverages are the 1, 5 and 15-minute load averages, as uptime shows
// them: how busy the rest of the machine is.
func loadAverages() string {
	b, err := os.ReadFile("/proc/loadavg")
	f := strings.Fields(string(b))
	if err != nil || len(f) < 3 {
		return "?"
	}
	return strings.Join(f[:3], " ")
}

// cpuModel is ", " and the CPU's model name, or "".
func cpuModel() string {
	b, err := os.ReadFile("/proc/cpuinfo")
	if err != nil {
		return ""
	}
	for _, line := range strings.Split(string(b), "\n") {
		if name, ok := strings.CutPrefix(line, "model name"); ok {
			return ", " + strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(name), ":"))
		}
	}
	return ""
}

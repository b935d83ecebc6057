package main

import (
	"fmt"
	"io"
	"strings"
)

// Targets of the ratios (issue 15, point 7).
const (
	targetFullOverFloor      = 0.85
	targetCannedOverBare     = 0.4
	targetLargeOverSmall     = 0.9
	targetCannedOverWireMock = 3
)

// WriteText prints the report for a person, ratios last.
func (r suiteReport) WriteText(w io.Writer) error {
	var b strings.Builder
	r.writeMachine(&b)
	m := r.Machine
	for _, res := range r.rows() {
		fmt.Fprintf(&b, "%-32s %8.0f requests/s  p50 %6.2f ms  p99 %6.2f ms  max %7.2f ms  %d answers, %d not OK%s\n",
			res.Mode, res.RPS, res.P50, res.P99, res.Max, res.Requests, res.NotOKTotal(), notOKSummary(res))
		fmt.Fprintf(&b, "%-32s CPU per request: load generator %s, server %s\n", "",
			busy(res.ClientCPU, res.RPS, m.cpusOf(m.GeneratorCPUs)), busy(res.ServerCPU, res.RPS, m.cpusOf(m.ServerCPUs)))
	}
	if r.WireMockSkipped != "" {
		fmt.Fprintf(&b, "%-32s skipped: %s\n", modeWireMock, r.WireMockSkipped)
	} else {
		fmt.Fprintf(&b, "%-32s %s\n", "", r.WireMockWarmup)
	}
	r.writeMemory(&b)
	r.writeRatios(&b)
	_, err := io.WriteString(w, b.String())
	return err
}

// rows are the runs in the order the report prints them.
func (r suiteReport) rows() []measured {
	rows := []measured{r.CreateSmall, r.CreateLarge, r.BareCrypto, r.Canned, r.Bare}
	if r.WireMock != nil {
		rows = append(rows, *r.WireMock)
	}
	return rows
}

func (r suiteReport) writeMachine(b *strings.Builder) {
	m, f := r.Machine, r.Floor
	fmt.Fprintf(b, "machine: %s, %d cores, %s %s, load average %s before, %s after\n",
		m.CPU, m.Cores, m.Go, m.OS, m.LoadBefore, m.LoadAfter)
	if m.WireMock != "" {
		fmt.Fprintf(b, "compared with %s\n", m.WireMock)
	}
	if m.ServerCPUs != "" {
		fmt.Fprintf(b, "pinned: servers on CPUs %s (GOMAXPROCS %d), load generator on CPUs %s (GOMAXPROCS %d)\n",
			m.ServerCPUs, m.ServerGOMAXPROCS, m.GeneratorCPUs, m.GOMAXPROCS)
		fmt.Fprintf(b, "crypto floor for %s (timed on CPU %s): ", count(f.Cores, "server core"), f.TimedOn)
	} else {
		fmt.Fprintf(b, "not pinned: servers and load generator share the %d cores (GOMAXPROCS %d)\n", m.Cores, m.GOMAXPROCS)
		fmt.Fprintf(b, "crypto floor for %s, shared with the load generator: ", count(f.Cores, "core"))
	}
	fmt.Fprintf(b, "verify %.1f µs + sign %.1f µs → %d ÷ %.3f ms = %.0f requests/s\n",
		f.VerifyUS, f.SignUS, f.Cores, (f.VerifyUS+f.SignUS)/1000, f.RPS)
}

func (r suiteReport) writeMemory(b *strings.Builder) {
	mem := r.Memory
	fmt.Fprintf(b, "memory (RSS): idle %s; %d members %s, %d members %s → %.0f bytes per member; canned server after its run %s",
		mib(mem.Idle), r.Small, mib(mem.Small), r.Large, mib(mem.Large), mem.PerMember, mib(mem.AfterCanned))
	if mem.Requests > 0 {
		fmt.Fprintf(b, ", after %d requests %s", mem.Requests, mib(mem.AfterRequests))
	}
	if mem.WireMock > 0 {
		fmt.Fprintf(b, "; WireMock after its run %s", mib(mem.WireMock))
	}
	b.WriteString("\n")
}

func (r suiteReport) writeRatios(b *strings.Builder) {
	b.WriteString("ratios:\n")
	ratioLine(b, "full createMember ÷ crypto floor", r.Ratios.FullOverFloor, targetFullOverFloor)
	ratioLine(b, "canned answer ÷ bare handler", r.Ratios.CannedOverBare, targetCannedOverBare)
	ratioLine(b, fmt.Sprintf("%d members ÷ %d members", r.Large, r.Small), r.Ratios.LargeOverSmall, targetLargeOverSmall)
	if r.WireMock != nil {
		ratioLine(b, "canned answer ÷ WireMock", r.Ratios.CannedOverWireMock, targetCannedOverWireMock)
		fmt.Fprintf(b, "  %-36s %.2f  (by server CPU per request: what a busy core of each serves; the target is on requests/s)\n",
			"canned answer ÷ WireMock, CPU", r.Ratios.CannedOverWireMockCPU)
	} else {
		fmt.Fprintf(b, "  %-36s skipped (target ≥ %.2f: not measured)\n", "canned answer ÷ WireMock", float64(targetCannedOverWireMock))
	}
	fmt.Fprintf(b, "  %-36s %.2f  (a bare handler doing only the verify and the sign: the floor's reach over HTTP)\n",
		"bare crypto handler ÷ crypto floor", r.Ratios.CryptoOverFloor)
	fmt.Fprintf(b, "  %-36s %.2f  (tsymock's own share of the gap)\n", "full createMember ÷ bare crypto", r.Ratios.FullOverCrypto)
}

func ratioLine(b *strings.Builder, name string, got, target float64) {
	verdict := "met"
	if got < target {
		verdict = "NOT met"
	}
	fmt.Fprintf(b, "  %-36s %.2f  (target ≥ %.2f: %s)\n", name, got, target, verdict)
}

func notOKSummary(r measured) string {
	if len(r.NotOK) == 0 {
		return ""
	}
	parts := make([]string, 0, len(r.NotOK))
	for k, n := range r.NotOK {
		parts = append(parts, fmt.Sprintf("%s×%d", k, n))
	}
	return " (" + strings.Join(parts, ", ") + ")"
}

// busy is a CPU time per request and how busy it kept the cpus CPUs
// it ran on: near 100% for the server says it was the bottleneck, near
// 100% for the load generator that the load generator was.
func busy(micros, rps float64, cpus int) string {
	if micros == 0 {
		return "unknown"
	}
	return fmt.Sprintf("%.0f µs (%.0f%% of %s)", micros, micros*rps/1e6/float64(max(cpus, 1))*100, count(cpus, "CPU"))
}

// count is "1 CPU", "2 CPUs".
func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

func mib(n int64) string { return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20)) }

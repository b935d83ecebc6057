package load

import (
	"fmt"
	"io"
	"strings"
)

// Targets of the ratios (issue 9).
const (
	TargetFullOverFloor  = 0.85
	TargetCannedOverBare = 0.5
	TargetLargeOverSmall = 0.9
)

// WriteText prints the report for a person, ratios last.
func (r Report) WriteText(w io.Writer) error {
	var b strings.Builder
	m := r.Machine
	fmt.Fprintf(&b, "machine: %s, %d cores (GOMAXPROCS %d), %s %s, load average %s before, %s after\n",
		m.CPU, m.Cores, m.GOMAXPROCS, m.Go, m.OS, m.LoadBefore, m.LoadAfter)
	f := r.Floor
	fmt.Fprintf(&b, "crypto floor: verify %.1f µs + sign %.1f µs → %d cores ÷ %.3f ms = %.0f requests/s\n",
		f.VerifyUS, f.SignUS, f.Cores, (f.VerifyUS+f.SignUS)/1000, f.RPS)
	for _, res := range []Result{r.CreateSmall, r.CreateLarge, r.BareCrypto, r.Canned, r.Bare} {
		fmt.Fprintf(&b, "%-32s %8.0f requests/s  p50 %6.2f ms  p99 %6.2f ms  max %7.2f ms  %d answers, %d not OK%s\n",
			res.Mode, res.RPS, res.P50, res.P99, res.Max, res.Requests, res.NotOKTotal(), notOKSummary(res))
		fmt.Fprintf(&b, "%-32s CPU per request: load generator %.0f µs, server %s\n", "", res.ClientCPU, serverCPU(res))
	}
	mem := r.Memory
	fmt.Fprintf(&b, "memory (RSS): idle %s; %d members %s, %d members %s → %.0f bytes per member; canned server after its run %s",
		mib(mem.Idle), r.Small, mib(mem.Small), r.Large, mib(mem.Large), mem.PerMember, mib(mem.AfterCanned))
	if mem.Requests > 0 {
		fmt.Fprintf(&b, ", after %d requests %s", mem.Requests, mib(mem.AfterRequests))
	}
	b.WriteString("\nratios:\n")
	ratioLine(&b, "full createMember ÷ crypto floor", r.Ratios.FullOverFloor, TargetFullOverFloor)
	ratioLine(&b, "canned answer ÷ bare handler", r.Ratios.CannedOverBare, TargetCannedOverBare)
	ratioLine(&b, fmt.Sprintf("%d members ÷ %d members", r.Large, r.Small), r.Ratios.LargeOverSmall, TargetLargeOverSmall)
	fmt.Fprintf(&b, "  %-36s %.2f  (a bare handler doing only the verify and the sign, next to this load generator)\n",
		"bare crypto handler ÷ crypto floor", r.Ratios.CryptoOverFloor)
	fmt.Fprintf(&b, "  %-36s %.2f  (tsymock's own share of the gap)\n", "full createMember ÷ bare crypto", r.Ratios.FullOverCrypto)
	_, err := io.WriteString(w, b.String())
	return err
}

func ratioLine(b *strings.Builder, name string, got, target float64) {
	verdict := "met"
	if got < target {
		verdict = "NOT met"
	}
	fmt.Fprintf(b, "  %-36s %.2f  (target ≥ %.2f: %s)\n", name, got, target, verdict)
}

func notOKSummary(r Result) string {
	if len(r.NotOK) == 0 {
		return ""
	}
	parts := make([]string, 0, len(r.NotOK))
	for k, n := range r.NotOK {
		parts = append(parts, fmt.Sprintf("%s×%d", k, n))
	}
	return " (" + strings.Join(parts, ", ") + ")"
}

func serverCPU(r Result) string {
	if r.ServerCPU == 0 {
		return "(in the load generator's process)"
	}
	return fmt.Sprintf("%.0f µs", r.ServerCPU)
}

func mib(n int64) string { return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20)) }

package coverage

import (
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
)

// WriteText writes coverage reports for people: per application,
// the methods called with what they were answered and what they never
// saw, the methods never called, and the notifications.
func WriteText(w io.Writer, reports []Report) error {
	var b strings.Builder
	if len(reports) == 0 {
		b.WriteString("no calls yet\n")
	}
	for i, rep := range reports {
		if i > 0 {
			b.WriteString("\n")
		}
		writeReport(&b, rep)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func writeReport(b *strings.Builder, rep Report) {
	pct := 0
	if rep.Total > 0 {
		pct = rep.Called * 100 / rep.Total
	}
	fmt.Fprintf(b, "sysid %s: %d of %d methods called (%d%%)\n", rep.SysID, rep.Called, rep.Total, pct)
	var never []string
	for _, m := range rep.Methods {
		name := m.Service + "." + m.Method
		switch {
		case m.PageFlow: // under pages, below
		case m.Calls > 0:
			fmt.Fprintf(b, "  %-44s %s\n", name, methodLine(m))
		default:
			never = append(never, name)
		}
	}
	writeList(b, "never called", never)
	for _, k := range slices.Sorted(maps.Keys(rep.Unknown)) {
		fmt.Fprintf(b, "  unknown method %s: %s\n", k, plural(rep.Unknown[k], "call"))
	}
	writePages(b, rep.Pages)
	writeNotifications(b, rep.Notifications)
	writePortability(b, rep.Portability)
}

// writePortability lists the calls the real test environment would refuse,
// by rule: "test-card-prefix (30049): 3 calls (MemberService.getBankCardBin×3),
// e.g. journal #12 MemberService.getBankCardBin: card 622202*...".
func writePortability(b *strings.Builder, reps []PortabilityReport) {
	if len(reps) == 0 {
		return
	}
	b.WriteString("  would fail on the real test environment (tsymock --strict refuses them), by rule:\n")
	for _, r := range reps {
		fmt.Fprintf(b, "    %s (the real test environment answers %s): %s (%s)\n", r.Rule, r.Code,
			plural(r.Calls, "call"), counts(r.Methods))
		fmt.Fprintf(b, "      e.g. journal #%d %s: %s\n", r.Example.JournalID, r.Example.Call, r.Example.Message)
	}
}

// writePages writes the pages asked, then those never opened.
func writePages(b *strings.Builder, pages []PageReport) {
	var asked, never []string
	for _, p := range pages {
		name := p.Page + " (" + p.Service + "." + p.Method + ")"
		if p.Requests == 0 {
			never = append(never, name)
			continue
		}
		asked = append(asked, fmt.Sprintf("%-44s %s.%s: %s", p.Page, p.Service, p.Method, pageLine(p)))
	}
	if len(asked) > 0 {
		fmt.Fprintf(b, "  pages (%d of %d asked):\n", len(asked), len(pages))
		for _, line := range asked {
			fmt.Fprintf(b, "    %s\n", line)
		}
	}
	writeList(b, "pages never opened", never)
}

// pageLine is "3 requests, 1 opened, 1 confirmed, 0 failed, errors
// 20010×1; never failed".
func pageLine(p PageReport) string {
	line := fmt.Sprintf("%s, %d opened, %d confirmed, %d failed", plural(p.Requests, "request"), p.Opened, p.Confirmed, p.Failed)
	if len(p.ErrorCodes) > 0 {
		line += ", errors " + counts(p.ErrorCodes)
	}
	if len(p.Gaps) > 0 {
		line += "; " + strings.Join(p.Gaps, ", ")
	}
	return line
}

// methodLine is "3 calls, 2 OK, errors 30000×1; never failed".
func methodLine(m MethodReport) string {
	parts := []string{plural(m.Calls, "call"), fmt.Sprintf("%d OK", m.OK)}
	if len(m.ErrorCodes) > 0 {
		parts = append(parts, "errors "+counts(m.ErrorCodes))
	}
	if len(m.Faults) > 0 {
		parts = append(parts, "faults "+counts(m.Faults))
	}
	line := strings.Join(parts, ", ")
	if len(m.Gaps) > 0 {
		line += "; " + strings.Join(m.Gaps, ", ")
	}
	return line
}

// counts is "30000×2 40014×1", sorted by key.
func counts(m map[string]int) string {
	var parts []string
	for _, k := range slices.Sorted(maps.Keys(m)) {
		parts = append(parts, fmt.Sprintf("%s×%d", k, m[k]))
	}
	return strings.Join(parts, " ")
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

func writeList(b *strings.Builder, title string, names []string) {
	if len(names) == 0 {
		return
	}
	fmt.Fprintf(b, "  %s (%d):\n", title, len(names))
	for _, n := range names {
		fmt.Fprintf(b, "    %s\n", n)
	}
}

func writeNotifications(b *strings.Builder, notes []NotificationReport) {
	if len(notes) == 0 {
		b.WriteString("  notifications: none\n")
		return
	}
	b.WriteString("  notifications:\n")
	for _, n := range notes {
		fmt.Fprintf(b, "    %-42s %d, %d delivered%s\n", n.Kind, n.Total, n.Delivered, notificationGaps(n))
	}
}

// notificationGaps is ", 1 pending, 2 failed" for what was not delivered.
func notificationGaps(n NotificationReport) string {
	var out string
	for _, p := range []struct {
		n    int
		name string
	}{{n.Pending, "pending"}, {n.Failed, "failed"}, {n.Undeliverable, "undeliverable"}} {
		if p.n > 0 {
			out += fmt.Sprintf(", %d %s", p.n, p.name)
		}
	}
	return out
}

package soa

import "strings"

// HeaderWouldFail names the answer header in which tsymock lists what it
// let pass that Allinpay's real test environment refuses: each
// portability rule with the errorCode the real environment answers, as
// "rule=code", ", " between them (e.g. "member-prerequisite=30021,
// refund-list=10000"). Only tsymock sends it, on an OK answer without
// --strict (which refuses such calls instead); SDKs ignore a header they do
// not know, so the wire stays the platform's.
const HeaderWouldFail = "X-Tsymock-Would-Fail"

// WouldFail is one entry of HeaderWouldFail: a portability rule and the
// errorCode the real test environment answers for it.
type WouldFail struct {
	Rule string
	Code string
}

// FormatWouldFail is the HeaderWouldFail value of notes.
func FormatWouldFail(notes []WouldFail) string {
	parts := make([]string, len(notes))
	for i, n := range notes {
		parts[i] = n.Rule + "=" + n.Code
	}
	return strings.Join(parts, ", ")
}

// ParseWouldFail reads a HeaderWouldFail value; an entry without "=" is a
// rule whose code is not given. An empty value is no entry.
func ParseWouldFail(v string) []WouldFail {
	var out []WouldFail
	for part := range strings.SplitSeq(v, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		rule, code, _ := strings.Cut(part, "=")
		out = append(out, WouldFail{Rule: strings.TrimSpace(rule), Code: strings.TrimSpace(code)})
	}
	return out
}

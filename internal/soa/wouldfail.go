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

// HeaderWouldFailReason names the answer header beside HeaderWouldFail
// that says, for each of its entries in the same order, what tsymock let
// pass and what the real test environment wants (the log's wouldFail
// text): each reason escaped as FormatRuleHeader escapes (commas too), ", "
// between them. A client prints it where the user looks, instead of
// sending them to the server's log.
const HeaderWouldFailReason = "X-Tsymock-Would-Fail-Reason"

// WouldFail is one entry of HeaderWouldFail: a portability rule and the
// errorCode the real test environment answers for it, and the reason from
// HeaderWouldFailReason when the answer carries it.
type WouldFail struct {
	Rule   string
	Code   string
	Reason string
}

// FormatWouldFailReasons is the HeaderWouldFailReason value of notes.
func FormatWouldFailReasons(notes []WouldFail) string {
	parts := make([]string, len(notes))
	for i, n := range notes {
		parts[i] = FormatRuleHeader(n.Reason)
	}
	return strings.Join(parts, ", ")
}

// AddWouldFailReasons fills the Reason of each of notes from a
// HeaderWouldFailReason value, when it has one reason a note; otherwise
// (none, or another server's count) notes stay as they are.
func AddWouldFailReasons(notes []WouldFail, v string) {
	if v == "" {
		return
	}
	parts := strings.Split(v, ",")
	if len(parts) != len(notes) {
		return
	}
	for i, p := range parts {
		if i > 0 {
			p = strings.TrimPrefix(p, " ") // the separator's; a reason's own spaces stay
		}
		notes[i].Reason = ParseRuleHeader(p)
	}
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

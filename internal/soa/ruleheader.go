package soa

import (
	"net/url"
	"strings"
)

// HeaderRule names the answer header in which tsymock names the scenario
// rule(s) behind an answer a rule made or broke (a rule that only delays
// adds none), as the journal's and the log's rule field: "file:line name" (" + " between two), or "magic" for a
// magic value. Without it a fault a rule injects on purpose (fault:
// bad-signature) reads as the client's own mistake. Only tsymock sends it;
// SDKs ignore a header they do not know, so the wire stays the platform's.
// The value is percent-encoded UTF-8 (FormatRuleHeader): a rule's name may
// be Chinese, and a header value is bytes that net/http and proxies do not
// all pass through.
const HeaderRule = "X-Tsymock-Rule"

// HeaderFault names the answer header that carries the fault a scenario
// rule asked for (bad-signature, empty-body, malformed-json, slow-body,
// short-body, http-500), next to HeaderRule. A reset or a hang carries no
// answer to put it on.
const HeaderFault = "X-Tsymock-Fault"

// FormatRuleHeader is the HeaderRule value of a rule id: ASCII that is
// printable stays as it is, other bytes, "%" and "," (which separates the
// values of a list header) become %XX, and so does a space at either end,
// which HTTP trims from a field value.
func FormatRuleHeader(rule string) string { return PercentEscape(rule, mustEscape) }

// PercentEscape is s with each byte i for which escape(s, i) holds written
// %XX in upper-case hex, the rest as it is; s itself, with no copy, when
// no byte is to be escaped.
func PercentEscape(s string, escape func(s string, i int) bool) string {
	const hex = "0123456789ABCDEF"
	first := 0
	for first < len(s) && !escape(s, first) {
		first++
	}
	if first == len(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 2*(len(s)-first))
	b.WriteString(s[:first])
	for i := first; i < len(s); i++ {
		if c := s[i]; escape(s, i) {
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&0xF])
		} else {
			b.WriteByte(c)
		}
	}
	return b.String()
}

// mustEscape reports whether rule's byte i is written as %XX in HeaderRule.
func mustEscape(rule string, i int) bool {
	c := rule[i]
	return c < ' ' || c >= 0x7F || c == '%' || c == ',' || c == ' ' && (i == 0 || i == len(rule)-1)
}

// ParseRuleHeader reads a HeaderRule value back into the rule id; a value
// that is not well-formed percent-encoding is returned as it came.
func ParseRuleHeader(v string) string {
	rule, err := url.PathUnescape(v)
	if err != nil {
		return v
	}
	return rule
}

package soa

import (
	"net/url"
	"slices"
	"strings"
)

// ReturnKeys are the names the platform adds to what it sends a merchant
// (PROTOCOL.md §6, spec §3.4: signed over sysid + rps + timestamp): to the
// query of a page's return to jumpUrl or frontUrl, and to the form of a
// notification posted to backUrl. It adds v too, which is left out here: no
// signature covers it, and merchants use a v of their own (a version, a
// cache buster), which the real platform's return would carry beside its own.
func ReturnKeys() []string { return []string{"sysid", "rps", "timestamp", "sign"} }

// ReturnKeysIn lists the return keys that the query of raw, an address
// param's value, already holds, in ReturnKeys' order, once each: the
// merchant's own would arrive beside the platform's. A key is compared
// decoded (%73ign is sign), as a merchant's framework reads it.
func ReturnKeysIn(raw string) []string {
	raw, _, _ = strings.Cut(raw, "#")
	_, query, ok := strings.Cut(raw, "?")
	if !ok || query == "" {
		return nil
	}
	var found []string
	for pair := range strings.SplitSeq(query, "&") {
		if k := pairKey(pair); isReturnKey(k) && !slices.Contains(found, k) {
			found = append(found, k)
		}
	}
	slices.SortFunc(found, func(a, b string) int {
		return slices.Index(ReturnKeys(), a) - slices.Index(ReturnKeys(), b)
	})
	return found
}

// WithoutReturnKeys is rawQuery without the pairs a return key names, the
// others' bytes as they came, in their order: a page's return appends the
// platform's signed keys after it, and a merchant that reads a key's first
// value (Java's getParameter, Go's Query().Get) would read its own
// instead, PHP's $_GET the last.
func WithoutReturnKeys(rawQuery string) string {
	if rawQuery == "" {
		return ""
	}
	pairs := strings.Split(rawQuery, "&")
	return strings.Join(slices.DeleteFunc(pairs, func(pair string) bool { return isReturnKey(pairKey(pair)) }), "&")
}

// pairKey is the decoded key of one key=value pair of a query, the raw
// key when it does not decode.
func pairKey(pair string) string {
	k, _, _ := strings.Cut(pair, "=")
	if d, err := url.QueryUnescape(k); err == nil {
		return d
	}
	return k
}

func isReturnKey(k string) bool { return slices.Contains(ReturnKeys(), k) }

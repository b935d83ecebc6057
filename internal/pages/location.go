package pages

import (
	"fmt"
	"net/url"
	"unicode/utf8"

	"github.com/tsymock/tsymock/internal/soa"
)

// returnLocation is where a page sends the browser back: returnURL (a
// jumpUrl or frontUrl, checked when the page opened) with the signed
// form (sysid, rps, timestamp, v, sign) appended to its query, before its
// fragment. The address's own pairs named by those keys are left out
// (noted url-return-key when the page opened, or at the call that gave the
// frontUrl): after them the signed values would come second, and a
// merchant that reads a key's first value (Java's getParameter) would read
// its own (probe-Y 7). The address's bytes are kept as sent where a
// header can carry them (a lower-case escape stays lower-case); the
// non-ASCII ones, spaces and control characters are escaped in upper-case
// hex, as Java's URLEncoder and Go's path escaping write them
// (http.Redirect would write its own lower-case escapes of the query:
// probe-Y 8; a space in a jumpUrl's query went into the Location header
// raw, which is no URL: probe-AB 2).
func returnLocation(returnURL, signed string) (string, error) {
	u, err := url.Parse(returnURL)
	if err != nil {
		return "", fmt.Errorf("pages: the return address: %w", err)
	}
	if u.RawQuery = soa.WithoutReturnKeys(u.RawQuery); u.RawQuery != "" {
		u.RawQuery += "&"
	}
	u.RawQuery += signed
	return escapeForLocation(u.String()), nil
}

// escapeForLocation is s with every byte outside printable ASCII (a space,
// a control character, a non-ASCII byte) written %XX in upper-case hex, the
// rest as it is.
func escapeForLocation(s string) string {
	return soa.PercentEscape(s, func(s string, i int) bool { return s[i] <= ' ' || s[i] >= utf8.RuneSelf-1 })
}

package pages

import (
	"fmt"
	"net/url"

	"github.com/tsymock/tsymock/internal/soa"
)

// returnLocation is where a page sends the browser back: returnURL (a
// jumpUrl or frontUrl, checked when the page opened) with the signed
// form (sysid, rps, timestamp, v, sign) appended to its query, before its
// fragment. The address's own pairs named by those keys are left out
// (noted url-return-key when the page opened, or at the call that gave the
// frontUrl): after them the signed values would come second, and a
// merchant that reads a key's first value (Java's getParameter) would read
// its own (probe-Y 7).
func returnLocation(returnURL, signed string) (string, error) {
	u, err := url.Parse(returnURL)
	if err != nil {
		return "", fmt.Errorf("pages: the return address: %w", err)
	}
	if u.RawQuery = soa.WithoutReturnKeys(u.RawQuery); u.RawQuery != "" {
		u.RawQuery += "&"
	}
	u.RawQuery += signed
	return u.String(), nil
}

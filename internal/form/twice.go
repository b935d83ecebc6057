package form

import (
	"net/url"
	"strings"

	"github.com/tsymock/tsymock/internal/soa"
)

// DecodeTwice undoes a second URL encoding of a browser page's
// parameters and reports whether it did. Some merchant code encodes the
// page URL's values twice: the official Java SDK's YunClient.encodeTwice,
// which its demo uses for the payment-password pages, and PHP clients that
// write urlencode(urlencode($v)) "to match Java". Once the server has
// decoded such a query, req still reads "%7B%22service%22..." and sign
// "...%2B...%3D". JSON text always starts with '{', so a req that starts
// with its escape "%7B" (either case) after one decoding was encoded twice,
// and every value is decoded once more (QueryUnescape: '+' is the space the
// inner encoding made). Values that are plain either way (sysid, v) are
// unchanged by it. When any value does not decode, values is returned as
// it is, and the signature check says the rest.
//
// values is not changed; a decoded copy is returned.
func DecodeTwice(values url.Values) (url.Values, bool) {
	if !encodedTwice(values.Get(KeyReq)) {
		return values, false
	}
	out := make(url.Values, len(values))
	for k, vals := range values {
		decoded := make([]string, len(vals))
		for i, v := range vals {
			d, err := url.QueryUnescape(v)
			if err != nil {
				return values, false
			}
			decoded[i] = d
		}
		out[k] = decoded
	}
	return out, true
}

// encodedTwice reports whether req, decoded once, is still the URL
// encoding of a JSON object.
func encodedTwice(req string) bool {
	req = soa.TrimSpace(req)
	return len(req) >= 3 && strings.EqualFold(req[:3], "%7B")
}

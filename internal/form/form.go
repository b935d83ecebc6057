// Package form reads the parameters of a request to tsymock, the one place
// that does: the lenient form parser real clients need (Parse), the
// protocol parameters picked out of it (Params), and the reading of an HTTP
// request's query string and body within the size limit (Read), with the
// errorCode every failure is answered with (10000, or 10004 for a body too
// large). The SOA endpoint and the browser pages read their requests with
// it.
package form

import (
	"net/url"
	"strings"

	"github.com/tsymock/tsymock/internal/soa"
)

// Names of the request parameters (PROTOCOL.md §1).
const (
	KeySysID         = "sysid"
	KeySign          = "sign"
	KeyTimestamp     = "timestamp"
	KeyVersion       = "v"
	KeyReq           = "req"
	KeyPrivSysID     = "privSysid"
	KeyPrivBizUserID = "privBizUserId"
)

// Params is what a request carries on the wire, after URL-decoding. Sign, Timestamp and Req are
// the exact strings received: the signature is verified over them, never over a re-encoding.
type Params struct {
	SysID, Sign, Timestamp, V, Req string
	// PrivSysID and PrivBizUserID are sent by privileged-member requests in place of sysid.
	PrivSysID, PrivBizUserID string
	// Extra holds every other key (e.g. the legacy client's "ssoid"); nil when there is none.
	Extra map[string]string
}

// Parse parses a query string or an application/x-www-form-urlencoded body leniently, as
// real clients differ (PROTOCOL.md §1): whitespace (soa.TrimSpace) and CR/LF around the whole text are ignored
// (a legacy client ends its body with "&\r\n"), empty segments are skipped (a trailing "&"),
// '+' and %20 both mean a space, %xx may be upper- or lower-case, and ';' is an ordinary
// character (url.ParseQuery would reject it). A key without '=' has the value "". Repeated
// keys keep every value in order. A malformed escape is a 10000 *Error naming the key.
// No key or value shares raw's memory: each may be kept without keeping raw.
func Parse(raw string) (url.Values, error) {
	raw = soa.TrimSpace(raw)
	hint := min(strings.Count(raw, "&")+1, formHint)
	values := make(url.Values, hint)
	firsts := make([]string, 0, hint)
	err := eachPair(raw, func(key, value string) {
		if vals, ok := values[key]; ok {
			values[key] = append(vals, value)
			return
		}
		values[key], firsts = oneValue(firsts, value)
	})
	if err != nil {
		return nil, err
	}
	return values, nil
}

// eachPair calls fn with every key and value of raw, unescaped, in order,
// as Parse reads them.
func eachPair(raw string, fn func(key, value string)) error {
	for rest, more := soa.TrimSpace(raw), true; more; {
		var seg string
		seg, rest, more = strings.Cut(rest, "&")
		if soa.TrimSpace(seg) == "" {
			continue
		}
		rawKey, rawValue, _ := strings.Cut(seg, "=")
		key, err := unescapeOwn(soa.TrimSpace(rawKey))
		if err != nil {
			return badEscape(rawKey, err)
		}
		value, err := unescapeOwn(rawValue)
		if err != nil {
			return badEscape(key, err)
		}
		fn(key, value)
	}
	return nil
}

// unescapeOwn is url.QueryUnescape into memory of its own: a text with
// nothing to unescape, which QueryUnescape returns as it is, is copied,
// or is the constant when it names a protocol parameter. Parse's keys and
// values are kept long after their request (the journal, the caches), and
// a piece of the raw text would keep all of it alive.
func unescapeOwn(s string) (string, error) {
	u, err := url.QueryUnescape(s)
	if err != nil || u != s {
		return u, err
	}
	if k, ok := protocolName(u); ok {
		return k, nil
	}
	return strings.Clone(u), nil
}

// formHint bounds the room Parse makes ahead for the keys it counts,
// so that a body of nothing but '&' costs no more than its own size.
const formHint = 16

// oneValue is the one-value slice of a key seen first, cut from firsts
// (one allocation for the first values of all keys, rather than one per
// key) with no room to grow: a second value of the key copies it out.
func oneValue(firsts []string, value string) (one, rest []string) {
	if len(firsts) == cap(firsts) {
		firsts = make([]string, 0, formHint)
	}
	firsts = append(firsts, value)
	n := len(firsts)
	return firsts[n-1 : n : n], firsts
}

// badEscape is the 10000 answer to a form that is not valid URL encoding.
func badEscape(key string, err error) *soa.Error {
	return soa.Errorf(soa.CodeInvalidParam, "the form is not valid URL encoding at key %s: %v", soa.Quote(key), err)
}

// ParamsFrom picks the protocol parameters out of parsed form values. When a key is repeated
// the first value wins (as Java's ServletRequest.getParameter does). SysID is "sysid", or
// "privSysid" when "sysid" is absent: the signature source uses whichever was sent.
func ParamsFrom(v url.Values) Params {
	var b paramsBuilder
	for key, vals := range v {
		switch {
		case len(vals) > 0:
			b.add(key, vals[0])
		case IsProtocolKey(key): // sent with no value at all: "" (as Get says), and present
			b.add(key, "")
		}
	}
	return b.params()
}

// ParseParams is ParamsFrom(Parse(raw)) without the url.Values: the
// parameters of a call's body, as /service/soa reads them. has reports
// whether the form carries a protocol parameter that names a call (sysid,
// req or privSysid).
func ParseParams(raw string) (p Params, has bool, err error) {
	var b paramsBuilder
	if err := eachPair(raw, b.add); err != nil {
		return Params{}, false, err
	}
	return b.params(), b.seen&(1<<sysidBit|1<<reqBit|1<<privSysidBit) != 0, nil
}

// paramsBuilder collects Params from a form's pairs, the first value of a
// key winning; seen has a bit per protocol parameter present.
type paramsBuilder struct {
	p    Params
	seen uint8
}

// Bits of paramsBuilder.seen.
const (
	sysidBit = iota
	signBit
	timestampBit
	versionBit
	reqBit
	privSysidBit
	privBizUserIDBit
)

func (b *paramsBuilder) add(key, value string) {
	field, bit := b.field(key)
	switch {
	case field == nil:
		if _, ok := b.p.Extra[key]; !ok {
			if b.p.Extra == nil {
				b.p.Extra = map[string]string{}
			}
			b.p.Extra[key] = value
		}
	case b.seen&(1<<bit) == 0:
		*field, b.seen = value, b.seen|1<<bit
	}
}

// field is the Params field of a protocol parameter and its bit; nil for
// another key.
func (b *paramsBuilder) field(key string) (*string, int) {
	switch key {
	case KeySysID:
		return &b.p.SysID, sysidBit
	case KeySign:
		return &b.p.Sign, signBit
	case KeyTimestamp:
		return &b.p.Timestamp, timestampBit
	case KeyVersion:
		return &b.p.V, versionBit
	case KeyReq:
		return &b.p.Req, reqBit
	case KeyPrivSysID:
		return &b.p.PrivSysID, privSysidBit
	case KeyPrivBizUserID:
		return &b.p.PrivBizUserID, privBizUserIDBit
	}
	return nil, 0
}

// params are the parameters collected: SysID falls back on PrivSysID
// when no sysid was sent.
func (b *paramsBuilder) params() Params {
	p := b.p
	if b.seen&(1<<sysidBit) == 0 {
		p.SysID = p.PrivSysID
	}
	return p
}

// IsProtocolKey reports whether key is one of the parameters Params has a field for.
func IsProtocolKey(key string) bool {
	_, ok := protocolName(key)
	return ok
}

// protocolName is the constant that names the protocol parameter key.
func protocolName(key string) (string, bool) {
	for _, k := range [...]string{KeySysID, KeySign, KeyTimestamp, KeyVersion, KeyReq, KeyPrivSysID, KeyPrivBizUserID} {
		if key == k {
			return k, true
		}
	}
	return "", false
}

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

// Parse parses a query string or an application/x-www-form-urlencoded body leniently, as
// real clients differ (PROTOCOL.md §1): whitespace (soa.TrimSpace) and CR/LF around the whole text are ignored
// (a legacy client ends its body with "&\r\n"), empty segments are skipped (a trailing "&"),
// '+' and %20 both mean a space, %xx may be upper- or lower-case, and ';' is an ordinary
// character (url.ParseQuery would reject it). A key without '=' has the value "". Repeated
// keys keep every value in order. A malformed escape is a 10000 *Error naming the key.
func Parse(raw string) (url.Values, error) {
	v := newValues(raw)
	if err := scan(raw, v); err != nil {
		return nil, err
	}
	return v.v, nil
}

// A sink takes a form's parameters as scan reads them, in order.
type sink interface {
	add(key, value string)
	// has reports whether key was read.
	has(key string) bool
	// addMissing takes query's parameters whose keys it lacks.
	addMissing(query sink)
}

// scan reads raw with Parse's rules, handing every parameter to s.
func scan(raw string, s sink) error {
	for rest, more := soa.TrimSpace(raw), true; more; {
		var seg string
		seg, rest, more = strings.Cut(rest, "&")
		if soa.TrimSpace(seg) == "" {
			continue
		}
		rawKey, rawValue, _ := strings.Cut(seg, "=")
		key, err := url.QueryUnescape(soa.TrimSpace(rawKey))
		if err != nil {
			return badEscape(rawKey, err)
		}
		value, err := url.QueryUnescape(rawValue)
		if err != nil {
			return badEscape(key, err)
		}
		s.add(key, value)
	}
	return nil
}

// formHint bounds the room Parse makes ahead for the keys it counts,
// so that a body of nothing but '&' costs no more than its own size.
const formHint = 16

// values is the sink of Parse and Read: every value of every key. The
// zero values makes its map on the first parameter.
type values struct {
	v      url.Values
	firsts []string // room for the first values of keys, cut one by one
}

// newValues is values with room for the keys of raw.
func newValues(raw string) *values {
	hint := min(strings.Count(raw, "&")+1, formHint)
	return &values{v: make(url.Values, hint), firsts: make([]string, 0, hint)}
}

func (s *values) add(key, value string) {
	if s.v == nil {
		s.v = url.Values{}
	}
	if vals, ok := s.v[key]; ok {
		s.v[key] = append(vals, value)
		return
	}
	s.v[key], s.firsts = oneValue(s.firsts, value)
}

func (s *values) has(key string) bool { return s.v.Has(key) }

func (s *values) addMissing(query sink) {
	for k, vals := range query.(*values).v {
		if _, ok := s.v[k]; !ok {
			if s.v == nil {
				s.v = url.Values{}
			}
			s.v[k] = vals
		}
	}
}

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

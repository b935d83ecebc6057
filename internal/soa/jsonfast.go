package soa

import (
	"encoding/json"
	"strings"
	"unicode/utf8"
)

// fastMaxDepth is the deepest nesting the fast decoder takes on; a req is
// two or three levels deep, and encoding/json handles anything deeper.
const fastMaxDepth = 32

// decodeObjectFast decodes text as one JSON object to exactly what
// decodeObject's encoding/json makes of it (numbers as json.Number,
// duplicate keys the last one winning), in a fraction of the time and the
// allocations, for the texts every SDK sends. It reports false for
// anything else: a string with an escape, a control character or invalid
// UTF-8, nesting deeper than fastMaxDepth, and every text that is not
// valid JSON, which decodeObject then decodes, or words the error of, as
// before. Every string is copied, so that nothing kept from a call (a
// member's id) holds on to the whole req.
func decodeObjectFast(text string) (map[string]any, bool) {
	d := fastDecoder{s: text}
	d.space()
	if d.i >= len(d.s) || d.s[d.i] != '{' {
		return nil, false
	}
	m, ok := d.object()
	d.space()
	if !ok || d.i != len(d.s) {
		return nil, false
	}
	return m, true
}

// fastDecoder is the position in the text being decoded.
type fastDecoder struct {
	s     string
	i     int
	depth int
}

// space skips JSON whitespace.
func (d *fastDecoder) space() {
	for d.i < len(d.s) && isSpace(d.s[d.i]) { // JSON's whitespace is ParseForm's
		d.i++
	}
}

// value decodes the value at d.i, after any whitespace.
func (d *fastDecoder) value() (any, bool) {
	d.space()
	if d.i >= len(d.s) {
		return nil, false
	}
	switch c := d.s[d.i]; {
	case c == '{':
		return d.object()
	case c == '[':
		return d.array()
	case c == '"':
		s, ok := d.text()
		return strings.Clone(s), ok
	case c == 't':
		return true, d.literal("true")
	case c == 'f':
		return false, d.literal("false")
	case c == 'n':
		return nil, d.literal("null")
	case c == '-' || isDigit(c):
		return d.number()
	}
	return nil, false
}

// object decodes {"key": value, ...} at d.i.
func (d *fastDecoder) object() (map[string]any, bool) {
	m := map[string]any{}
	ok := d.list('}', func() bool {
		d.space()
		if d.i >= len(d.s) || d.s[d.i] != '"' {
			return false
		}
		k, ok := d.text()
		if d.space(); !ok || !d.next(':') {
			return false
		}
		v, ok := d.value()
		m[key(k)] = v
		return ok
	})
	if !ok {
		return nil, false
	}
	return m, true
}

// array decodes [value, ...] at d.i.
func (d *fastDecoder) array() ([]any, bool) {
	a := []any{}
	ok := d.list(']', func() bool {
		v, ok := d.value()
		a = append(a, v)
		return ok
	})
	if !ok {
		return nil, false
	}
	return a, true
}

// list decodes the items of an object or an array with item, from the
// opening byte at d.i to close, within fastMaxDepth.
func (d *fastDecoder) list(close byte, item func() bool) bool {
	if d.depth == fastMaxDepth {
		return false
	}
	d.depth++
	ok := d.items(close, item)
	d.depth--
	return ok
}

// items decodes item, item, ... close, after the opening byte at d.i.
func (d *fastDecoder) items(close byte, item func() bool) bool {
	d.i++
	if d.space(); d.next(close) {
		return true
	}
	for {
		if !item() {
			return false
		}
		if d.space(); d.next(close) {
			return true
		}
		if !d.next(',') {
			return false
		}
	}
}

// text is the string at d.i, which must have no escape, no control
// character and no invalid UTF-8 (which encoding/json would replace), as a
// slice of the text: the caller copies what it keeps.
func (d *fastDecoder) text() (string, bool) {
	start, ascii := d.i+1, true
	for j := start; j < len(d.s); j++ {
		switch c := d.s[j]; {
		case c == '"':
			s := d.s[start:j]
			if !ascii && !utf8.ValidString(s) {
				return "", false
			}
			d.i = j + 1
			return s, true
		case c == '\\' || c < ' ':
			return "", false
		case c >= utf8.RuneSelf:
			ascii = false
		}
	}
	return "", false
}

// key is a copy of an object's key, or, for the three every req has, the
// name itself, which costs no copy.
func key(k string) string {
	switch k {
	case "service":
		return "service"
	case "method":
		return "method"
	case "param":
		return "param"
	}
	return strings.Clone(k)
}

// literal consumes word (true, false, null) at d.i.
func (d *fastDecoder) literal(word string) bool {
	if !strings.HasPrefix(d.s[d.i:], word) {
		return false
	}
	d.i += len(word)
	return true
}

// number decodes the number at d.i as its text, a json.Number.
func (d *fastDecoder) number() (any, bool) {
	start := d.i
	if !d.numberText() {
		return nil, false
	}
	return json.Number(strings.Clone(d.s[start:d.i])), true
}

// numberText consumes -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? at d.i.
func (d *fastDecoder) numberText() bool {
	d.next('-')
	switch {
	case d.next('0'):
	case d.i < len(d.s) && isDigit(d.s[d.i]):
		d.digits()
	default:
		return false
	}
	if d.next('.') && !d.digits() {
		return false
	}
	if d.next('e') || d.next('E') {
		if !d.next('+') {
			d.next('-')
		}
		return d.digits()
	}
	return true
}

// isJSONNumber reports whether s is exactly one JSON number.
func isJSONNumber(s string) bool {
	d := fastDecoder{s: s}
	return d.numberText() && d.i == len(s)
}

// digits consumes one or more digits, and reports whether there was one.
func (d *fastDecoder) digits() bool {
	start := d.i
	for d.i < len(d.s) && isDigit(d.s[d.i]) {
		d.i++
	}
	return d.i > start
}

// next consumes c if it is the byte at d.i.
func (d *fastDecoder) next(c byte) bool {
	if d.i < len(d.s) && d.s[d.i] == c {
		d.i++
		return true
	}
	return false
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

package diagnose

import (
	"bytes"
	"encoding/json"
	"io"
	"strconv"
	"strings"
)

// form is the req JSON as another serialiser would have written it.
type form struct {
	name msgID
	text string
}

// reserialisations returns the req written as the common JSON libraries
// write it, skipping forms identical to what was sent. A client that signs
// one serialisation and sends another fails on exactly one of these.
func reserialisations(req string) []form {
	var doc any
	dec := json.NewDecoder(strings.NewReader(req))
	dec.UseNumber()
	if dec.Decode(&doc) != nil {
		return nil
	}
	var out []form
	add := func(name msgID, text string) {
		if text == "" || text == req {
			return
		}
		for _, f := range out {
			if f.text == text {
				return
			}
		}
		out = append(out, form{name, text})
	}
	add(msgWhitespaceRemoved, compact(req))
	add(msgKeysSorted, marshal(doc, false))
	add(msgKeysSortedEscaped, marshal(doc, true))
	// PHP's json_encode keeps the keys in the order they were set (service,
	// method, param in every PHP SDK), so its forms keep the sent order; the
	// sorted one stays for a client that sorted before encoding.
	add(msgPHPEscaped, rewrite(req, phpString))
	add(msgPHPUnescaped, rewrite(req, plainString))
	add(msgKeysSortedPHP, phpEscape(marshal(doc, false)))
	add(msgIndented, indent(req))
	return out
}

func compact(s string) string {
	var b bytes.Buffer
	if json.Compact(&b, []byte(s)) != nil {
		return ""
	}
	return b.String()
}

func indent(s string) string {
	var b bytes.Buffer
	if json.Indent(&b, []byte(s), "", "  ") != nil {
		return ""
	}
	return b.String()
}

func marshal(doc any, escapeHTML bool) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(escapeHTML)
	if enc.Encode(doc) != nil {
		return ""
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// rewrite writes the JSON text req compactly with its keys in the order
// sent and numbers as written, each string (keys too) written by str; ""
// when req is not one whole JSON value.
func rewrite(req string, str func(string) string) string {
	dec := json.NewDecoder(strings.NewReader(req))
	dec.UseNumber()
	w := rewriter{str: str}
	for {
		tok, err := dec.Token()
		if err == io.EOF && w.complete() {
			return w.b.String()
		}
		if err != nil || !w.write(tok) {
			return ""
		}
	}
}

// rewriter writes the tokens of one JSON value back as text.
type rewriter struct {
	b      strings.Builder
	str    func(string) string
	stack  []level
	values int // at the top level: one, as the req is
}

// level is an open object or array, with the tokens written into it.
type level struct {
	object bool
	n      int
}

// complete reports whether exactly one whole value was written.
func (w *rewriter) complete() bool { return len(w.stack) == 0 && w.values == 1 }

// write writes a token with the separator before it; false for a second
// value at the top level.
func (w *rewriter) write(tok json.Token) bool {
	if d, ok := tok.(json.Delim); ok && (d == '}' || d == ']') {
		w.stack = w.stack[:len(w.stack)-1]
		w.b.WriteRune(rune(d))
		return true
	}
	if !w.separate() {
		return false
	}
	switch v := tok.(type) {
	case json.Delim:
		w.b.WriteRune(rune(v))
		w.stack = append(w.stack, level{object: v == '{'})
	case string:
		w.b.WriteString(w.str(v))
	case json.Number:
		w.b.WriteString(v.String())
	case bool:
		w.b.WriteString(strconv.FormatBool(v))
	case nil:
		w.b.WriteString("null")
	}
	return true
}

// separate writes what comes before a value or key: a comma unless it
// opens its container, a colon after an object's key; false for a second
// value at the top level.
func (w *rewriter) separate() bool {
	n := len(w.stack)
	if n == 0 {
		w.values++
		return w.values == 1
	}
	top := &w.stack[n-1]
	switch {
	case top.object && top.n%2 == 1:
		w.b.WriteByte(':')
	case top.n > 0:
		w.b.WriteByte(',')
	}
	top.n++
	return true
}

// plainString is s as a JSON string with nothing escaped that need not be
// ("/" and non-ASCII as they are), as PHP writes it with
// JSON_UNESCAPED_SLASHES|JSON_UNESCAPED_UNICODE.
func plainString(s string) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s) // a string always encodes
	return strings.TrimSuffix(b.String(), "\n")
}

// phpString is s as PHP's json_encode writes a string by default.
func phpString(s string) string { return phpEscape(plainString(s)) }

// phpEscape turns compact JSON into what PHP's json_encode writes by default:
// "/" as "\/" and every non-ASCII rune as a \uXXXX escape (UTF-16 pairs).
func phpEscape(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '/':
			b.WriteString(`\/`)
		case r < 0x80:
			b.WriteRune(r)
		case r > 0xFFFF:
			r -= 0x10000
			writeU(&b, 0xD800+(r>>10))
			writeU(&b, 0xDC00+(r&0x3FF))
		default:
			writeU(&b, r)
		}
	}
	return b.String()
}

func writeU(b *strings.Builder, r rune) {
	const hex = "0123456789abcdef"
	b.WriteString(`\u`)
	for shift := 12; shift >= 0; shift -= 4 {
		b.WriteByte(hex[(r>>shift)&0xF])
	}
}

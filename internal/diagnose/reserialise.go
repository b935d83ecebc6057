package diagnose

import (
	"bytes"
	"encoding/json"
	"strings"
)

// form is the req JSON as another serialiser would have written it.
type form struct {
	name string
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
	add := func(name, text string) {
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
	add("whitespace removed", compact(req))
	add("keys sorted, as Go encoding/json or fastjson write it", marshal(doc, false))
	add("keys sorted with <, >, & escaped as Go encoding/json writes it", marshal(doc, true))
	add("with / and non-ASCII escaped as PHP json_encode writes it", phpEscape(marshal(doc, false)))
	add("indented", indent(req))
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

package e2e

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"mime"
	"net/http"
	"strings"
	"unicode/utf8"
)

// How the frameworks the public clients run in read a form or a query
// before the client sees it (sdk_notify_clients_test.go): Tomcat's
// getParameter, PHP's $_GET and $_POST, Node's qs and querystring.

// tomcatParams is request.getParameter as Tomcat 8.5+ answers it: the
// query decoded as UTF-8 (its default URIEncoding) and, for a POST whose
// media type is application/x-www-form-urlencoded, the body decoded with
// the Content-Type's charset, ISO-8859-1 when it names none (the servlet
// default); the first value of a name wins, the query's first.
func tomcatParams(in inbound) (map[string]string, error) {
	p := map[string]string{}
	if err := addForm(p, in.RawQuery, "utf-8"); err != nil {
		return nil, fmt.Errorf("java: query: %w", err)
	}
	media, params, err := mime.ParseMediaType(in.ContentType)
	if in.Method != http.MethodPost || err != nil || !strings.EqualFold(media, "application/x-www-form-urlencoded") {
		return p, nil
	}
	charset := strings.ToLower(params["charset"])
	if charset == "" {
		charset = "iso-8859-1"
	}
	if err := addForm(p, string(in.Body), charset); err != nil {
		return nil, fmt.Errorf("java: body: %w", err)
	}
	return p, nil
}

// addForm decodes key=value pairs into p: '+' is a space, %XX a byte, the
// bytes read in charset (utf-8 or iso-8859-1). The first value of a key is
// kept. An unreadable escape is an error.
func addForm(p map[string]string, raw, charset string) error {
	for _, pair := range strings.Split(raw, "&") {
		if pair == "" {
			continue
		}
		k, v, _ := strings.Cut(pair, "=")
		kb, err := unescapeForm(k)
		if err != nil {
			return err
		}
		vb, err := unescapeForm(v)
		if err != nil {
			return err
		}
		key, val := inCharset(kb, charset), inCharset(vb, charset)
		if _, seen := p[key]; !seen {
			p[key] = val
		}
	}
	return nil
}

// unescapeForm is application/x-www-form-urlencoded decoding to bytes.
func unescapeForm(s string) ([]byte, error) {
	var b bytes.Buffer
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '+':
			b.WriteByte(' ')
		case c == '%':
			if i+2 >= len(s) || !isHex(s[i+1]) || !isHex(s[i+2]) {
				return nil, fmt.Errorf("bad escape at %d of %.40q", i, s)
			}
			b.WriteByte(unhex(s[i+1])<<4 | unhex(s[i+2]))
			i += 2
		default:
			b.WriteByte(c)
		}
	}
	return b.Bytes(), nil
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case c <= '9':
		return c - '0'
	case c <= 'F':
		return c - 'A' + 10
	}
	return c - 'a' + 10
}

// inCharset reads bytes as Java and JavaScript do: UTF-8 with U+FFFD for
// what is not, or ISO-8859-1 (one rune per byte).
func inCharset(b []byte, charset string) string {
	if charset != "iso-8859-1" {
		return strings.ToValidUTF8(string(b), "\uFFFD")
	}
	r := make([]rune, len(b))
	for i, c := range b {
		r[i] = rune(c)
	}
	return string(r)
}

// phpGlobals are $_GET and $_POST: the query always, the body only when
// the Content-Type, lower-cased and cut at ';', ',' or ' ', is
// application/x-www-form-urlencoded (PHP's SAPI post reader); urldecode
// ('+' a space, %XX a byte when both digits are hex, else as written),
// the last value of a name kept.
func phpGlobals(in inbound) (get, post map[string]string) {
	get, post = phpForm(in.RawQuery), map[string]string{}
	ct := strings.ToLower(in.ContentType)
	if i := strings.IndexAny(ct, ";, "); i >= 0 {
		ct = ct[:i]
	}
	if in.Method == http.MethodPost && ct == "application/x-www-form-urlencoded" {
		post = phpForm(string(in.Body))
	}
	return get, post
}

func phpForm(raw string) map[string]string {
	p := map[string]string{}
	for _, pair := range strings.Split(raw, "&") {
		if pair == "" {
			continue
		}
		k, v, _ := strings.Cut(pair, "=")
		p[phpURLDecode(k)] = phpURLDecode(v)
	}
	return p
}

// phpURLDecode is PHP's urldecode: a '%' not followed by two hex digits
// stays as it is.
func phpURLDecode(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '+':
			b.WriteByte(' ')
		case c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]):
			b.WriteByte(unhex(s[i+1])<<4 | unhex(s[i+2]))
			i += 2
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// lenientBase64 is PHP's base64_decode without strict and Node's
// Buffer.from(s, 'base64') (urlSafe): characters outside the alphabet are
// skipped, padding is optional.
func lenientBase64(s string, urlSafe bool) ([]byte, error) {
	var b strings.Builder
	for _, c := range s {
		switch {
		case urlSafe && c == '-':
			b.WriteByte('+')
		case urlSafe && c == '_':
			b.WriteByte('/')
		case 'A' <= c && c <= 'Z', 'a' <= c && c <= 'z', '0' <= c && c <= '9', c == '+', c == '/':
			b.WriteRune(c)
		}
	}
	return base64.RawStdEncoding.DecodeString(b.String())
}

// jsDecode is qs's and querystring's decoding: '+' a space, then
// decodeURIComponent, the text as it was when that throws (a bad escape or
// bytes that are not UTF-8).
func jsDecode(s string) string {
	s = strings.ReplaceAll(s, "+", " ")
	b, err := unescapeForm(s)
	if err != nil || !utf8.Valid(b) {
		return s
	}
	return string(b)
}

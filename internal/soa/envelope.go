package soa

import (
	"cmp"
	"encoding/json"
	"errors"
	"io"
	"slices"
	"strings"
	"unicode/utf8"
)

// Envelope is the decoded req JSON: {"service":..,"method":..,"param":{..}}, keys in any order.
// Numbers in Param are json.Number, so that amounts and ids keep their exact text.
type Envelope struct {
	Service, Method string
	Param           map[string]any
}

// DecodeReq decodes the req text. It fails with 10000 when req is empty, not JSON, not an
// object, followed by anything but whitespace, or has a param that is not an object; with 10002
// when service is missing, empty or not a string; with 10003 when method is. A missing or null
// param is an empty map. Unknown top-level keys are ignored.
func DecodeReq(req string) (*Envelope, *Error) {
	if TrimSpace(req) == "" {
		return nil, Errorf(CodeInvalidParam, `req is missing; send req={"service":..,"method":..,"param":{..}}`)
	}
	if serr := checkText(req); serr != nil {
		return nil, serr
	}
	marked, lone := markLoneSurrogates(req)
	doc, err := decodeObject(marked)
	if err != nil {
		return nil, detailed(CodeInvalidParam, msgReqNotJSON, err)
	}
	if lone {
		return nil, Errorf(CodeInvalidParam, "%s holds a lone UTF-16 surrogate escape (\\ud800 to \\udfff without its pair), which is no character; send the text as UTF-8",
			cmp.Or(markedPath(doc, ""), "req"))
	}
	if hasNUL(doc) {
		return nil, Errorf(CodeInvalidParam, "req contains a NUL character (\\u0000), which no field accepts")
	}
	service, serr := envelopeName(doc, "service", CodeBadService, "MemberService")
	if serr != nil {
		return nil, serr
	}
	method, merr := envelopeName(doc, "method", CodeBadMethod, "createMember")
	if merr != nil {
		return nil, merr
	}
	param, perr := paramObject(doc["param"])
	if perr != nil {
		return nil, perr
	}
	return &Envelope{Service: service, Method: method, Param: param}, nil
}

// decodeObject decodes text as exactly one JSON object, numbers as json.Number so that
// amounts and ids keep their exact text (the coercion rules in coerce.go read them). Duplicate
// keys: the last one wins.
func decodeObject(text string) (map[string]any, error) {
	dec := json.NewDecoder(strings.NewReader(text))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, errors.New("unexpected text after the JSON value")
	}
	doc, ok := v.(map[string]any)
	if !ok {
		return nil, errors.New("got " + describe(v))
	}
	return doc, nil
}

// envelopeName reads the service or method name: a non-empty string, else code.
func envelopeName(doc map[string]any, key, code, example string) (string, *Error) {
	v, present := doc[key]
	name, ok := v.(string)
	switch {
	case !present || v == nil:
		return "", detailed(code, msgReqNoName, key, example)
	case !ok:
		return "", detailed(code, msgReqNameType, key, example, described(v))
	case name == "":
		return "", detailed(code, msgReqNameEmpty, key, example)
	}
	return name, nil
}

// paramObject checks the envelope's param: absent or null is an empty map.
// An empty array is refused like any array (what the platform answers to
// one is not known), with the reason it is usually sent: PHP clients that
// drop empty params (the Onex/Tonglian Allinpay packages' requestParamFilter)
// and json_encode what is left write an empty param as [].
func paramObject(v any) (map[string]any, *Error) {
	switch p := v.(type) {
	case nil:
		return map[string]any{}, nil
	case map[string]any:
		return p, nil
	case []any:
		if len(p) == 0 {
			return nil, Errorf(CodeInvalidParam, "param must be a JSON object, got array []; "+
				"PHP's json_encode writes an empty array as []: send (object)[] or use JSON_FORCE_OBJECT, or leave param out")
		}
	}
	return nil, Errorf(CodeInvalidParam, "param must be a JSON object, got %s", describe(v))
}

// checkText refuses a req that JSON decoding would silently alter: bytes
// that are not UTF-8 (the decoder turns them into U+FFFD, so the call would
// not be the one signed).
func checkText(req string) *Error {
	if !utf8.ValidString(req) {
		at := 0
		for at < len(req) {
			r, size := utf8.DecodeRuneInString(req[at:])
			if r == utf8.RuneError && size <= 1 {
				break
			}
			at += size
		}
		return detailed(CodeInvalidParam, msgReqNotUTF8, at)
	}
	return nil
}

// hasNUL reports whether a decoded JSON value holds a NUL character in a
// key or a string (a \u0000 escape).
func hasNUL(v any) bool {
	switch x := v.(type) {
	case string:
		return strings.ContainsRune(x, 0)
	case []any:
		return slices.ContainsFunc(x, hasNUL)
	case map[string]any:
		for k, e := range x {
			if strings.ContainsRune(k, 0) || hasNUL(e) {
				return true
			}
		}
	}
	return false
}

// TrimSpace is strings.Trim(s, " \t\r\n") without building the set of
// its characters on every call: the form reader trims every segment of a
// form with it, and an empty req is one of nothing else.
func TrimSpace(s string) string {
	for len(s) > 0 && isSpace(s[0]) {
		s = s[1:]
	}
	for len(s) > 0 && isSpace(s[len(s)-1]) {
		s = s[:len(s)-1]
	}
	return s
}

// isSpace reports whether c is whitespace around a form, its keys or a
// req: space, tab, CR, LF (JSON's whitespace too).
func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }

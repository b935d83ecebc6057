package soa

import (
	"bytes"
	"encoding/json"
	"strings"
)

// ContentType is the Content-Type of every /service/soa answer.
const ContentType = "application/json;charset=UTF-8"

// Response statuses (PROTOCOL.md §3).
const (
	StatusOK    = "OK"
	StatusError = "error"
)

// MarshalValue returns the JSON text of v for a success signedValue: no HTML escaping (Chinese,
// '&', '<' and '>' stay literal), no trailing newline, json.Number written as the number it
// holds. Map keys come out sorted.
func MarshalValue(v any) (string, error) {
	b, err := marshal(v)
	return string(b), err
}

// ErrorSignedValue returns the signedValue of an error, "errorCode=<c>&message=<m>", not
// URL-encoded. Invalid UTF-8 is replaced by U+FFFD, exactly as EncodeError writes it, so a
// sign computed over this text verifies against the body.
func ErrorSignedValue(e *Error) string {
	code, msg := wireError(e)
	return "errorCode=" + code + "&message=" + msg
}

// EncodeOK returns the success body {"sysid","sign","signedValue","status":"OK"}; sign is over
// signedValue. It is written field by field, as encoding/json would write the struct of
// strings (the platform's field order), in one allocation.
func EncodeOK(sysid, signedValue, sign string) []byte {
	b := make([]byte, 0, bodySize(sysid, signedValue, sign))
	b = appendJSONString(append(b, `{"sysid":`...), sysid)
	b = appendJSONString(append(b, `,"sign":`...), sign)
	b = appendJSONString(append(b, `,"signedValue":`...), signedValue)
	return append(b, `,"status":"`+StatusOK+`"}`...)
}

// EncodeError returns the error body {"sign","errorCode","message","signedValue","status":"error"};
// sign is over ErrorSignedValue(e).
func EncodeError(e *Error, sign string) []byte {
	code, msg := wireError(e)
	sv := ErrorSignedValue(e)
	b := make([]byte, 0, bodySize(sign, code, msg, sv))
	b = appendJSONString(append(b, `{"sign":`...), sign)
	b = appendJSONString(append(b, `,"errorCode":`...), code)
	b = appendJSONString(append(b, `,"message":`...), msg)
	b = appendJSONString(append(b, `,"signedValue":`...), sv)
	return append(b, `,"status":"`+StatusError+`"}`...)
}

// bodySize is room for a body of these strings: their length, their
// quotes and backslashes escaped (a JSON signedValue has many), and the
// names. Only control characters, which answers hardly hold, grow it.
func bodySize(fields ...string) int {
	n := 80
	for _, f := range fields {
		n += len(f) + strings.Count(f, `"`) + strings.Count(f, `\`)
	}
	return n
}

// wireError is the code and message as they go on the wire: valid UTF-8, 9100 for a nil error.
func wireError(e *Error) (code, msg string) {
	if e == nil {
		e = NewError(CodeUnknown)
	}
	return strings.ToValidUTF8(e.Code, "\uFFFD"), strings.ToValidUTF8(e.Message, "\uFFFD")
}

// marshal encodes v without HTML escaping and without the encoder's trailing newline: by
// hand for the types answers hold, else with encoding/json.
func marshal(v any) ([]byte, error) {
	if b, ok := appendJSONValue(make([]byte, 0, 256), v, 0); ok {
		return b, nil
	}
	return marshalJSON(v)
}

// marshalJSON is marshal with encoding/json.
func marshalJSON(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

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
// holds. The keys of its objects (map[string]any) come out in the order the platform's Java
// HashMap gives them (javaorder.go).
func MarshalValue(v any) (string, error) {
	w := newValueWriter(256)
	if err := w.write(v, 0); err != nil {
		return "", err
	}
	return w.buf.String(), nil
}

// ErrorSignedValue returns the signedValue of an error, "errorCode=<c>&message=<m>", not
// URL-encoded. Invalid UTF-8 is replaced by U+FFFD, exactly as EncodeError writes it, so a
// sign computed over this text verifies against the body.
func ErrorSignedValue(e *Error) string {
	code, msg := wireError(e)
	return "errorCode=" + code + "&message=" + msg
}

// okBody is the success body, its fields in the platform's order.
type okBody struct {
	SysID       string `json:"sysid"`
	Sign        string `json:"sign"`
	SignedValue string `json:"signedValue"`
	Status      string `json:"status"`
}

// errorBody is the error body, its fields in the platform's order.
type errorBody struct {
	Sign        string `json:"sign"`
	ErrorCode   string `json:"errorCode"`
	Message     string `json:"message"`
	SignedValue string `json:"signedValue"`
	Status      string `json:"status"`
}

// EncodeOK returns the success body {"sysid","sign","signedValue","status":"OK"}; sign is over
// signedValue.
func EncodeOK(sysid, signedValue, sign string) []byte {
	return encodeBody(okBody{SysID: sysid, Sign: sign, SignedValue: signedValue, Status: StatusOK},
		bodySize(sysid, signedValue, sign))
}

// EncodeError returns the error body {"sign","errorCode","message","signedValue","status":"error"};
// sign is over ErrorSignedValue(e).
func EncodeError(e *Error, sign string) []byte {
	code, msg := wireError(e)
	sv := ErrorSignedValue(e)
	return encodeBody(errorBody{Sign: sign, ErrorCode: code, Message: msg, SignedValue: sv, Status: StatusError},
		bodySize(sign, code, msg, sv))
}

// encodeBody writes a body. Its fields are strings, which encoding/json always encodes
// (invalid UTF-8 as U+FFFD), so there is no error to return.
func encodeBody(body any, size int) []byte {
	b, _ := marshal(body, size)
	return b
}

// bodySize is room for a body of these strings: their length, their
// quotes and backslashes escaped (a JSON signedValue has many), the
// names and the encoder's newline. Only control characters, which
// answers hardly hold, grow it.
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

// marshal encodes v with encoding/json, as the platform's Java (fastjson) writes answers: no
// HTML escaping ('&', '<' and '>' stay literal, where Go would write \u0026...) and no trailing
// newline. size is room to start with.
func marshal(v any, size int) ([]byte, error) {
	buf := bytes.NewBuffer(make([]byte, 0, size))
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

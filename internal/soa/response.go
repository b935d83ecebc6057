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

// okBody is the success body; field order is the platform's, although no SDK depends on it.
type okBody struct {
	SysID       string `json:"sysid"`
	Sign        string `json:"sign"`
	SignedValue string `json:"signedValue"`
	Status      string `json:"status"`
}

// errorBody is the error body; errorCode is a JSON string.
type errorBody struct {
	Sign        string `json:"sign"`
	ErrorCode   string `json:"errorCode"`
	Message     string `json:"message"`
	SignedValue string `json:"signedValue"`
	Status      string `json:"status"`
}

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
// signedValue.
func EncodeOK(sysid, signedValue, sign string) []byte {
	return mustMarshal(okBody{SysID: sysid, Sign: sign, SignedValue: signedValue, Status: StatusOK})
}

// EncodeError returns the error body {"sign","errorCode","message","signedValue","status":"error"};
// sign is over ErrorSignedValue(e).
func EncodeError(e *Error, sign string) []byte {
	code, msg := wireError(e)
	return mustMarshal(errorBody{Sign: sign, ErrorCode: code, Message: msg,
		SignedValue: ErrorSignedValue(e), Status: StatusError})
}

// wireError is the code and message as they go on the wire: valid UTF-8, 9100 for a nil error.
func wireError(e *Error) (code, msg string) {
	if e == nil {
		e = NewError(CodeUnknown)
	}
	return strings.ToValidUTF8(e.Code, "\uFFFD"), strings.ToValidUTF8(e.Message, "\uFFFD")
}

// marshal encodes v without HTML escaping and without the encoder's trailing newline.
func marshal(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// mustMarshal encodes a body struct of strings, which cannot fail.
func mustMarshal(v any) []byte {
	b, err := marshal(v)
	if err != nil {
		panic("soa: encoding a body of strings: " + err.Error())
	}
	return b
}

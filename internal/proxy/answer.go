package proxy

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/tsymock/tsymock/internal/soa"
)

// Answer is an upstream's /service/soa answer read as the envelope of
// PROTOCOL.md §3.
type Answer struct {
	// Status is soa.StatusOK or soa.StatusError.
	Status string
	// SysID is the body's sysid (OK answers carry it).
	SysID string
	// Sign and SignedValue are as the body holds them: sign covers
	// signedValue.
	Sign        string
	SignedValue string
	// Code and Message are an error answer's.
	Code, Message string
	// Value is an OK answer's signedValue decoded, numbers as json.Number;
	// an empty signedValue is an empty object.
	Value map[string]any
}

// Err is the error answer as a soa.Error, nil for an OK answer.
func (a *Answer) Err() *soa.Error {
	if a.Status != soa.StatusError {
		return nil
	}
	return &soa.Error{Code: a.Code, Message: a.Message}
}

// envelope is the body's fields; errorCode may come as a number.
type envelope struct {
	SysID       *string          `json:"sysid"`
	Sign        *string          `json:"sign"`
	SignedValue *string          `json:"signedValue"`
	Status      *string          `json:"status"`
	ErrorCode   *json.RawMessage `json:"errorCode"`
	Message     *string          `json:"message"`
}

// ParseAnswer reads an upstream's answer body. It fails when the body is
// not one JSON object, its status is neither "OK" nor "error", an OK
// answer's signedValue is not a JSON object, or an error answer has no
// errorCode. Unknown fields are ignored.
func ParseAnswer(body []byte) (*Answer, error) {
	var env envelope
	dec := json.NewDecoder(bytes.NewReader(body))
	if err := dec.Decode(&env); err != nil {
		return nil, fmt.Errorf("proxy: the answer is not a JSON envelope: %w", err)
	}
	if len(bytes.TrimSpace(body[dec.InputOffset():])) > 0 {
		return nil, errors.New("proxy: the answer has text after its JSON object")
	}
	a := &Answer{SysID: deref(env.SysID), Sign: deref(env.Sign), SignedValue: deref(env.SignedValue), Message: deref(env.Message)}
	switch status := deref(env.Status); status {
	case soa.StatusOK:
		return a, a.readValue()
	case soa.StatusError:
		return a, a.readCode(env.ErrorCode)
	default:
		return nil, fmt.Errorf("proxy: the answer's status is %q, not %q or %q", status, soa.StatusOK, soa.StatusError)
	}
}

// readValue decodes an OK answer's signedValue.
func (a *Answer) readValue() error {
	a.Status = soa.StatusOK
	if strings.TrimSpace(a.SignedValue) == "" {
		a.Value = map[string]any{}
		return nil
	}
	dec := json.NewDecoder(strings.NewReader(a.SignedValue))
	dec.UseNumber()
	var v map[string]any
	if err := dec.Decode(&v); err != nil || v == nil {
		return fmt.Errorf("proxy: the OK answer's signedValue is not a JSON object: %v", orNull(err))
	}
	if strings.TrimSpace(a.SignedValue[dec.InputOffset():]) != "" {
		return errors.New("proxy: the OK answer's signedValue has text after its JSON object")
	}
	a.Value = v
	return nil
}

// readCode reads an error answer's errorCode, a string or a number.
func (a *Answer) readCode(raw *json.RawMessage) error {
	a.Status = soa.StatusError
	if raw == nil {
		return errors.New("proxy: the error answer has no errorCode")
	}
	var text string
	if err := json.Unmarshal(*raw, &text); err == nil {
		a.Code = text
	} else {
		var n json.Number
		if err := json.Unmarshal(*raw, &n); err != nil {
			return fmt.Errorf("proxy: the error answer's errorCode is %s, not a string or a number", clip(string(*raw)))
		}
		a.Code = n.String()
	}
	if strings.TrimSpace(a.Code) == "" {
		return errors.New("proxy: the error answer's errorCode is empty")
	}
	return nil
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// orNull names a missing error: a signedValue of "null" decodes without one.
func orNull(err error) any {
	if err == nil {
		return "it is null"
	}
	return err
}

// clip shortens a text for a message.
func clip(s string) string {
	const most = 60
	if len(s) <= most {
		return s
	}
	return s[:most] + "..."
}

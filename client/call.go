package client

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"

	"github.com/tsymock/tsymock/internal/soa"
	"github.com/tsymock/tsymock/keys"
)

// maxAnswer bounds the answer body the client reads.
const maxAnswer = 8 << 20

// request is the req JSON: service, method and the method's parameters.
type request struct {
	Service string `json:"service"`
	Method  string `json:"method"`
	Param   any    `json:"param"`
}

// answer is the envelope the platform answers with.
type answer struct {
	SysID       string          `json:"sysid"`
	Sign        string          `json:"sign"`
	SignedValue string          `json:"signedValue"`
	Status      string          `json:"status"`
	ErrorCode   json.RawMessage `json:"errorCode"`
	Message     string          `json:"message"`
}

// Call sends service.method with param (anything that marshals to a JSON
// object) and returns the verified signedValue JSON of an OK answer. An
// error answer is returned as *Error; an answer whose sign does not verify
// as an error wrapping ErrBadSignature.
func (c *Client) Call(ctx context.Context, service, method string, param any) (json.RawMessage, error) {
	if param == nil {
		param = struct{}{}
	}
	req, err := json.Marshal(request{Service: service, Method: method, Param: param})
	if err != nil {
		return nil, fmt.Errorf("client: encode %s.%s: %w", service, method, err)
	}
	values, err := c.Sign(string(req))
	if err != nil {
		return nil, err
	}
	body, header, err := c.send(ctx, values)
	if r := ruleOf(header); r.ID != "" && c.rule != nil {
		c.rule(service, method, r)
	}
	if err != nil {
		return nil, fmt.Errorf("client: %s.%s: %w", service, method, err)
	}
	if notes := soa.ParseWouldFail(header.Get(soa.HeaderWouldFail)); len(notes) > 0 && c.wouldFail != nil {
		soa.AddWouldFailReasons(notes, header.Get(soa.HeaderWouldFailReason))
		c.wouldFail(service, method, notes)
	}
	return c.open(body)
}

// Sign returns the signed parameters (sysid, sign, timestamp, v, req) for a
// req JSON text, stamped with the client's clock.
func (c *Client) Sign(req string) (url.Values, error) {
	ts := soa.FormatTime(c.now())
	sign, err := keys.Sign(c.key, c.sysid+req+ts)
	if err != nil {
		return nil, fmt.Errorf("client: %w", err)
	}
	return url.Values{"sysid": {c.sysid}, "sign": {sign}, "timestamp": {ts}, "v": {"2.0"}, "req": {req}}, nil
}

// send posts (or gets) the signed values and returns the answer's body and
// its headers; the headers also with the error of an answer that is not
// HTTP 200 or whose body could not be read (cut short, too slow: a
// tsymock fault names its rule in them).
func (c *Client) send(ctx context.Context, values url.Values) ([]byte, http.Header, error) {
	var hreq *http.Request
	var err error
	if c.get {
		hreq, err = http.NewRequestWithContext(ctx, http.MethodGet, c.endpoint+"?"+values.Encode(), nil)
	} else {
		hreq, err = http.NewRequestWithContext(ctx, http.MethodPost, c.endpoint, strings.NewReader(values.Encode()))
		if hreq != nil {
			hreq.Header.Set("Content-Type", "application/x-www-form-urlencoded;charset=utf-8")
		}
	}
	if err != nil {
		return nil, nil, err
	}
	resp, err := c.http.Do(hreq)
	if err != nil {
		return nil, nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxAnswer))
	if err != nil {
		return nil, resp.Header, err
	}
	if resp.StatusCode != http.StatusOK {
		return nil, resp.Header, fmt.Errorf("HTTP %d: %.200s", resp.StatusCode, body)
	}
	return body, resp.Header, nil
}

// open verifies an answer and returns its value or its error.
func (c *Client) open(body []byte) (json.RawMessage, error) {
	var a answer
	if err := json.Unmarshal(body, &a); err != nil {
		return nil, fmt.Errorf("client: answer is not JSON: %w (%.200q)", err, body)
	}
	if err := keys.Verify(c.platform, a.SignedValue, a.Sign); err != nil {
		return nil, fmt.Errorf("%w: status %q, signedValue %.100q: %v", ErrBadSignature, a.Status, a.SignedValue, err)
	}
	if a.Status != "OK" {
		return nil, &Error{Code: code(a.ErrorCode), Message: a.Message}
	}
	return json.RawMessage(a.SignedValue), nil
}

// code reads errorCode whether it came as a JSON string (as the platform
// sends it) or a number.
func code(raw json.RawMessage) string {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	return strings.TrimSpace(string(raw))
}

package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/tsymock/tsymock/client"
	"github.com/tsymock/tsymock/keys/demo"
)

// calls signs the createMember requests sent to each start, before its
// clock starts, with the bundled demo merchant key.
type calls struct {
	client *client.Client
	http   *http.Client
	n      int
}

// signedCall is one signed request and, once sent, its answer.
type signedCall struct {
	form   string
	http   *http.Client
	answer []byte
}

func newCalls() (*calls, error) {
	m, err := demo.Load()
	if err != nil {
		return nil, err
	}
	c, err := client.New("http://127.0.0.1", demo.SysID, m.MerchantKey, m.PlatformCert)
	if err != nil {
		return nil, err
	}
	// a new connection to each server: a pooled one would be to a server gone
	return &calls{client: c, http: &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}}, nil
}

// next signs the next call: a member of its own, so that each answer is OK.
func (c *calls) next() (*signedCall, error) {
	c.n++
	req := fmt.Sprintf(`{"service":"MemberService","method":"createMember","param":{"bizUserId":"startclock-%d","memberType":3,"source":1}}`, c.n)
	values, err := c.client.Sign(req)
	if err != nil {
		return nil, err
	}
	return &signedCall{form: values.Encode(), http: c.http}, nil
}

// send posts the call to the server at addr and reads the whole answer.
func (s *signedCall) send(ctx context.Context, addr string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, "http://"+addr+"/service/soa", strings.NewReader(s.form))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := s.http.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	s.answer, err = io.ReadAll(resp.Body)
	return err
}

// check makes sure the answer was an OK envelope, once the clock stopped.
func (s *signedCall) check() error {
	var env struct{ Status, ErrorCode, Message string }
	if err := json.Unmarshal(s.answer, &env); err != nil || env.Status != "OK" {
		return fmt.Errorf("the first call was not answered OK: %s", s.answer)
	}
	return nil
}

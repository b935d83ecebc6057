package e2e

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/client"
)

// TestScenarioFaults: each fault as the client sees it, through the
// flaky-network example (bizOrderNo prefixes pick the fault).
func TestScenarioFaults(t *testing.T) {
	e := demoEnv(t, withBuiltin(t, "flaky-network"))
	c := e.client(t)
	for _, tc := range []struct {
		order, fault string
		check        func(t *testing.T, err error)
	}{
		{"forged-1", "bad-signature", func(t *testing.T, err error) { assert.ErrorIs(t, err, client.ErrBadSignature) }},
		{"empty-1", "empty-body", func(t *testing.T, err error) { assert.ErrorContains(t, err, "answer is not JSON") }},
		{"garbled-1", "malformed-json", func(t *testing.T, err error) { assert.ErrorContains(t, err, "answer is not JSON") }},
		{"gateway-1", "http-500", func(t *testing.T, err error) { assert.ErrorContains(t, err, "HTTP 500") }},
		{"cut-1", "short-body", func(t *testing.T, err error) { assert.ErrorIs(t, err, io.ErrUnexpectedEOF) }},
		{"reset-1", "connection-reset", func(t *testing.T, err error) {
			var apiErr *client.Error
			assert.Error(t, err)
			assert.NotErrorAs(t, err, &apiErr)
		}},
	} {
		t.Run(tc.fault, func(t *testing.T) {
			_, err := callJSON(t, c, "OrderService.getOrderDetail", `{"bizOrderNo":"`+tc.order+`"}`)
			tc.check(t, err)
			waitForLog(t, e, "fault="+tc.fault)
		})
	}
	assert.Contains(t, e.Log.String(), `rule="builtin:flaky-network:9 latency + builtin:flaky-network:33 forged answer"`)
}

// TestScenarioFaultsOnTheWire: what the bytes look like.
func TestScenarioFaultsOnTheWire(t *testing.T) {
	e := demoEnv(t, withBuiltin(t, "flaky-network"))
	post := func(order string) (*http.Response, []byte) { return postOrderDetail(t, e, order) }
	resp, body := post("empty-1")
	assert.Equal(t, 200, resp.StatusCode)
	assert.Equal(t, "application/json;charset=UTF-8", resp.Header.Get("Content-Type"))
	assert.Empty(t, body)
	resp, body = post("garbled-1")
	assert.Equal(t, 200, resp.StatusCode)
	assert.True(t, strings.HasPrefix(string(body), `{"sysid":"`+e.SysID+`"`), "%s", body)
	resp, _ = post("gateway-1")
	assert.Equal(t, 500, resp.StatusCode)

	a := postForm(t, e, signed(t, e.Merchant, e.SysID,
		`{"service":"OrderService","method":"getOrderDetail","param":{"bizOrderNo":"forged-1"}}`, vectorTime))
	assert.Equal(t, 200, a.Status)
	assert.NotEmpty(t, a.str(t, "sign"), "a sign of the right shape, which does not verify")
	assert.Len(t, a.str(t, "sign"), 344)
}

// TestScenarioBadSignatureOnTheEmulatorsAnswer: bad-signature without an
// answer of its own signs the emulator's answer wrongly; the call happened.
func TestScenarioBadSignatureOnTheEmulatorsAnswer(t *testing.T) {
	e := demoEnv(t, withScenario(t, "rules:\n  - {when: {method: createMember}, times: 1, respond: {fault: bad-signature}}\n"))
	c := e.client(t)
	req := client.CreateMemberRequest{BizUserID: "forged", MemberType: client.MemberPersonal, Source: client.SourcePC}
	_, err := c.CreateMember(context.Background(), req)
	require.ErrorIs(t, err, client.ErrBadSignature)
	assert.Contains(t, err.Error(), `status "OK"`)
	_, err = c.CreateMember(context.Background(), req)
	assert.Equal(t, "30000", apiError(t, err).Code)
}

// TestScenarioHang: no answer until the rule's bound, then the connection
// closes; a client that gives up first frees the server at once.
func TestScenarioHang(t *testing.T) {
	e := demoEnv(t, withScenario(t, `rules:
  - {name: short, when: {param: {bizOrderNo: short}}, respond: {hang: 100ms}}
  - {name: long, when: {param: {bizOrderNo: long}}, respond: {fault: hang}}
`))
	c := e.client(t)
	start := time.Now()
	_, err := callJSON(t, c, "OrderService.getOrderDetail", `{"bizOrderNo":"short"}`)
	require.Error(t, err)
	assert.GreaterOrEqual(t, time.Since(start), 100*time.Millisecond)
	assert.Less(t, time.Since(start), 5*time.Second)

	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	_, err = c.Call(ctx, "OrderService", "getOrderDetail", map[string]string{"bizOrderNo": "long"})
	require.ErrorIs(t, err, context.DeadlineExceeded)
	waitForLog(t, e, `rule="test.yaml:3 long"`)
	assert.Less(t, time.Since(start), 5*time.Second)
}

// TestConnectionResetIsAReset: connection-reset ends the connection with a
// TCP RST, which clients tell from an orderly close (EOF): through the
// default server's connection limit too (probe-Z found a clean close
// there, so a "retry on reset" test was testing EOF).
func TestConnectionResetIsAReset(t *testing.T) {
	e := demoEnv(t, withBuiltin(t, "flaky-network"))
	req := `{"service":"OrderService","method":"getOrderDetail","param":{"bizOrderNo":"reset-1"}}`
	body := signed(t, e.Merchant, e.SysID, req, vectorTime).Encode()
	conn, err := net.Dial("tcp", strings.TrimPrefix(e.URL, "http://"))
	require.NoError(t, err)
	defer conn.Close()
	_, err = fmt.Fprintf(conn, "POST /service/soa HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"+
		"Content-Length: %d\r\n\r\n%s", len(body), body)
	require.NoError(t, err)
	require.NoError(t, conn.SetReadDeadline(time.Now().Add(10*time.Second)))
	_, err = io.ReadAll(conn)
	assert.ErrorIs(t, err, syscall.ECONNRESET, "a reset, not an orderly close")
}

// TestScenarioSlowBody: slow-body sends the headers at once and the signed
// answer's body in pieces over the rule's time, so that a client's read
// timeout fires during the body (probe-Z §10); a patient client gets the
// whole answer, which verifies; the journal keeps what was written, and
// that the impatient client left.
func TestScenarioSlowBody(t *testing.T) {
	e := demoEnv(t, withScenario(t, "rules:\n  - {name: drip, when: {method: getOrderDetail}, respond: {slow-body: 1s}}\n"))
	start := time.Now()
	req := `{"service":"OrderService","method":"getOrderDetail","param":{"bizOrderNo":"patient"}}`
	resp, err := http.PostForm(e.URL+"/service/soa", signed(t, e.Merchant, e.SysID, req, vectorTime))
	require.NoError(t, err)
	defer resp.Body.Close()
	assert.Less(t, time.Since(start), 500*time.Millisecond, "the headers at once")
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Equal(t, "slow-body", resp.Header.Get("X-Tsymock-Fault"))
	body, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	assert.GreaterOrEqual(t, time.Since(start), time.Second, "the last piece after the rule's time")
	assert.Equal(t, resp.ContentLength, int64(len(body)))
	patient := journalOf(t, e, "param.bizOrderNo=patient")
	assert.Equal(t, string(body), patient.Response)
	assert.False(t, patient.ClientGone)

	impatient := e.client(t, client.WithHTTPClient(&http.Client{Timeout: 300 * time.Millisecond}))
	_, err = callJSON(t, impatient, "OrderService.getOrderDetail", `{"bizOrderNo":"impatient"}`)
	assert.ErrorContains(t, err, "while reading body", "the headers came in time")
	gone := journalOf(t, e, "param.bizOrderNo=impatient")
	assert.True(t, gone.ClientGone)
	assert.Equal(t, "slow-body", gone.Fault)
	assert.Less(t, len(gone.Response), len(patient.Response), "a part was written: %q", gone.Response)

	_, err = callJSON(t, e.client(t), "OrderService.getOrderDetail", `{"bizOrderNo":"verified"}`)
	assert.Equal(t, "40000", apiError(t, err).Code, "the emulator's answer, signed: no such order")
}

// TestScenarioShortBody: short-body announces the whole answer in
// Content-Length, writes half of it and closes the connection: the client
// reads an unexpected end of the body (probe-Z §10). Alone it cuts the
// emulator's answer, so the call happened: a retry meets its effect.
func TestScenarioShortBody(t *testing.T) {
	e := demoEnv(t, withScenario(t, "rules:\n  - {name: cut, when: {method: createMember}, times: 2, respond: {fault: short-body}}\n"))
	req := createMemberReq("cut")
	resp, err := http.PostForm(e.URL+"/service/soa", signed(t, e.Merchant, e.SysID, req, vectorTime))
	require.NoError(t, err)
	defer resp.Body.Close()
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Equal(t, "short-body", resp.Header.Get("X-Tsymock-Fault"))
	body, err := io.ReadAll(resp.Body)
	require.ErrorIs(t, err, io.ErrUnexpectedEOF)
	assert.Equal(t, resp.ContentLength/2, int64(len(body)), "half of it")
	assert.True(t, strings.HasPrefix(string(body), `{"`), "%s", body)

	got := journalOf(t, e, "param.bizUserId=cut")
	assert.Equal(t, string(body), got.Response)
	assert.Equal(t, http.StatusOK, got.HTTPStatus)
	assert.Equal(t, "fault", got.Outcome)
	assert.False(t, got.ClientGone, "the fault closed the connection, not the client")
	assert.Equal(t, "cut", got.Answer["bizUserId"], "the emulator's answer, of which half was written")

	var heard client.Rule
	c := e.client(t, client.WithRule(func(_, _ string, r client.Rule) { heard = r }))
	require.ErrorIs(t, createMember(t, c, "cut-2"), io.ErrUnexpectedEOF)
	assert.Equal(t, client.Rule{ID: "test.yaml:2 cut", Fault: "short-body"}, heard, "the client reads the rule from the headers")
	assert.Equal(t, "30000", apiCode(t, createMember(t, e.client(t), "cut")), "the member was created")
}

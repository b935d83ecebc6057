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

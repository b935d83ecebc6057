package e2e

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/client"
	"github.com/tsymock/tsymock/mock"
)

// TestScenarioOKTemplate: an OK body from a template reads the params, the
// clock and generated ids; numbers stay numbers; the answer is signed.
func TestScenarioOKTemplate(t *testing.T) {
	e := demoEnv(t, withScenario(t, `rules:
  - when: {service: OrderService, method: consumeApply}
    respond:
      ok:
        payStatus: success
        orderNo: "{{number}}"
        bizOrderNo: "{{param.bizOrderNo}}"
        amount: "{{param.amount}}"
        fee: "{{param.fee | int}}"
        payDatetime: "{{now}}"
        tradeNo: "{{uuid}}"
        extendInfo: "{{param.payerId}} paid on {{now 'yyyyMMdd'}}"
        validateType: 0
`))
	req := `{"service":"OrderService","method":"consumeApply","param":{"bizOrderNo":"o-1","amount":100,"fee":"5","payerId":"alice"}}`
	a := postForm(t, e, signed(t, e.Merchant, e.SysID, req, vectorTime))
	a.verified(t, e)
	assert.Equal(t, "OK", a.str(t, "status"))
	var v map[string]json.RawMessage
	require.NoError(t, json.Unmarshal([]byte(a.str(t, "signedValue")), &v))
	assert.Equal(t, `100`, string(v["amount"]), "a number stays a number")
	assert.Equal(t, `5`, string(v["fee"]))
	assert.Equal(t, `0`, string(v["validateType"]))
	assert.Equal(t, `"o-1"`, string(v["bizOrderNo"]))
	assert.Equal(t, `"2026-11-28 12:00:00"`, string(v["payDatetime"]))
	assert.Equal(t, `"alice paid on 20261128"`, string(v["extendInfo"]))
	assert.Len(t, string(v["orderNo"]), 21, "a quoted 19-digit number")
	assert.Len(t, string(v["tradeNo"]), 38, "a quoted UUID")
	assert.Contains(t, e.Log.String(), `rule=test.yaml:2`)
}

// TestScenarioOKEncryptsFields: an OK answer's sensitive fields are
// encrypted for the merchant, like the emulator's, so SDKs can decrypt; a
// rule whose answer is fixed (its JSON made once at load) too.
func TestScenarioOKEncryptsFields(t *testing.T) {
	for _, tc := range []struct{ name, ok string }{
		{"templates", `{bizUserId: "{{param.bizUserId}}", name: "{{param.name}}", identityType: 1, identityNo: "{{param.identityNo}}"}`},
		{"fixed", `{bizUserId: u1, name: 张三, identityType: 1, identityNo: "110101199003077777"}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := demoEnv(t, withScenario(t, "rules:\n  - when: {service: MemberService, method: setRealName}\n    respond:\n      ok: "+tc.ok+"\n"))
			c := e.client(t)
			idNo, err := c.Encrypt("110101199003077777")
			require.NoError(t, err)
			for call := range 2 { // a fixed answer is the rule's own value: the first call must not encrypt it for the next
				got, err := callJSON(t, c, "MemberService.setRealName", `{"bizUserId":"u1","name":"张三","identityType":1,"identityNo":"`+idNo+`"}`)
				require.NoError(t, err)
				sent, _ := got["identityNo"].(string)
				assert.NotEqual(t, "110101199003077777", sent, "call %d: encrypted on the wire", call)
				plain, err := c.Decrypt(sent)
				require.NoError(t, err)
				assert.Equal(t, "110101199003077777", plain, "call %d", call)
				assert.Equal(t, "张三", got["name"])
			}
		})
	}
}

// TestScenarioErrors: the catalogue's message by default, or the file's.
func TestScenarioErrors(t *testing.T) {
	e := demoEnv(t, withBuiltin(t, "duplicate-member"), withScenario(t, `rules:
  - when: {service: OrderService, method: depositApply}
    respond: {error: {code: "9400", message: "{{param.bizOrderNo}} 请求超时"}}
`))
	c := e.client(t)
	_, err := callJSON(t, c, "MemberService.createMember", `{"bizUserId":"dup-1","memberType":3,"source":1}`)
	assert.Equal(t, &client.Error{Code: "30000", Message: "所属应用下已经存在此用户"}, apiError(t, err))
	_, err = callJSON(t, c, "OrderService.depositApply", `{"bizOrderNo":"d-9"}`)
	assert.Equal(t, &client.Error{Code: "9400", Message: "d-9 请求超时"}, apiError(t, err))
	assert.Contains(t, e.Log.String(), `errorCode=30000`)
	assert.Contains(t, e.Log.String(), `rule="builtin:duplicate-member:9 member already exists"`)
}

// TestScenarioDelayFallsThrough: a delay alone, then the emulator answers.
func TestScenarioDelayFallsThrough(t *testing.T) {
	e := demoEnv(t, withScenario(t, "rules:\n  - {name: slow, when: {method: createMember}, respond: {delay: 150ms}}\n"))
	start := time.Now()
	_, err := e.client(t).CreateMember(context.Background(), client.CreateMemberRequest{BizUserID: "slow", MemberType: client.MemberPersonal, Source: client.SourcePC})
	require.NoError(t, err)
	assert.GreaterOrEqual(t, time.Since(start), 150*time.Millisecond)
	assert.Contains(t, e.Log.String(), `rule="test.yaml:2 slow"`)
}

// TestScenarioDelayHonoursTheClient: when the client gives up during a
// delay, the server stops waiting and still completes the call, as the
// platform would: the retry is told the member exists.
func TestScenarioDelayHonoursTheClient(t *testing.T) {
	e := demoEnv(t, withScenario(t, "rules:\n  - {name: slow, when: {method: createMember}, times: 1, respond: {delay: 20s}}\n"))
	c := e.client(t)
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := c.CreateMember(ctx, client.CreateMemberRequest{BizUserID: "late", MemberType: client.MemberPersonal, Source: client.SourcePC})
	require.ErrorIs(t, err, context.DeadlineExceeded)
	waitForLog(t, e, `rule="test.yaml:2 slow"`)
	assert.Less(t, time.Since(start), 5*time.Second)
	_, err = c.CreateMember(context.Background(), client.CreateMemberRequest{BizUserID: "late", MemberType: client.MemberPersonal, Source: client.SourcePC})
	assert.Equal(t, "30000", apiError(t, err).Code)
}

// TestScenarioMaxDelay: the server caps delays.
func TestScenarioMaxDelay(t *testing.T) {
	e := demoEnv(t, withScenario(t, "rules:\n  - {when: {}, respond: {delay: 1m, error: \"9400\"}}\n"),
		func(c *mock.Config) { c.MaxDelay = 50 * time.Millisecond })
	start := time.Now()
	_, err := callJSON(t, e.client(t), "OrderService.queryBalance", `{}`)
	assert.Equal(t, "9400", apiError(t, err).Code)
	assert.Less(t, time.Since(start), 5*time.Second)
}

// TestScenarioSequenceTimesEmulate: one step per call, the last repeats;
// times retires a rule; emulate hands a call to the emulator.
func TestScenarioSequenceTimesEmulate(t *testing.T) {
	e := demoEnv(t, withScenario(t, `rules:
  - name: flaky
    when: {method: createMember, param: {bizUserId: {regex: "^seq"}}}
    sequence:
      - respond: {error: {code: "9400"}}
      - respond: {fault: http-500}
      - respond: {emulate: true}
  - name: twice
    when: {method: queryBalance}
    times: 2
    respond: {ok: {allAmount: "{{call}}", freezenAmount: 0}}
  - name: then
    when: {method: queryBalance}
    respond: {error: "30001"}
`))
	c := e.client(t)
	member := func(id string) error {
		_, err := callJSON(t, c, "MemberService.createMember", `{"bizUserId":"`+id+`","memberType":3,"source":1}`)
		return err
	}
	assert.Equal(t, "9400", apiError(t, member("seq1")).Code)
	assert.ErrorContains(t, member("seq1"), "HTTP 500")
	require.NoError(t, member("seq1"))
	assert.Equal(t, "30000", apiError(t, member("seq1")).Code, "the last step repeats: the emulator answers")

	for _, want := range []string{"1", "2"} {
		got, err := callJSON(t, c, "OrderService.queryBalance", `{}`)
		require.NoError(t, err)
		assert.Equal(t, json.Number(want), got["allAmount"])
	}
	_, err := callJSON(t, c, "OrderService.queryBalance", `{}`)
	assert.Equal(t, "30001", apiError(t, err).Code)
}

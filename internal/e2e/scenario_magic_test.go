package e2e

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/internal/soa"
	"github.com/tsymock/tsymock/mock"
	"github.com/tsymock/tsymock/scenarios"
)

// TestMagicEveryCode: createMember with bizUserId err-<code>-x answers every
// code of the catalogue with its message, signed, over HTTP.
func TestMagicEveryCode(t *testing.T) {
	e := demoEnv(t)
	codes := soa.Codes()
	require.NotEmpty(t, codes)
	for _, code := range codes {
		t.Run(code, func(t *testing.T) {
			req := `{"service":"MemberService","method":"createMember","param":{"bizUserId":"err-` + code + `-x","memberType":3,"source":1}}`
			a := postForm(t, e, signed(t, e.Merchant, e.SysID, req, vectorTime))
			assert.Equal(t, 200, a.Status)
			assert.Equal(t, code, a.errorCode(t, e), "verified signature, errorCode as a string")
			msg, _ := soa.Message(code)
			assert.Equal(t, msg, a.str(t, "message"))
		})
	}
	assert.Contains(t, e.Log.String(), `rule="magic bizUserId=err-40014-"`)
}

// TestMagicFields: each magic field works through the client, before the
// params are validated (the requests below are far from complete).
func TestMagicFields(t *testing.T) {
	e := demoEnv(t)
	c := e.client(t)
	for field, call := range map[string]string{
		"bizUserId":     "MemberService.getMemberInfo",
		"bizOrderNo":    "OrderService.consumeApply",
		"bizTransferNo": "OrderService.applicationTransfer",
		"bizFreezenNo":  "OrderService.freezeMoney",
		"bizBatchNo":    "OrderService.batchAgentPay",
	} {
		_, err := callJSON(t, c, call, `{"`+field+`":"err-50001-a"}`)
		apiErr := apiError(t, err)
		assert.Equal(t, "50001", apiErr.Code, field)
		assert.Equal(t, "账户余额不足", apiErr.Message, field)
	}
	assert.Len(t, scenarios.MagicFields(), 5)
}

// TestMagicOff: with NoMagic, err- ids are ordinary ids; magic values come
// before the scenario files otherwise.
func TestMagicOff(t *testing.T) {
	rule := withScenario(t, "rules:\n  - {when: {method: createMember}, respond: {ok: {bizUserId: '{{param.bizUserId}}', userId: u}}}\n")
	off := demoEnv(t, rule, func(c *mock.Config) { c.NoMagic = true })
	got, err := callJSON(t, off.client(t), "MemberService.createMember", `{"bizUserId":"err-40014-a","memberType":3,"source":1}`)
	require.NoError(t, err)
	assert.Equal(t, "err-40014-a", got["bizUserId"])

	on := demoEnv(t, rule)
	_, err = callJSON(t, on.client(t), "MemberService.createMember", `{"bizUserId":"err-40014-a","memberType":3,"source":1}`)
	assert.Equal(t, "40014", apiError(t, err).Code)
}

package e2e

import (
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestEnvelopeErrors: each protocol-level mistake gets its errorCode, a
// signed body and HTTP 200.
func TestEnvelopeErrors(t *testing.T) {
	e := demoEnv(t)
	good := `{"service":"MemberService","method":"createMember","param":{"bizUserId":"e1","memberType":3,"source":1}}`
	mk := func(mutate func(v url.Values)) url.Values {
		v := signed(t, e.Merchant, e.SysID, good, vectorTime)
		mutate(v)
		return v
	}
	resign := func(req string) url.Values { return signed(t, e.Merchant, e.SysID, req, vectorTime) }
	for _, tc := range []struct {
		name    string
		form    url.Values
		code    string
		message string
	}{
		{"unknown sysid", mk(func(v url.Values) { v.Set("sysid", "999") }), "20000", ""},
		{"missing sysid", mk(func(v url.Values) { v.Del("sysid") }), "10001", "sysid"},
		{"missing timestamp", mk(func(v url.Values) { v.Del("timestamp") }), "10000", "timestamp"},
		{"malformed timestamp", mk(func(v url.Values) { v.Set("timestamp", "2026/11/28 12:00") }), "10000", "2026/11/28 12:00"},
		{"missing sign", mk(func(v url.Values) { v.Del("sign") }), "20019", "签名验证失败"},
		{"sign not base64", mk(func(v url.Values) { v.Set("sign", "***") }), "20019", "签名验证失败"},
		{"missing v", mk(func(v url.Values) { v.Del("v") }), "10001", "v"},
		{"unknown v", mk(func(v url.Values) { v.Set("v", "3.0") }), "10000", "3.0"},
		{"missing req", mk(func(v url.Values) { v.Del("req") }), "10001", "req"},
		{"req not JSON", resign(`{"service":`), "10000", ""},
		{"unknown service", resign(`{"service":"NoService","method":"createMember","param":{}}`), "10002", "NoService"},
		{"missing service", resign(`{"method":"createMember","param":{}}`), "10002", ""},
		{"unknown method", resign(`{"service":"MemberService","method":"createMembr","param":{}}`), "10003", "createMembr"},
		{"missing required param", resign(`{"service":"MemberService","method":"createMember","param":{"memberType":3,"source":1}}`), "10001", "bizUserId"},
		{"enum outside the set", resign(`{"service":"MemberService","method":"createMember","param":{"bizUserId":"e2","memberType":5,"source":1}}`), "10000", "memberType"},
		{"source outside 1|2", resign(`{"service":"MemberService","method":"createMember","param":{"bizUserId":"e4","memberType":3,"source":3}}`), "20013", "不支持的请求来源（如手机、PC）: source"},
		{"identityType outside §6.2", resign(`{"service":"MemberService","method":"setRealName","param":{"bizUserId":"e1","name":"张三","identityType":12,"identityNo":"x"}}`), "20012", "不支持的证件类型: identityType"},
		{"wrong type", resign(`{"service":"MemberService","method":"createMember","param":{"bizUserId":"e3","memberType":{},"source":1}}`), "10000", "memberType"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := postForm(t, e, tc.form)
			assert.Equal(t, 200, a.Status)
			assert.Equal(t, "application/json;charset=UTF-8", a.ContentType)
			assert.Equal(t, tc.code, a.errorCode(t, e), "%s", a.Body)
			assert.Contains(t, a.str(t, "message"), tc.message)
		})
	}
}

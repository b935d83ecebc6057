package soa

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDecodeReqVectors(t *testing.T) {
	want := map[string]struct {
		service, method string
		param           map[string]any
	}{
		"fastjson-createMember": {"MemberService", "createMember", map[string]any{
			"bizUserId": "ceshitiyan", "memberType": json.Number("3"), "source": json.Number("1")}},
		"go-setRealName": {"MemberService", "setRealName", map[string]any{
			"bizUserId": "u&<1>", "name": "张三", "identityType": json.Number("1"), "isAuth": true}},
		"php-depositApply": {"OrderService", "depositApply", map[string]any{
			"bizOrderNo": "D20261128001", "bizUserId": "ceshitiyan", "accountSetNo": "200126",
			"amount": json.Number("100"), "fee": json.Number("0"), "backUrl": "http://127.0.0.1:9999/notify",
			"goodsName": "充值", "industryCode": "1910", "industryName": "其他", "source": json.Number("1"),
			"payMethod": map[string]any{"BALANCE": []any{
				map[string]any{"accountSetNo": "200126", "amount": json.Number("100")}}}}},
	}
	for _, r := range loadVectors(t).Request {
		t.Run(r.Name, func(t *testing.T) {
			env, err := DecodeReq(r.Req)
			require.Nil(t, err)
			w, ok := want[r.Name[:len(r.Name)-len("-1024")]]
			require.True(t, ok, r.Name)
			assert.Equal(t, w.service, env.Service)
			assert.Equal(t, w.method, env.Method)
			assert.Equal(t, w.param, env.Param)
		})
	}
}

func TestDecodeReqShapes(t *testing.T) {
	tests := []struct {
		name, req  string
		wantParam  map[string]any
		wantCode   string
		wantSubstr string
	}{
		{name: "keys in any order", req: `{"param":{"a":1},"method":"m","service":"S"}`,
			wantParam: map[string]any{"a": json.Number("1")}},
		{name: "surrounding whitespace", req: " \n{\"service\":\"S\",\"method\":\"m\"}\r\n ", wantParam: map[string]any{}},
		{name: "param null", req: `{"service":"S","method":"m","param":null}`, wantParam: map[string]any{}},
		{name: "param missing", req: `{"service":"S","method":"m"}`, wantParam: map[string]any{}},
		{name: "extra top-level keys", req: `{"service":"S","method":"m","x":[1]}`, wantParam: map[string]any{}},
		{name: "big number kept exact", req: `{"service":"S","method":"m","param":{"n":12345678901234567890}}`,
			wantParam: map[string]any{"n": json.Number("12345678901234567890")}},
		{name: "numbers keep their text", req: `{"service":"S","method":"m","param":{"n":1e2,"f":100.0,"z":-0}}`,
			wantParam: map[string]any{"n": json.Number("1e2"), "f": json.Number("100.0"), "z": json.Number("-0")}},
		{name: "duplicate keys: the last wins", req: `{"service":"S","method":"m","param":{"a":1,"a":"x"}}`,
			wantParam: map[string]any{"a": "x"}},
		{name: "escapes decoded", req: `{"service":"S","method":"m","param":{"name":"\u5f20\u4e09","s":"a\/b"}}`,
			wantParam: map[string]any{"name": "张三", "s": "a/b"}},
		{name: "empty", req: "", wantCode: "10000", wantSubstr: "参数错误: req is missing"},
		{name: "blank", req: " \r\n", wantCode: "10000", wantSubstr: "req is missing"},
		{name: "not json", req: "service=S", wantCode: "10000", wantSubstr: "参数错误: req is not a JSON object"},
		{name: "truncated", req: `{"service":"S"`, wantCode: "10000", wantSubstr: "req is not a JSON object"},
		{name: "array", req: `[1,2]`, wantCode: "10000", wantSubstr: "got array"},
		{name: "string", req: `"x"`, wantCode: "10000", wantSubstr: `got string "x"`},
		{name: "null", req: `null`, wantCode: "10000", wantSubstr: "got null"},
		{name: "trailing garbage", req: `{"service":"S","method":"m"}x`, wantCode: "10000", wantSubstr: "after the JSON value"},
		{name: "two objects", req: `{"service":"S","method":"m"}{}`, wantCode: "10000", wantSubstr: "after the JSON value"},
		{name: "no service", req: `{"method":"m"}`, wantCode: "10002", wantSubstr: `参数service错误: req has no "service"`},
		{name: "null service", req: `{"service":null,"method":"m"}`, wantCode: "10002", wantSubstr: `has no "service"`},
		{name: "empty service", req: `{"service":"","method":"m"}`, wantCode: "10002", wantSubstr: `"service" is empty`},
		{name: "numeric service", req: `{"service":1,"method":"m"}`, wantCode: "10002", wantSubstr: "got number 1"},
		{name: "no method", req: `{"service":"S"}`, wantCode: "10003", wantSubstr: `参数method错误: req has no "method"`},
		{name: "empty method", req: `{"service":"S","method":""}`, wantCode: "10003", wantSubstr: `"method" is empty`},
		{name: "object method", req: `{"service":"S","method":{}}`, wantCode: "10003", wantSubstr: "got object"},
		{name: "service checked before method", req: `{}`, wantCode: "10002"},
		{name: "param array", req: `{"service":"S","method":"m","param":[1]}`, wantCode: "10000",
			wantSubstr: "参数错误: param must be a JSON object, got array"},
		{name: "param empty array, as PHP's json_encode writes an empty param", req: `{"service":"S","method":"m","param":[]}`,
			wantCode: "10000", wantSubstr: "got array []; PHP's json_encode writes an empty array as []"},
		{name: "param string", req: `{"service":"S","method":"m","param":"{}"}`, wantCode: "10000",
			wantSubstr: `got string "{}"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env, err := DecodeReq(tt.req)
			if tt.wantCode == "" {
				require.Nil(t, err)
				assert.Equal(t, tt.wantParam, env.Param)
				return
			}
			require.NotNil(t, err)
			assert.Nil(t, env)
			assert.Equal(t, tt.wantCode, err.Code)
			assert.Contains(t, err.Message, tt.wantSubstr)
		})
	}
}

func TestTrimSpace(t *testing.T) {
	for _, s := range []string{"", " ", "\r\n", "a", " a ", "\t a b \r\n", "\va\f", "\u00a0a\u00a0", "&\r\n"} {
		assert.Equal(t, strings.Trim(s, " \t\r\n"), TrimSpace(s), "%q", s)
	}
}

package soa

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestFieldLengths: a text longer than its field takes is 10004 naming
// the field, with the specification's length where it states one
// (summary §4.2.2, applicationTransfer's extendInfo §4.2.17) and MaxText
// elsewhere; a 900 KB bizUserId was accepted before.
func TestFieldLengths(t *testing.T) {
	c := DefaultCatalogue()
	tests := []struct {
		name, service, method string
		param                 map[string]any
		code, path            string
	}{
		{"a 900 KB bizUserId", "MemberService", "createMember",
			map[string]any{"bizUserId": strings.Repeat("u", 900<<10), "memberType": "3", "source": "1"}, "10004", "bizUserId is 921600 characters"},
		{"bizUserId at the bound", "MemberService", "createMember",
			map[string]any{"bizUserId": strings.Repeat("通", MaxText), "memberType": "3", "source": "1"}, "", ""},
		{"an unknown param too", "MemberService", "createMember",
			map[string]any{"bizUserId": "u", "memberType": "3", "source": "1", "x": map[string]any{"y": []any{strings.Repeat("z", MaxText+1)}}}, "10004", "x.y[0] is 2049"},
		{"summary over 20", "OrderService", "consumeApply", consume(map[string]any{"summary": strings.Repeat("摘", 21)}), "10004", "summary is 21 characters long, more than the 20 the specification's §4.2.2"},
		{"summary of 20", "OrderService", "consumeApply", consume(map[string]any{"summary": strings.Repeat("摘", 20)}), "", ""},
		{"extendInfo of the transfer", "OrderService", "applicationTransfer", map[string]any{"bizTransferNo": "T1", "sourceAccountSetNo": "100001",
			"targetBizUserId": "u", "targetAccountSetNo": "200126", "amount": "1", "extendInfo": strings.Repeat("e", 200)}, "", ""},
		{"extendInfo of the transfer over 200", "OrderService", "applicationTransfer", map[string]any{"bizTransferNo": "T1", "sourceAccountSetNo": "100001",
			"targetBizUserId": "u", "targetAccountSetNo": "200126", "amount": "1", "extendInfo": strings.Repeat("e", 201)}, "10004", "extendInfo is 201 characters long, more than the 200 the specification's §4.2.17"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, serr := c.Lookup(tt.service, tt.method)
			require.Nil(t, serr)
			got := m.Validate(tt.param)
			if tt.code == "" {
				require.Nil(t, got, "%v", got)
				return
			}
			require.NotNil(t, got)
			assert.Equal(t, tt.code, got.Code)
			assert.Contains(t, got.Message, "参数长度超长: "+tt.path)
		})
	}
}

// consume is a valid consumeApply param with changes.
func consume(change map[string]any) map[string]any {
	p := map[string]any{"payerId": "p", "recieverId": "r", "bizOrderNo": "o", "amount": "1", "fee": "0",
		"validateType": "0", "backUrl": "http://127.0.0.1/n", "industryCode": "1010", "industryName": "保险代理",
		"source": "1", "payMethod": map[string]any{"BALANCE": []any{map[string]any{"accountSetNo": "200126", "amount": "1"}}}}
	for k, v := range change {
		p[k] = v
	}
	return p
}

// TestLoneSurrogates: a \u escape of half a surrogate pair is 10000 naming
// the field, never U+FFFD (which made "a\ud800" and "a\udbff" one id); a
// whole pair, an escaped backslash and U+FFFD itself are fine.
func TestLoneSurrogates(t *testing.T) {
	tests := []struct {
		name, param, want string
	}{
		{"high alone", `{"bizUserId":"a\ud800"}`, "param.bizUserId holds a lone UTF-16 surrogate"},
		{"low alone", `{"bizUserId":"a\udfff"}`, "param.bizUserId holds a lone"},
		{"high then not low", `{"x":[{"y":"\ud83d\u0041"}]}`, "param.x[0].y holds"},
		{"in a key", `{"a\udc00":"1"}`, "holds a lone"},
		{"a pair", `{"bizUserId":"a\ud83d\ude00"}`, ""},
		{"an escaped backslash", `{"bizUserId":"a\\ud800"}`, ""},
		{"U+FFFD itself", `{"bizUserId":"a\ufffd"}`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env, serr := DecodeReq(`{"service":"MemberService","method":"createMember","param":` + tt.param + `}`)
			if tt.want == "" {
				require.Nil(t, serr, "%v", serr)
				require.NotNil(t, env)
				return
			}
			require.NotNil(t, serr)
			assert.Equal(t, CodeInvalidParam, serr.Code)
			assert.Contains(t, serr.Message, tt.want)
		})
	}
}

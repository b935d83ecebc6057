package scenarios

import (
	"encoding/json"
	"reflect"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/internal/ids"
	"github.com/tsymock/tsymock/internal/soa"
)

// TestTemplates: what each template answers, typed.
func TestTemplates(t *testing.T) {
	const param = `{"bizUserId":"alice","amount":100,"amountText":"250","payMethod":{"BALANCE":[{"amount":7}]},"empty":""}`
	for _, tc := range []struct {
		name, tmpl string
		want       any
	}{
		{"plain text", `hello`, "hello"},
		{"number stays a number", `{{param.amount}}`, json.Number("100")},
		{"string stays a string", `{{param.amountText}}`, "250"},
		{"int makes a number", `{{param.amountText | int}}`, json.Number("250")},
		{"int as a function", `{{int param.amountText}}`, json.Number("250")},
		{"string makes text", `{{param.amount | string}}`, "100"},
		{"nested path", `{{param.payMethod.BALANCE[0].amount}}`, json.Number("7")},
		{"object", `{{param.payMethod}}`, map[string]any{"BALANCE": []any{map[string]any{"amount": json.Number("7")}}}},
		{"mixed text", `user {{param.bizUserId}} has {{param.amount}}`, "user alice has 100"},
		{"object in text", `pm={{param.payMethod}}`, `pm={"BALANCE":[{"amount":7}]}`},
		{"missing is null", `{{param.nope}}`, nil},
		{"missing in text is empty", `[{{param.nope}}]`, "[]"},
		{"default on missing", `{{param.nope | default "x"}}`, "x"},
		{"default on empty", `{{param.empty | default 5}}`, json.Number("5")},
		{"default keeps value", `{{param.bizUserId | default "x"}}`, "alice"},
		{"now", `{{now}}`, "2026-11-28 12:00:00"},
		{"now pattern", `{{now "yyyyMMddHHmmss.SSS"}}`, "20261128120000.000"},
		{"now single quotes", `{{now ''yyyy-MM-dd''}}`, "2026-11-28"},
		{"millis", `{{millis}}`, json.Number("1795838400000")},
		{"sysid service method", `{{sysid}} {{service}}.{{method}}`, "100000000002 OrderService.queryBalance"},
		{"call", `{{call}}`, json.Number("1")},
		{"literal", `{{"{{"}}`, "{{"},
		{"number literal", `{{42}}`, json.Number("42")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := mustParse(t, "rules:\n  - when: {}\n    respond: {ok: {v: '"+tc.tmpl+"'}}\n")
			d := newSet(t, f).Decide(req(t, "OrderService.queryBalance", param))
			require.Equal(t, OK, d.Kind, "%+v", d)
			assert.Equal(t, tc.want, d.Body["v"])
		})
	}
}

// TestTemplateIDs: uuid and number are fresh on every call.
func TestTemplateIDs(t *testing.T) {
	f := mustParse(t, "rules:\n  - when: {}\n    respond: {ok: {userId: '{{uuid}}', orderNo: '{{number}}'}}\n")
	s := newSet(t, f)
	a := s.Decide(req(t, "OrderService.queryBalance", `{}`))
	b := s.Decide(req(t, "OrderService.queryBalance", `{}`))
	assert.Len(t, a.Body["userId"], 36)
	assert.Len(t, a.Body["orderNo"], 19)
	assert.NotEqual(t, a.Body["userId"], b.Body["userId"])
	assert.NotEqual(t, a.Body["orderNo"], b.Body["orderNo"])
}

// TestTemplateIDsPerSysID: with IDsOf, each sysid's templates draw from
// their own ids, so one application's calls never move another's.
func TestTemplateIDsPerSysID(t *testing.T) {
	f := mustParse(t, "rules:\n  - when: {}\n    respond: {ok: {userId: '{{uuid}}'}}\n")
	streams := ids.NewSeeded(1).Streams("t\x00")
	s := NewSet(Options{Now: func() time.Time { return testTime }, IDs: ids.NewSeeded(1),
		IDsOf: func(sysid string) IDs { return streams.Of(sysid) }})
	s.SetFiles([]*File{f})
	call := func(sysid string) any {
		r := req(t, "OrderService.queryBalance", `{}`)
		r.SysID = sysid
		return s.Decide(r).Body["userId"]
	}
	a1 := call("a")
	call("b")
	a2 := call("a")
	want := ids.NewSeeded(1).For("t\x00a")
	assert.Equal(t, []any{want.UUID(), want.UUID()}, []any{a1, a2}, "b's call between moves nothing of a's")
}

// TestTemplateRuntimeError: a template that cannot work on this request
// answers 9999 naming the rule, rather than a wrong answer.
func TestTemplateRuntimeError(t *testing.T) {
	f := mustParse(t, "rules:\n  - name: typed\n    when: {}\n    respond: {ok: {amount: '{{param.x | int}}'}}\n")
	d := newSet(t, f).Decide(req(t, "OrderService.queryBalance", `{"x":"abc"}`))
	require.Equal(t, Fail, d.Kind)
	assert.Equal(t, "9999", d.Err.Code)
	assert.Contains(t, d.Err.Message, "test.yaml:2 typed")
	assert.Contains(t, d.Err.Message, `int: "abc" is not a whole number`)
}

// TestAnswerValuesKeepTheirTypes: numbers are written exactly, YAML-only
// forms become JSON, and the answer encodes as the platform's signedValue.
func TestAnswerValuesKeepTheirTypes(t *testing.T) {
	f := mustParse(t, `rules:
  - when: {}
    respond:
      ok:
        allAmount: 100000
        big: 12345678901234567890123
        rate: 0.35
        hex: 0x1F
        flag: true
        none: null
        id: "007"
        list: [1, "two", {three: 3}]
`)
	d := newSet(t, f).Decide(req(t, "OrderService.queryBalance", `{}`))
	sv, err := soa.MarshalValue(d.Body)
	require.NoError(t, err)
	assert.JSONEq(t, `{"allAmount":100000,"big":12345678901234567890123,"rate":0.35,"hex":31,"flag":true,"none":null,"id":"007","list":[1,"two",{"three":3}]}`, sv)
}

// TestErrorMessages: the catalogue's message by default, or the file's
// (with templates).
func TestErrorMessages(t *testing.T) {
	f := mustParse(t, `rules:
  - when: {param: {bizUserId: a}}
    respond: {error: {code: "30000"}}
  - when: {param: {bizUserId: b}}
    respond: {error: 40014}
  - when: {param: {bizUserId: c}}
    respond: {error: {code: "9400", message: "{{param.bizUserId}} 请求超时"}}
`)
	s := newSet(t, f)
	for _, tc := range []struct{ user, code, msg string }{
		{"a", "30000", "所属应用下已经存在此用户"},
		{"b", "40014", "账户余额不足"},
		{"c", "9400", "c 请求超时"},
	} {
		t.Run(tc.code, func(t *testing.T) {
			d := s.Decide(req(t, "MemberService.createMember", `{"bizUserId":"`+tc.user+`"}`))
			require.Equal(t, Fail, d.Kind)
			assert.Equal(t, &soa.Error{Code: tc.code, Message: tc.msg}, d.Err)
		})
	}
}

// TestFixedAnswerJSON: an ok body without expressions carries its JSON text,
// made once at load, byte for byte what encoding Body gives; a body with an
// expression anywhere (in a list, an object, a text) carries none, nor does
// a template that fails at run time.
func TestFixedAnswerJSON(t *testing.T) {
	for _, tc := range []struct {
		name, body string
		fixed      bool
	}{
		{"numbers bools nulls texts", `{allAmount: 100000, rate: 0.35, big: 12345678901234567890123, hex: 0x1F, flag: true, none: null, id: "007"}`, true},
		{"nested", `{a: {b: [1, "two", {c: 3}]}, empty: {}, none: []}`, true},
		{"escaped and Chinese text", `{html: "<a href='x'>&</a>", zh: "支付成功", quote: 'say "hi"', tab: "a\tb"}`, true},
		{"literal braces are no expression", `{v: "{ not a template }"}`, true},
		{"expression in a text", `{v: "user {{param.bizUserId}}"}`, false},
		{"expression deep in a list", `{v: [1, {w: "{{now}}"}]}`, false},
		{"expression in an object", `{v: {w: "{{sysid}}"}}`, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := mustParse(t, "rules:\n  - when: {}\n    respond:\n      ok: "+tc.body+"\n")
			d := newSet(t, f).Decide(req(t, "OrderService.queryBalance", `{"bizUserId":"alice"}`))
			require.Equal(t, OK, d.Kind, "%+v", d)
			if !tc.fixed {
				assert.Empty(t, d.JSON)
				return
			}
			want, err := soa.MarshalValue(d.Body)
			require.NoError(t, err)
			assert.Equal(t, want, d.JSON)
			again := newSet(t, f).Decide(req(t, "OrderService.queryBalance", `{"bizUserId":"bob"}`))
			assert.Equal(t, reflect.ValueOf(d.Body).Pointer(), reflect.ValueOf(again.Body).Pointer(), "the rule's own value, shared")
		})
	}
	f := mustParse(t, "rules:\n  - when: {}\n    respond: {ok: {v: '{{param.bizUserId | int}}'}}\n")
	d := newSet(t, f).Decide(req(t, "OrderService.queryBalance", `{"bizUserId":"alice"}`))
	assert.Equal(t, Fail, d.Kind)
	assert.Empty(t, d.JSON)
}

package scenarios

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestMatchers: each condition against values as SDKs send them.
func TestMatchers(t *testing.T) {
	for _, tc := range []struct {
		name  string
		cond  string // YAML of one param condition
		param string // JSON param
		want  bool
	}{
		{"eq text", `bizUserId: alice`, `{"bizUserId":"alice"}`, true},
		{"eq text differs", `bizUserId: alice`, `{"bizUserId":"bob"}`, false},
		{"eq absent", `bizUserId: alice`, `{}`, false},
		{"eq number to number", `amount: 100`, `{"amount":100}`, true},
		{"eq number to numeric string", `amount: 100`, `{"amount":"100"}`, true},
		{"eq number to 100.0", `amount: 100`, `{"amount":100.0}`, true},
		{"eq quoted compares text", `amount: "0100"`, `{"amount":"100"}`, false},
		{"eq quoted same text", `amount: "0100"`, `{"amount":"0100"}`, true},
		{"eq bool", `isAuth: true`, `{"isAuth":true}`, true},
		{"eq op", `bizUserId: {eq: alice}`, `{"bizUserId":"alice"}`, true},
		{"ne", `bizUserId: {ne: alice}`, `{"bizUserId":"bob"}`, true},
		{"ne same", `bizUserId: {ne: alice}`, `{"bizUserId":"alice"}`, false},
		{"ne absent", `bizUserId: {ne: alice}`, `{}`, true},
		{"in", `memberType: {in: [2, 3]}`, `{"memberType":3}`, true},
		{"in miss", `memberType: {in: [2, 3]}`, `{"memberType":1}`, false},
		{"in text", `source: {in: [a, b]}`, `{"source":"b"}`, true},
		{"regex", `bizUserId: {regex: "^dup-"}`, `{"bizUserId":"dup-7"}`, true},
		{"regex unanchored", `bizUserId: {regex: "dup"}`, `{"bizUserId":"a-dup"}`, true},
		{"regex miss", `bizUserId: {regex: "^dup-"}`, `{"bizUserId":"x-dup-7"}`, false},
		{"regex on number", `amount: {regex: "^1"}`, `{"amount":100}`, true},
		{"regex on object", `payMethod: {regex: "."}`, `{"payMethod":{}}`, false},
		{"present", `extendInfo: {present: true}`, `{"extendInfo":"x"}`, true},
		{"present empty string", `extendInfo: {present: true}`, `{"extendInfo":""}`, true},
		{"present null", `extendInfo: {present: true}`, `{"extendInfo":null}`, false},
		{"present false", `extendInfo: {present: false}`, `{}`, true},
		{"absent", `extendInfo: {absent: true}`, `{}`, true},
		{"absent null", `extendInfo: {absent: true}`, `{"extendInfo":null}`, true},
		{"absent but there", `extendInfo: {absent: true}`, `{"extendInfo":1}`, false},
		{"gt", `amount: {gt: 100}`, `{"amount":101}`, true},
		{"gt equal", `amount: {gt: 100}`, `{"amount":100}`, false},
		{"gte equal", `amount: {gte: 100}`, `{"amount":100}`, true},
		{"lt", `amount: {lt: 100}`, `{"amount":"99"}`, true},
		{"lte", `amount: {lte: 100}`, `{"amount":100}`, true},
		{"lte above", `amount: {lte: 100}`, `{"amount":100.5}`, false},
		{"range", `amount: {gte: 100, lt: 200}`, `{"amount":150}`, true},
		{"range outside", `amount: {gte: 100, lt: 200}`, `{"amount":200}`, false},
		{"range on text", `amount: {gt: 1}`, `{"amount":"lots"}`, false},
		{"range absent", `amount: {gt: 1}`, `{}`, false},
		{"range on huge exponent", `amount: {gt: 1}`, `{"amount":1e999999}`, false},
		{"float operand", `amount: {lt: 0.5}`, `{"amount":0.25}`, true},
		{"hex operand", `amount: 0x10`, `{"amount":16}`, true},
		{"nested path", `payMethod.BALANCE[0].amount: {gt: 100}`, `{"payMethod":{"BALANCE":[{"accountSetNo":"200126","amount":500}]}}`, true},
		{"nested path second item", `payMethod.BALANCE[1].amount: 7`, `{"payMethod":{"BALANCE":[{"amount":1},{"amount":7}]}}`, true},
		{"nested path past the end", `payMethod.BALANCE[1].amount: {present: true}`, `{"payMethod":{"BALANCE":[{"amount":1}]}}`, false},
		{"nested path wrong shape", `payMethod.BALANCE.amount: {absent: true}`, `{"payMethod":{"BALANCE":[{"amount":1}]}}`, true},
		{"nested object key", `companyBasicInfo.companyName: {regex: 公司$}`, `{"companyBasicInfo":{"companyName":"测试公司"}}`, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := mustParse(t, "rules:\n  - when:\n      param:\n        "+tc.cond+"\n    respond: {ok: {}}\n")
			got := f.Rules[0].when.match(&Request{Param: req(t, "A.b", tc.param).Param})
			assert.Equal(t, tc.want, got)
		})
	}
}

// TestNamesMatch: service, method and sysid, each one value or a list.
func TestNamesMatch(t *testing.T) {
	f := mustParse(t, `rules:
  - when: {service: OrderService, method: [depositApply, withdrawApply], sysid: [100000000002, "200"]}
    respond: {ok: {}}
`)
	w := f.Rules[0].when
	for _, tc := range []struct {
		sysid, service, method string
		want                   bool
	}{
		{"100000000002", "OrderService", "depositApply", true},
		{"200", "OrderService", "withdrawApply", true},
		{"300", "OrderService", "depositApply", false},
		{"200", "OrderService", "consumeApply", false},
		{"200", "MemberService", "depositApply", false},
	} {
		t.Run(tc.sysid+" "+tc.service+"."+tc.method, func(t *testing.T) {
			got := w.match(&Request{SysID: tc.sysid, Service: tc.service, Method: tc.method})
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestParsePath(t *testing.T) {
	for _, tc := range []struct {
		in   string
		ok   bool
		root string
	}{
		{"a", true, "a"}, {"a.b", true, "a"}, {"a[0]", true, "a"}, {"a[0][12].b", true, "a"},
		{"", false, ""}, {"a.", false, ""}, {".a", false, ""}, {"a[", false, ""}, {"a[-1]", false, ""},
		{"a[x]", false, ""}, {"a[0]b", false, ""}, {"[0]", false, ""}, {"a]", false, ""},
	} {
		t.Run(tc.in, func(t *testing.T) {
			p, err := ParsePath(tc.in)
			assert.Equal(t, tc.ok, err == nil, "%v", err)
			assert.Equal(t, tc.root, p.Root())
		})
	}
}

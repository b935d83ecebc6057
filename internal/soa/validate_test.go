package soa

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// mustParam decodes a param object the way DecodeReq does (numbers as json.Number).
func mustParam(t testing.TB, text string) map[string]any {
	t.Helper()
	env, err := DecodeReq(`{"service":"S","method":"m","param":` + text + `}`)
	require.Nil(t, err, text)
	return env.Param
}

// validCompanyInfo is a complete setCompanyInfo param.
const validCompanyInfo = `{"bizUserId":"c1","isAuth":true,"companyBasicInfo":{"companyName":"公司","legalName":"张三",
"identityType":1,"legalIds":"110","legalPhone":"138","accountNo":"622","parentBankName":"工商银行",
"bankName":"中国工商银行北京樱桃园支行","unionBank":"102100000001"}}`

func TestValidate(t *testing.T) {
	c := DefaultCatalogue()
	tests := []struct {
		name, method, param, code, message string
	}{
		// accepted
		{"createMember", "MemberService.createMember", `{"bizUserId":"u","memberType":3,"source":1}`, "", ""},
		{"ints as strings", "MemberService.createMember", `{"bizUserId":"u","memberType":"2","source":"2"}`, "", ""},
		{"int as float", "MemberService.createMember", `{"bizUserId":"u","memberType":3.0,"source":1e0}`, "", ""},
		{"string as number", "MemberService.createMember", `{"bizUserId":12345,"memberType":3,"source":1}`, "", ""},
		{"extra params ignored", "MemberService.createMember",
			`{"bizUserId":"u","memberType":3,"source":1,"whatever":[1,{"x":null}]}`, "", ""},
		{"optional empty string", "MemberService.setRealName",
			`{"bizUserId":"u","isAuth":"","name":"n","identityType":1,"identityNo":"x"}`, "", ""},
		{"bool as string", "MemberService.setRealName",
			`{"bizUserId":"u","isAuth":"false","name":"n","identityType":1,"identityNo":"x"}`, "", ""},
		{"company", "MemberService.setCompanyInfo", validCompanyInfo, "", ""},
		{"deposit", "OrderService.depositApply", `{"bizOrderNo":"D1","bizUserId":"u","accountSetNo":"200126",
			"amount":100,"fee":0,"backUrl":"http://x","payMethod":{"QUICKPAY_VSP":{"amount":100,"bankCardNo":"AB"}},
			"industryCode":"1910","industryName":"其他","source":1}`, "", ""},
		{"query ledger", "OrderService.queryInExpDetail", `{"bizUserId":"u","dateStart":"2026-11-01",
			"dateEnd":"2026-11-28","startPosition":1,"queryNum":5000}`, "", ""},
		{"no params", "MerchantService.queryReserveFundBalance", `{}`, "", ""},
		{"yyyyMMdd", "MerchantService.getCheckAccountFile", `{"date":"20261128"}`, "", ""},

		// 10001
		{"absent", "MemberService.createMember", `{"memberType":3,"source":1}`, "10001", "参数不能为空: bizUserId"},
		{"null", "MemberService.createMember", `{"bizUserId":null,"memberType":3,"source":1}`, "10001", "参数不能为空: bizUserId"},
		{"empty string", "MemberService.createMember", `{"bizUserId":"","memberType":3,"source":1}`, "10001", "参数不能为空: bizUserId"},
		{"first in catalogue order", "MemberService.createMember", `{}`, "10001", "参数不能为空: bizUserId"},
		{"second", "MemberService.createMember", `{"bizUserId":"u","source":1}`, "10001", "参数不能为空: memberType"},
		{"nested", "MemberService.setCompanyInfo", `{"bizUserId":"c1","isAuth":true,"companyBasicInfo":{"companyName":"公司",
			"legalName":"张三","identityType":1,"legalPhone":"138","accountNo":"622","parentBankName":"工商银行"}}`,
			"10001", "参数不能为空: companyBasicInfo.legalIds"},
		{"nested, spec §5.4 line 12749", "MemberService.setCompanyInfo", strings.Replace(validCompanyInfo,
			`"unionBank":"102100000001"`, `"unionBank":""`, 1), "10001", "参数不能为空: companyBasicInfo.unionBank"},
		{"nested object absent", "MemberService.setCompanyInfo", `{"bizUserId":"c1","isAuth":true}`,
			"10001", "参数不能为空: companyBasicInfo"},
		{"array item", "OrderService.agentCollectApply", `{"bizOrderNo":"o","payerId":"p","recieverList":[{"bizUserId":"a","amount":1},
			{"bizUserId":"b"}],"tradeCode":"3001","amount":2,"backUrl":"u","payMethod":{"BALANCE":[]},
			"industryCode":"1","industryName":"n","source":1}`, "10001", "参数不能为空: recieverList[1].amount"},
		{"empty required array", "OrderService.agentCollectApply", `{"bizOrderNo":"o","payerId":"p","recieverList":[]}`,
			"10001", "参数不能为空: recieverList"},
		{"empty free object", "OrderService.depositApply", `{"bizOrderNo":"D1","bizUserId":"u","accountSetNo":"a","amount":1,
			"fee":0,"backUrl":"b","payMethod":{}}`, "10001", "参数不能为空: payMethod"},
		{"deep array", "OrderService.batchAgentPay", `{"bizBatchNo":"b","tradeCode":"4001","batchPayList":[{"bizOrderNo":"o",
			"collectPayList":[{"bizOrderNo":"c","amount":1},{"amount":2}],"bizUserId":"u","accountSetNo":"a","backUrl":"b",
			"amount":3,"fee":0,"tradeCode":"4001"}]}`, "10001", "参数不能为空: batchPayList[0].collectPayList[1].bizOrderNo"},
		{"split item of the third level, spec §5.3", "OrderService.consumeApply", `{"payerId":"p","recieverId":"r",
			"bizOrderNo":"o","amount":10,"fee":0,"splitRule":[{"bizUserId":"a","amount":5,"fee":0,"splitRuleList":[
			{"bizUserId":"b","amount":2,"fee":0,"splitRuleList":[{"bizUserId":"c","fee":0}]}]}]}`, "10001",
			"参数不能为空: splitRule[0].splitRuleList[0].splitRuleList[0].amount"},
		{"split item of the second level of a batch item", "OrderService.batchAgentPay", `{"bizBatchNo":"b",
			"tradeCode":"4001","batchPayList":[{"bizOrderNo":"o","collectPayList":[{"bizOrderNo":"c","amount":3}],
			"bizUserId":"u","accountSetNo":"a","backUrl":"b","amount":3,"fee":0,"splitRuleList":[{"bizUserId":"a",
			"amount":2,"fee":0,"splitRuleList":[{"amount":1,"fee":0}]}]}]}`, "10001",
			"参数不能为空: batchPayList[0].splitRuleList[0].splitRuleList[0].bizUserId"},
		{"near miss", "OrderService.consumeApply", `{"payerId":"p","receiverId":"r"}`, "10001",
			`参数不能为空: recieverId (the request has "receiverId"; the platform spells it "recieverId")`},
		{"near miss in list", "OrderService.agentCollectApply", `{"bizOrderNo":"o","payerId":"p","receiverList":[{}]}`, "10001",
			`参数不能为空: recieverList (the request has "receiverList"; the platform spells it "recieverList")`},
		{"case near miss", "MemberService.createMember", `{"bizUserID":"u"}`, "10001",
			`参数不能为空: bizUserId (the request has "bizUserID"; the platform spells it "bizUserId")`},

		// 10000 type
		{"int got word", "MemberService.createMember", `{"bizUserId":"u","memberType":"three","source":1}`, "10000",
			`参数错误: memberType must be int (a JSON integer or a string holding one), got string "three"`},
		{"int got fraction", "MemberService.createMember", `{"bizUserId":"u","memberType":2.5,"source":1}`, "10000",
			"参数错误: memberType must be int (a JSON integer or a string holding one), got number 2.5"},
		{"int got bool", "MemberService.createMember", `{"bizUserId":"u","memberType":true,"source":1}`, "10000",
			"memberType must be int (a JSON integer or a string holding one), got bool true"},
		{"int string with fraction", "MemberService.createMember", `{"bizUserId":"u","memberType":"3.0","source":1}`, "10000",
			`got string "3.0"`},
		{"string got object", "MemberService.createMember", `{"bizUserId":{"a":1},"memberType":3,"source":1}`, "10000",
			"参数错误: bizUserId must be string (a JSON string; a number is accepted), got object"},
		{"string got bool", "MemberService.createMember", `{"bizUserId":true}`, "10000", "bizUserId must be string"},
		{"bool got number 2", "MemberService.setCompanyInfo", `{"bizUserId":"c","isAuth":2}`, "10000",
			"参数错误: isAuth must be bool (true or false; 1, 0, \"true\", \"false\", \"Y\" and \"N\" are read as fastjson does), got number 2"},
		{"bool got word", "MemberService.setCompanyInfo", `{"bizUserId":"c","isAuth":"yes"}`, "10000",
			`isAuth must be bool (true or false; 1, 0, "true", "false", "Y" and "N" are read as fastjson does), got string "yes"`},
		{"bool as fastjson reads 1", "MemberService.setCompanyInfo", `{"bizUserId":"c","isAuth":1}`, "10001", "companyBasicInfo"},
		{"bool as fastjson reads \"N\"", "MemberService.setCompanyInfo", `{"bizUserId":"c","isAuth":"N"}`, "10001", "companyBasicInfo"},
		{"object got string", "MemberService.setCompanyInfo", `{"bizUserId":"c","isAuth":true,"companyBasicInfo":"{}"}`,
			"10000", `参数错误: companyBasicInfo must be object (a JSON object {...}), got string "{}"`},
		{"array got object", "OrderService.agentCollectApply", `{"bizOrderNo":"o","payerId":"p","recieverList":{"bizUserId":"a"}}`,
			"10000", "参数错误: recieverList must be array (a JSON array [...]), got object"},
		{"array item not object", "OrderService.agentCollectApply", `{"bizOrderNo":"o","payerId":"p","recieverList":["a"]}`,
			"10000", `参数错误: recieverList[0] must be object (a JSON object {...}), got string "a"`},
		{"nested type", "MemberService.setCompanyInfo", `{"bizUserId":"c","isAuth":true,"companyBasicInfo":{"companyName":"x",
			"legalName":"y","identityType":"ID"}}`, "10000",
			`参数错误: companyBasicInfo.identityType must be int (a JSON integer or a string holding one), got string "ID"`},
		{"wildcard item type", "OrderService.depositApply", `{"bizOrderNo":"D1","bizUserId":"u","accountSetNo":"a","amount":1,
			"fee":0,"backUrl":"b","payMethod":{"QUICKPAY_VSP":{"bankCardNo":["x"]}}}`, "10000",
			"参数错误: payMethod.QUICKPAY_VSP.bankCardNo must be string"},

		// 10000 value
		{"enum", "MemberService.createMember", `{"bizUserId":"u","memberType":4,"source":1}`, "10000",
			"参数错误: memberType must be one of 2|3 (2 enterprise, 3 personal), got number 4"},
		// a source outside 1|2 has a code of its own, 20013 (chapter 7); a wrong type stays 10000
		{"source outside 1|2", "MemberService.createMember", `{"bizUserId":"u","memberType":3,"source":"3"}`, "20013",
			`不支持的请求来源（如手机、PC）: source must be one of 1|2 (1 mobile, 2 PC), got string "3"`},
		{"source of an order outside 1|2", "OrderService.depositApply", `{"bizOrderNo":"D1","bizUserId":"u","accountSetNo":"a",
			"amount":1,"fee":0,"backUrl":"b","payMethod":{"BALANCE":[{"accountSetNo":"a","amount":1}]},"industryCode":"1910",
			"industryName":"其他","source":9}`, "20013", "source must be one of 1|2"},
		{"source not a number", "MemberService.createMember", `{"bizUserId":"u","memberType":3,"source":"PC"}`, "10000",
			`参数错误: source must be int`},
		{"code type enum", "MemberService.sendVerificationCode", `{"bizUserId":"u","phone":"1","verificationCodeType":1}`,
			"10000", "verificationCodeType must be one of 9|6 (9 bind phone, 6 unbind phone), got number 1"},
		{"identity type outside §6.2", "MemberService.setRealName", `{"bizUserId":"u","name":"n","identityType":12,"identityNo":"x"}`,
			"20012", "不支持的证件类型: identityType must be one of 1|2|3|4|5|6|7|8|9|10|11|99"},
		{"identity type of the legal representative outside §6.2", "MemberService.setCompanyInfo", `{"bizUserId":"c","isAuth":true,
			"companyBasicInfo":{"companyName":"x","legalName":"y","identityType":0}}`, "20012", "companyBasicInfo.identityType must be one of"},
		{"identity type no number", "MemberService.setRealName", `{"bizUserId":"u","name":"n","identityType":"ID","identityNo":"x"}`,
			"10000", "identityType must be int"},
		// spec §6.2: 99 其它证件 is a certificate type beside 2..11; the method notes it
		{"identity type 99", "MemberService.setRealName", `{"bizUserId":"u","name":"n","identityType":99,"identityNo":"x"}`, "", ""},
		{"identity type 99 of the legal representative", "MemberService.setCompanyInfo", `{"bizUserId":"c","isAuth":true,
			"companyBasicInfo":{"companyName":"x","legalName":"y","identityType":99}}`, "10001", "companyBasicInfo."},
		// spec §6.4: an order's goodsType is of the table (2, 3, 4, 5, 90, 99; no 1)
		{"order goodsType outside §6.4", "OrderService.consumeApply", `{"payerId":"p","recieverId":"r","bizOrderNo":"o",
			"amount":1,"fee":0,"backUrl":"b","payMethod":{"BALANCE":[{"accountSetNo":"a","amount":1}]},"goodsType":1}`, "10000",
			"goodsType must be one of 2|3|4|5|90|99 (spec §6.4: 2 虚拟商品, 3 实物商品, 4 线下服务, 5 跨境商品, 90 营销活动, 99 其他), got number 1"},
		{"collection goodsType outside §6.4", "OrderService.agentCollectApply", `{"bizOrderNo":"o","payerId":"p",
			"recieverList":[{"bizUserId":"r","amount":1}],"goodsType":"6"}`, "10000", `goodsType must be one of 2|3|4|5|90|99`},
		{"payout goodsType outside §6.4", "OrderService.signalAgentPay", `{"bizOrderNo":"o","collectPayList":[{"bizOrderNo":"k",
			"amount":1}],"bizUserId":"r","accountSetNo":"a","backUrl":"b","amount":1,"fee":0,"goodsType":91}`, "10000",
			"goodsType must be one of 2|3|4|5|90|99"},
		{"batch item goodsType outside §6.4", "OrderService.batchAgentPay", `{"bizBatchNo":"b","batchPayList":[{"bizOrderNo":"o",
			"collectPayList":[{"bizOrderNo":"k","amount":1}],"bizUserId":"r","accountSetNo":"a","backUrl":"b","amount":1,"fee":0,
			"goodsType":0}]}`, "10000", "batchPayList[0].goodsType must be one of 2|3|4|5|90|99"},
		{"order goodsType 99", "OrderService.consumeApply", `{"payerId":"p","recieverId":"r","bizOrderNo":"o","amount":1,
			"fee":0,"backUrl":"b","payMethod":{"BALANCE":[{"accountSetNo":"a","amount":1}]},"goodsType":99,
			"industryCode":"1910","industryName":"其他","source":1}`, "", ""},
		{"validateType", "OrderService.depositApply", `{"bizOrderNo":"D1","bizUserId":"u","accountSetNo":"a","amount":1,
			"fee":0,"validateType":3}`, "10000", "validateType must be one of 0|1|2 (0 none, 1 SMS code, 2 payment password), got number 3"},
		{"below min", "OrderService.queryInExpDetail", `{"bizUserId":"u","dateStart":"2026-11-01","dateEnd":"2026-11-28",
			"startPosition":0,"queryNum":10}`, "10000", "参数错误: startPosition must be at least 1, got 0"},
		{"above max", "OrderService.queryInExpDetail", `{"bizUserId":"u","dateStart":"2026-11-01","dateEnd":"2026-11-28",
			"startPosition":1,"queryNum":"5001"}`, "10000", "参数错误: queryNum must be at most 5000, got 5001"},
		{"date format is the method's (40044)", "OrderService.queryInExpDetail", `{"bizUserId":"u",
			"dateStart":"2026/11/01","dateEnd":"2026-11-28","startPosition":1,"queryNum":10}`, "", ""},
		{"impossible date is the method's (40044)", "MerchantService.getCheckAccountFile", `{"date":"20260230"}`, "", ""},
		{"date as number", "MerchantService.getCheckAccountFile", `{"date":20261128}`, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := findMethod(t, c, tt.method)
			err := m.Validate(mustParam(t, tt.param))
			if tt.code == "" {
				assert.Nil(t, err)
				return
			}
			require.NotNil(t, err)
			assert.Equal(t, tt.code, err.Code)
			assert.Contains(t, err.Message, tt.message)
		})
	}
}

func TestValidateIsDeterministic(t *testing.T) {
	m := findMethod(t, DefaultCatalogue(), "OrderService.depositApply")
	param := mustParam(t, `{"payMethod":{"WITHHOLD_SD":{"bankCardNo":1.5e400},"QUICKPAY_VSP":{"bankCardNo":true},
		"REALNAMEPAY":{"bankCardNo":[]}},"bizOrderNo":"o","bizUserId":"u","accountSetNo":"a","amount":1,"fee":0,"backUrl":"b"}`)
	first := m.Validate(param)
	require.NotNil(t, first)
	assert.Contains(t, first.Message, "payMethod.REALNAMEPAY.bankCardNo", "pay methods are checked in the spec's order")
	for range 50 {
		assert.Equal(t, first, m.Validate(param))
	}
}

func TestValidatePlainGoValues(t *testing.T) {
	m := findMethod(t, DefaultCatalogue(), "MemberService.createMember")
	assert.Nil(t, m.Validate(map[string]any{"bizUserId": "u", "memberType": 3, "source": float64(1)}))
	assert.Nil(t, m.Validate(map[string]any{"bizUserId": int64(7), "memberType": int64(2), "source": json.Number("2")}))
	assert.NotNil(t, m.Validate(nil))
}

func TestIntCoercion(t *testing.T) {
	tests := []struct {
		v    any
		want int64
		ok   bool
	}{
		{json.Number("100"), 100, true},
		{json.Number("-5"), -5, true},
		{json.Number("1e2"), 100, true},
		{json.Number("100.0"), 100, true},
		{json.Number("1.5"), 0, false},
		{json.Number("1e400"), 0, false},
		{json.Number("9223372036854775807"), 9223372036854775807, true},
		{json.Number("9223372036854775808"), 0, false},
		{"42", 42, true},
		{"+42", 42, true},
		{" 42", 0, false},
		{"4.0", 0, false},
		{float64(3), 3, true},
		{3.5, 0, false},
		{true, 0, false},
		{nil, 0, false},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%#v", tt.v), func(t *testing.T) {
			n, ok := intValue(tt.v)
			assert.Equal(t, tt.ok, ok)
			if tt.ok {
				assert.Equal(t, tt.want, n)
			}
		})
	}
}

// TestWildcardKeysInSortedOrder: a Wildcard checks the keys no sibling names, in sorted order.
func TestWildcardKeysInSortedOrder(t *testing.T) {
	m := &Method{Service: OrderService, Name: "x", Params: params(object("payMethod", object("NAMED"),
		anything(Wildcard, str("bankCardNo"))))}
	param := mustParam(t, `{"payMethod":{"B":{"bankCardNo":1.5e400},"A":{"bankCardNo":true},"C":{"bankCardNo":[]},"NAMED":{}}}`)
	first := m.Validate(param)
	require.NotNil(t, first)
	assert.Contains(t, first.Message, "payMethod.A.bankCardNo")
	for range 50 {
		assert.Equal(t, first, m.Validate(param))
	}
}

package soa

import (
	"maps"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestFieldLengths: a text longer than its field takes is 10004 naming
// the field, with the specification's length where it states one
// (summary in the order method's own section, a batch item's summary §5.11, applicationTransfer's extendInfo §4.2.17, a pay
// method's where its §5.2 table states one) and MaxText elsewhere; a 900 KB bizUserId was accepted
// before.
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
		{"summary over 20", "OrderService", "consumeApply", consume(map[string]any{"summary": strings.Repeat("摘", 21)}), "10004", "summary is 21 characters long, more than the 20 the specification's §4.2.4 allows"},
		{"summary of a cross-border withdrawal over 20", "OrderService", "crossBorderWithdrawApply", map[string]any{
			"bizOrderNo": "x", "bizUserId": "u", "accountSetNo": "200126", "amount": "1", "fee": "0", "backUrl": "b",
			"crossBorderbizUserId": "e", "bankCardNo": "c", "industryCode": "1910", "industryName": "其他", "source": "1",
			"summary": strings.Repeat("摘", 21)}, "10004", "summary is 21 characters long, more than the 20 the specification's §4.2.23 allows"},
		{"summary of 20", "OrderService", "consumeApply", consume(map[string]any{"summary": strings.Repeat("摘", 20)}), "", ""},
		{"extendInfo of the transfer", "OrderService", "applicationTransfer", map[string]any{"bizTransferNo": "T1", "sourceAccountSetNo": "100001",
			"targetBizUserId": "u", "targetAccountSetNo": "200126", "amount": "1", "extendInfo": strings.Repeat("e", 200)}, "", ""},
		{"extendInfo of the transfer over 200", "OrderService", "applicationTransfer", map[string]any{"bizTransferNo": "T1", "sourceAccountSetNo": "100001",
			"targetBizUserId": "u", "targetAccountSetNo": "200126", "amount": "1", "extendInfo": strings.Repeat("e", 201)}, "10004", "extendInfo is 201 characters long, more than the 200 the specification's §4.2.17"},
		{"remark of a split item over 50", "OrderService", "consumeApply", consume(map[string]any{"splitRule": []any{
			map[string]any{"bizUserId": "a", "amount": "1", "fee": "0", "remark": strings.Repeat("备", 51)}}}),
			"10004", "splitRule[0].remark is 51 characters long, more than the 50 the specification's §5.3"},
		{"remark of a split item of 50", "OrderService", "consumeApply", consume(map[string]any{"splitRule": []any{
			map[string]any{"bizUserId": "a", "amount": "1", "fee": "0", "remark": strings.Repeat("备", 50)}}}), "", ""},
		{"recieverList of 2001", "OrderService", "agentCollectApply", collect(2001), "10004",
			"recieverList has 2001 items, more than the 2000 the specification's §4.2.5 allows"},
		{"recieverList of 2000", "OrderService", "agentCollectApply", collect(2000), "", ""},
		{"collectPayList of 101", "OrderService", "signalAgentPay", payout(101), "10004",
			"collectPayList has 101 items, more than the 100 the specification's §4.2.6 allows"},
		{"collectPayList of 100", "OrderService", "signalAgentPay", payout(100), "", ""},
		{"batchPayList of 201", "OrderService", "batchAgentPay", batch(201, 1), "10004",
			"batchPayList has 201 items, more than the 200 the specification's §4.2.7 allows"},
		{"batchPayList of 200", "OrderService", "batchAgentPay", batch(200, 1), "", ""},
		{"summary of a batch item over 20, spec §5.11", "OrderService", "batchAgentPay", batchItem("summary", strings.Repeat("摘", 21)), "10004",
			"batchPayList[0].summary is 21 characters long, more than the 20 the specification's §5.11 allows"},
		{"extendInfo of a batch item over 50, spec §5.11", "OrderService", "batchAgentPay", batchItem("extendInfo", strings.Repeat("e", 51)), "10004",
			"batchPayList[0].extendInfo is 51 characters long, more than the 50 the specification's §5.11 allows"},
		{"refundList of 101", "OrderService", "refund", refund(101), "10004",
			"refundList has 101 items, more than the 100 the specification's §4.2.16 allows"},
		{"refundList of 100", "OrderService", "refund", refund(100), "", ""},
		{"collectPayList of a batch item, spec §5.11", "OrderService", "batchAgentPay", batch(1, 101), "10004",
			"batchPayList[0].collectPayList has 101 items, more than the 100"},
		// spec §5.2 gives cusip 16 where its table says so (lines 10297, 10502, 10791), not in the mini program's (10237)
		{"cusip of the WeChat mini program, no limit stated", "OrderService", "consumeApply", payBy("WECHATPAY_MINIPROGRAM_OPEN",
			map[string]any{"wxAppId": "a", "wxMchtId": "m", "limitPay": "", "acct": "o", "cusip": strings.Repeat("1", 17)}), "", ""},
		{"cusip of WeChat H5 over 16", "OrderService", "consumeApply", payBy("WECHATPAY_H5_OPEN",
			map[string]any{"subAppId": "a", "limitPay": "", "sceneInfo": "s", "cusip": strings.Repeat("1", 17)}), "10004",
			"payMethod.WECHATPAY_H5_OPEN.cusip is 17 characters long, more than the 16 the specification's §5.2 allows"},
		{"cusip of WeChat scan over 16", "OrderService", "consumeApply", payBy("WECHATPAY_SCAN_OPEN",
			map[string]any{"wxAppId": "a", "wxMchtId": "m", "limitPay": "", "cusip": strings.Repeat("1", 17)}), "10004",
			"payMethod.WECHATPAY_SCAN_OPEN.cusip is 17"},
		{"cusip of WeChat JS of 16", "OrderService", "consumeApply", payBy("WECHATPAY_PUBLIC_OPEN",
			map[string]any{"wxAppId": "a", "wxMchtId": "m", "limitPay": "", "acct": "o", "cusip": strings.Repeat("1", 16)}), "", ""},
		{"cusip of WeChat JS over 16", "OrderService", "consumeApply", payBy("WECHATPAY_PUBLIC_OPEN",
			map[string]any{"wxAppId": "a", "wxMchtId": "m", "limitPay": "", "acct": "o", "cusip": strings.Repeat("1", 17)}), "10004",
			"payMethod.WECHATPAY_PUBLIC_OPEN.cusip is 17"},
		// 最长 100 (lines 10983, 10996)
		{"Alipay app paysummary over 100", "OrderService", "consumeApply", payBy("ALIPAY_APP_OPEN",
			map[string]any{"paysummary": strings.Repeat("摘", 101)}), "10004",
			"payMethod.ALIPAY_APP_OPEN.paysummary is 101 characters long, more than the 100 the specification's §5.2 allows"},
		{"Alipay app enablePayChannels over 100", "OrderService", "consumeApply", payBy("ALIPAY_APP_OPEN",
			map[string]any{"enablePayChannels": strings.Repeat("b", 101)}), "10004", "payMethod.ALIPAY_APP_OPEN.enablePayChannels is 101"},
		{"Alipay app paysummary of 100", "OrderService", "consumeApply", payBy("ALIPAY_APP_OPEN",
			map[string]any{"paysummary": strings.Repeat("摘", 100), "enablePayChannels": strings.Repeat("b", 100)}), "", ""},
		// 附言，小于 20 个字段 (lines 11050, 11098)
		{"山东代收 paysummary over 20", "OrderService", "consumeApply", payBy("WITHHOLD_SD",
			map[string]any{"bankCardNo": "c", "paysummary": strings.Repeat("附", 21)}), "10004",
			"payMethod.WITHHOLD_SD.paysummary is 21 characters long, more than the 20 the specification's §5.2 allows"},
		{"山东代收 paysummary of 20", "OrderService", "consumeApply", payBy("WITHHOLD_SD",
			map[string]any{"bankCardNo": "c", "paysummary": strings.Repeat("附", 20)}), "", ""},
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

// TestLengthsCiteTheMethodsSection: the 10004 of a length every order
// method's table states (summary 20, extendInfo 50) cites the method's own
// section, where its table states it again (crossBorderWithdrawApply's
// extendInfo cited §4.2.2: probe-J finding 7); a batch item's lengths and
// its collectPayList cite §5.11, the table of the item.
func TestLengthsCiteTheMethodsSection(t *testing.T) {
	summary, extendInfo := strings.Repeat("摘", 21), strings.Repeat("e", 51)
	tests := []struct {
		method string
		param  map[string]any
		want   string
	}{
		{"depositApply", map[string]any{"summary": summary}, "summary is 21 characters long, more than the 20 the specification's §4.2.2 allows"},
		{"withdrawApply", map[string]any{"extendInfo": extendInfo}, "more than the 50 the specification's §4.2.3 allows"},
		{"consumeApply", map[string]any{"summary": summary}, "the specification's §4.2.4 allows"},
		{"agentCollectApply", map[string]any{"extendInfo": extendInfo}, "the specification's §4.2.5 allows"},
		{"signalAgentPay", map[string]any{"extendInfo": extendInfo}, "the specification's §4.2.6 allows"},
		{"refund", map[string]any{"extendInfo": extendInfo}, "the specification's §4.2.16 allows"},
		{"crossBorderWithdrawApply", map[string]any{"extendInfo": extendInfo}, "extendInfo is 51 characters long, more than the 50 the specification's §4.2.23 allows"},
		{"crossBorderWithdrawApply", map[string]any{"summary": summary}, "the specification's §4.2.23 allows"},
		{"applicationTransfer", map[string]any{"extendInfo": strings.Repeat("e", 201)}, "more than the 200 the specification's §4.2.17 allows"},
		{"pay", map[string]any{"extendInfo": extendInfo}, "more than the 50 the specification's §4.2.2 allows"}, // no table of its own
		{"batchAgentPay", batchItem("summary", summary), "batchPayList[0].summary is 21 characters long, more than the 20 the specification's §5.11 allows"},
		{"batchAgentPay", batch(1, 101), "batchPayList[0].collectPayList has 101 items, more than the 100 the specification's §5.11 allows"},
		{"signalAgentPay", payout(101), "collectPayList has 101 items, more than the 100 the specification's §4.2.6 allows"},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.want, func(t *testing.T) {
			got := checkLengths(tt.method, tt.param, "", "", "")
			require.NotNil(t, got)
			assert.Equal(t, CodeTooLong, got.Code)
			assert.Contains(t, got.Message, tt.want)
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

// payBy is consume's param paid with method, whose body is body with an amount.
func payBy(method string, body map[string]any) map[string]any {
	b := maps.Clone(body)
	b["amount"] = "1"
	return consume(map[string]any{"payMethod": map[string]any{method: b}})
}

// items is n copies of item, a list param.
func items(n int, item map[string]any) []any {
	out := make([]any, n)
	for i := range out {
		out[i] = item
	}
	return out
}

// collect is a valid agentCollectApply param with n receivers.
func collect(n int) map[string]any {
	return map[string]any{"bizOrderNo": "o", "payerId": "p", "tradeCode": "3001", "amount": "1", "backUrl": "b",
		"recieverList": items(n, map[string]any{"bizUserId": "r", "amount": "1"}), "source": "1",
		"payMethod":    map[string]any{"BALANCE": []any{map[string]any{"accountSetNo": "200126", "amount": "1"}}},
		"industryCode": "1910", "industryName": "其他"}
}

// payoutItem is a valid signalAgentPay param without tradeCode, drawing on n collections.
func payoutItem(n int) map[string]any {
	return map[string]any{"bizOrderNo": "o", "bizUserId": "u", "accountSetNo": "200126", "backUrl": "b",
		"amount": "1", "fee": "0", "collectPayList": items(n, map[string]any{"bizOrderNo": "c", "amount": "1"})}
}

// payout is a valid signalAgentPay param drawing on n collections.
func payout(n int) map[string]any {
	p := payoutItem(n)
	p["tradeCode"] = "4001"
	return p
}

// refund is a valid refund param whose refundList has n items.
func refund(n int) map[string]any {
	return map[string]any{"bizOrderNo": "r", "oriBizOrderNo": "o", "bizUserId": "u", "amount": n,
		"refundList": items(n, map[string]any{"bizUserId": "r", "amount": "1"})}
}

// batch is a valid batchAgentPay param of n items, each drawing on draws collections.
func batch(n, draws int) map[string]any {
	return map[string]any{"bizBatchNo": "b", "tradeCode": "4001", "batchPayList": items(n, payoutItem(draws))}
}

// batchItem is batch(1, 1) whose item has key set to value.
func batchItem(key, value string) map[string]any {
	p := batch(1, 1)
	item := maps.Clone(p["batchPayList"].([]any)[0].(map[string]any))
	item[key] = value
	p["batchPayList"] = []any{item}
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

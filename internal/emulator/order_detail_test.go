package emulator

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// collectFor is a balance collection from payer for the receivers, written
// as recieverList items, completed at once (validateType 0).
func collectFor(payer, no string, amount, fee int64, receivers string) string {
	return fmt.Sprintf(`{"validateType":0,"bizOrderNo":%q,"payerId":%q,"recieverList":[%s],"tradeCode":"3001","amount":%d,"fee":%d,"backUrl":"http://127.0.0.1/n","payMethod":{"BALANCE":[{"accountSetNo":"200126","amount":%d}]},"industryCode":"1910","industryName":"其他","source":1}`,
		no, payer, receivers, amount, fee, amount)
}

// payoutWith is payout with a splitRuleList.
func payoutWith(payee, no, collectNo string, amount int64, splits string) string {
	return strings.Replace(payout(payee, no, collectNo, amount), `"tradeCode"`, `"splitRuleList":[`+splits+`],"tradeCode"`, 1)
}

func byOrder(no string) string { return fmt.Sprintf(`{"bizOrderNo":%q}`, no) }

// splitItem is an answer item of getOrderSplitRuleListDetail.
func splitItem(bizUserID, set string, amount, fee int64, remark string, sub ...any) map[string]any {
	return map[string]any{"bizUserId": bizUserID, "accountSetNo": set, "amount": amount, "fee": fee,
		"remark": remark, "splitRuleList": append([]any{}, sub...)}
}

// TestSplitRulesAsMade: getOrderSplitRuleListDetail answers the rules of a
// consumption and of payouts as sent, nested lists included; state says
// whether the order was paid.
func TestSplitRulesAsMade(t *testing.T) {
	e := newTest()
	funded(t, e, 10_000, "buyer")
	funded(t, e, 0, "shop", "agent", "sub")
	ok(t, e, "consumeApply", consume("buyer", "shop", "c1", 600, 10,
		`{"bizUserId":"agent","amount":100,"fee":5,"remark":"r","splitRuleList":[{"bizUserId":"sub","amount":20}]}`))
	ok(t, e, "consumeApply", strings.Replace(consume("buyer", "shop", "c2", 300, 0, `{"bizUserId":"agent","accountSetNo":"200126","amount":50}`),
		`"source":1`, `"source":1,"validateType":1`, 1))
	ok(t, e, "agentCollectApply", collectFor("buyer", "k1", 1000, 0, `{"bizUserId":"shop","amount":1000}`))
	ok(t, e, "signalAgentPay", payoutWith("shop", "p1", "k1", 400, `{"bizUserId":"agent","amount":40,"fee":4}`))
	ok(t, e, "batchAgentPay", `{"bizBatchNo":"B1","tradeCode":"4001","batchPayList":[`+
		payoutWith("shop", "b1", "k1", 100, `{"bizUserId":"sub","amount":10}`)+`,`+
		payoutWith("shop", "b2", "k1", 9999, `{"bizUserId":"agent","amount":1}`)+`]}`)

	for _, tc := range []struct {
		order, receiver string
		state           int
		rules           []any
	}{
		{"c1", "shop", splitDone, []any{splitItem("agent", "", 100, 5, "r", splitItem("sub", "", 20, 0, ""))}},
		{"c2", "shop", splitNotDone, []any{splitItem("agent", "200126", 50, 0, "")}},
		{"p1", "shop", splitDone, []any{splitItem("agent", "", 40, 4, "")}},
		{"b1", "shop", splitDone, []any{splitItem("sub", "", 10, 0, "")}},
		{"b2", "shop", splitNotDone, []any{splitItem("agent", "", 1, 0, "")}},
	} {
		got := ok(t, e, "getOrderSplitRuleListDetail", byOrder(tc.order))
		assert.NotEmpty(t, got["orderNo"], tc.order)
		assert.Equal(t, map[string]any{"orderNo": got["orderNo"], "bizOrderNo": tc.order, "recieverId": tc.receiver,
			"state": tc.state, "splitRuleListDetail": tc.rules}, got, tc.order)
	}
	assert.Equal(t, "40000", code(t, e, "getOrderSplitRuleListDetail", byOrder("nope")))
	assert.Equal(t, "40002", code(t, e, "getOrderSplitRuleListDetail", byOrder("k1")), "a collection is split by its payouts")
	ok(t, e, "refund", `{"bizOrderNo":"r1","oriBizOrderNo":"c1","bizUserId":"buyer","amount":100}`)
	assert.Equal(t, "40002", code(t, e, "getOrderSplitRuleListDetail", byOrder("r1")), "a refund: no split record")
}

// TestPaymentInformationOfACollection follows a collection through a payout
// and a refund, with the filters of getPaymentInformationDetail.
func TestPaymentInformationOfACollection(t *testing.T) {
	e := newTest()
	funded(t, e, 10_000, "payer")
	funded(t, e, 0, "shop", "agent", "stranger")
	ok(t, e, "agentCollectApply", collectFor("payer", "k1", 5000, 100,
		`{"bizUserId":"shop","amount":2000},{"bizUserId":"agent","amount":1900},{"bizUserId":"shop","amount":1000}`))
	ok(t, e, "signalAgentPay", payout("shop", "p1", "k1", 3000))

	got := ok(t, e, "getPaymentInformationDetail", byOrder("k1"))
	assert.Equal(t, []any{
		map[string]any{"receiverId": "shop", "receiverName": "", "managedCollAmount": int64(3000), "payAmount": int64(3000),
			"unPayAmount": int64(0), "status": receiverDone},
		map[string]any{"receiverId": "agent", "receiverName": "", "managedCollAmount": int64(1900), "payAmount": int64(0),
			"unPayAmount": int64(1900), "status": receiverHeld},
	}, got["receiverInfoList"], "the shares add up to the amount less the collection fee")
	assert.Equal(t, "k1", got["collOrderNo"])
	assert.Equal(t, "payer", got["payerId"])
	assert.Equal(t, "2026-11-28 12:00:00", got["collTime"])
	assert.Equal(t, []int64{5000, 3000, 1900}, amounts(got, "collAmount", "payTotalAmount", "unPayTotalAmount"))

	for _, tc := range []struct {
		name, filter string
		want         []int64 // payTotalAmount, unPayTotalAmount
		receivers    int
	}{
		{"one receiver", `"bizUserId":"agent"`, []int64{0, 1900}, 1},
		{"payouts into another set", `"accountSetNo":"100001"`, []int64{0, 1900}, 2},
		{"payouts into 200126", `"accountSetNo":"200126"`, []int64{3000, 1900}, 2},
		{"payouts before today", `"dateEnd":"2026-11-27"`, []int64{0, 1900}, 2},
		{"payouts from today", `"dateStart":"2026-11-28","dateEnd":"2026-11-28"`, []int64{3000, 1900}, 2},
	} {
		got := ok(t, e, "getPaymentInformationDetail", `{"bizOrderNo":"k1",`+tc.filter+`}`)
		assert.Equal(t, tc.want, amounts(got, "payTotalAmount", "unPayTotalAmount"), tc.name)
		assert.Len(t, got["receiverInfoList"], tc.receivers, tc.name)
	}

	ok(t, e, "refund", `{"bizOrderNo":"r1","oriBizOrderNo":"k1","bizUserId":"payer","amount":1900}`)
	got = ok(t, e, "getPaymentInformationDetail", byOrder("k1"))
	assert.Equal(t, []int64{3000, 0}, amounts(got, "payTotalAmount", "unPayTotalAmount"), "refunded, not paid out")
	assert.Equal(t, receiverDone, got["receiverInfoList"].([]any)[1].(map[string]any)["status"])
}

// TestPaymentInformationRefusals: the codes of getPaymentInformationDetail,
// in the order they are checked.
func TestPaymentInformationRefusals(t *testing.T) {
	e := newTest()
	funded(t, e, 10_000, "payer")
	funded(t, e, 0, "shop", "stranger")
	ok(t, e, "agentCollectApply", collectFor("payer", "k1", 500, 0, `{"bizUserId":"shop","amount":500}`))
	ok(t, e, "agentCollectApply", strings.Replace(collectFor("payer", "k2", 500, 0, `{"bizUserId":"shop","amount":500}`),
		`"source":1`, `"source":1,"validateType":1`, 1))
	ok(t, e, "consumeApply", consume("payer", "shop", "c1", 100, 0, ""))
	for _, tc := range []struct {
		name, param, code string
	}{
		{"unknown order", byOrder("nope"), "40000"},
		{"not a collection", byOrder("c1"), "40018"},
		{"a collection not paid yet", byOrder("k2"), "40019"},
		{"unknown member", `{"bizOrderNo":"k1","bizUserId":"nobody"}`, "30001"},
		{"not collected for it", `{"bizOrderNo":"k1","bizUserId":"stranger"}`, "40022"},
		{"unknown account set", `{"bizOrderNo":"k1","accountSetNo":"999999"}`, "30019"},
		{"dates the wrong way round", `{"bizOrderNo":"k1","dateStart":"2026-11-28","dateEnd":"2026-11-27"}`, "40044"},
		{"a date not written yyyy-MM-dd", `{"bizOrderNo":"k1","dateEnd":"20261128"}`, "40044"},
		{"a day that does not exist", `{"bizOrderNo":"k1","dateStart":"2026-02-30"}`, "40044"},
	} {
		assert.Equal(t, tc.code, code(t, e, "getPaymentInformationDetail", tc.param), tc.name)
	}
	// the message names what was sent, not the open end tsymock fills in
	for _, tc := range []struct{ param, message string }{
		{`{"bizOrderNo":"k1","dateStart":"2026-11-8"}`, `日期格式有误: dateStart "2026-11-8" must be yyyy-MM-dd`},
		{`{"bizOrderNo":"k1","dateEnd":"2026/11/28"}`, `日期格式有误: dateEnd "2026/11/28" must be yyyy-MM-dd`},
		{`{"bizOrderNo":"k1","dateStart":"x","dateEnd":"y"}`, `日期格式有误: dateStart "x" and dateEnd "y" must be yyyy-MM-dd`},
	} {
		_, serr := do(t, e, "getPaymentInformationDetail", tc.param)
		require.NotNil(t, serr, tc.param)
		assert.Equal(t, tc.message, serr.Message)
	}
	ok(t, e, "getPaymentInformationDetail", `{"bizOrderNo":"k1","dateStart":"9999-12-31"}`) // no default end before it
}

// TestDetailsOfAFailedCollection: getPaymentInformationDetail and
// getPayeeFundsInTransitDetail of a collection whose payment failed answer
// the spec's words (§4.2.21, §4.2.22: 提示错误信息“上送的代收订单支付失败”),
// whole; one not paid yet keeps tsymock's own message. The code is 40019,
// tsymock's choice.
func TestDetailsOfAFailedCollection(t *testing.T) {
	e := newTest()
	funded(t, e, 500, "payer")
	funded(t, e, 0, "shop")
	for _, no := range []string{"k1", "k2"} {
		ok(t, e, "agentCollectApply", strings.Replace(collectFor("payer", no, 500, 0, `{"bizUserId":"shop","amount":500}`),
			`"source":1`, `"source":1,"validateType":1`, 1))
	}
	ok(t, e, "consumeApply", consume("payer", "shop", "c1", 500, 0, "")) // the balance k1 was to be paid with
	v := ok(t, e, "pay", `{"bizUserId":"payer","bizOrderNo":"k1","verificationCode":"111111","consumerIp":"10.1.1.1"}`)
	require.Equal(t, "fail", v["payStatus"])
	for _, tc := range []struct {
		name, method, param, message string
	}{
		{"payment information of the failed collection", "getPaymentInformationDetail", byOrder("k1"), "上送的代收订单支付失败"},
		{"funds in transit of the failed collection", "getPayeeFundsInTransitDetail",
			`{"bizUserId":"shop","bizOrderNo":"k1","dateStart":"2026-11-28","dateEnd":"2026-11-28"}`, "上送的代收订单支付失败"},
		{"payment information of one not paid yet", "getPaymentInformationDetail", byOrder("k2"),
			"订单状态错误: collection k2 has status 1, not paid"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, serr := do(t, e, tc.method, tc.param)
			require.NotNil(t, serr)
			assert.Equal(t, "40019", serr.Code)
			assert.Equal(t, tc.message, serr.Message)
		})
	}
}

// TestDetailsSurviveReplay: goods and what orders were made with are
// rebuilt by a replay of the log, like the rest of the state.
func TestDetailsSurviveReplay(t *testing.T) {
	l := &memLog{}
	e := newKept(l)
	funded(t, e, 10_000, "payer")
	funded(t, e, 0, "shop", "agent")
	ok(t, e, "entryGoods", entry("shop", "g1", 2))
	ok(t, e, "consumeApply", consume("payer", "shop", "c1", 600, 10, `{"bizUserId":"agent","amount":100,"fee":5}`))
	ok(t, e, "agentCollectApply", collectFor("payer", "k1", 1000, 0, `{"bizUserId":"shop","amount":600},{"bizUserId":"agent","amount":400}`))
	ok(t, e, "signalAgentPay", payoutWith("shop", "p1", "k1", 600, `{"bizUserId":"agent","amount":60}`))

	r := l.replayInto(t)
	for _, q := range []struct{ method, param string }{
		{"queryGoods", queryGoodsOf("shop", "g1")},
		{"getOrderSplitRuleListDetail", byOrder("c1")},
		{"getOrderSplitRuleListDetail", byOrder("p1")},
		{"getPaymentInformationDetail", byOrder("k1")},
	} {
		assert.Equal(t, ok(t, e, q.method, q.param), ok(t, r, q.method, q.param), q.method)
	}
}

// amounts reads int64 fields of an answer.
func amounts(v map[string]any, keys ...string) []int64 {
	out := make([]int64, 0, len(keys))
	for _, k := range keys {
		n, _ := v[k].(int64)
		out = append(out, n)
	}
	return out
}

// TestDetailQueriesDoNotMakeExtras: the queries read the extras without
// making them, so that a query changes nothing.
func TestDetailQueriesDoNotMakeExtras(t *testing.T) {
	e := newTest()
	funded(t, e, 0, "shop")
	assert.Equal(t, "40000", code(t, e, "queryGoods", queryGoodsOf("shop", "g1")))
	a := e.app("app")
	a.mu.Lock()
	defer a.mu.Unlock()
	require.Nil(t, a.book.extras, "a query leaves the state as it was")
}

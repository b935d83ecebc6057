package emulator

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/internal/soa"
)

// backfillTest is an application with member m1 and its terminal T1.
func backfillTest(t *testing.T) *envTest {
	t.Helper()
	et := newEnvTest(t, false)
	et.ok("createMember", map[string]any{"bizUserId": "m1", "memberType": 3, "source": 1})
	et.ok("vspTermidService", map[string]any{"bizUserId": "m1", "operationType": "set", "vspCusid": "CUS1",
		"appid": "00013940", "vspTermid": "T1"})
	et.e.TakeEvents()
	return et
}

// TestBackfillDeposit: a terminal payment queues the back-fill notification
// of spec §4.1.22; the merchant's 0000 books the deposit, credits the
// member and queues the order's notification.
func TestBackfillDeposit(t *testing.T) {
	et := backfillTest(t)
	ev, serr := et.e.TerminalPayment("a", TerminalPayment{Termid: "T1", OrderType: "depositApply", Amount: 1500,
		PayStatus: "success", TrxCode: "VSP501", URL: "http://127.0.0.1/backfill"})
	require.Nil(t, serr)
	assert.Equal(t, EventBackfill, ev.Kind)
	assert.Equal(t, "http://127.0.0.1/backfill", ev.BackURL)
	f := ev.Form
	assert.Equal(t, []string{"m1", "200126", "CUS1", "T1", "depositApply", "1500", "success", "VSP501"},
		[]string{f["bizUserId"], f["accountSetNo"], f["cusid"], f["termid"], f["ordertype"], f["amount"], f["payStatus"],
			f["payInterfacetrxcode"]})
	assert.Regexp(t, `^\d{14}$`, f["paytime"])
	assert.Equal(t, "accountSetNo=200126&amount=1500&bizUserId=m1&bizseq="+f["bizseq"]+"&cusid=CUS1&ordertype=depositApply"+
		"&termid=T1&trxid="+f["trxid"], ev.BackfillSignText())
	assert.Equal(t, []Event{ev}, et.e.TakeEvents(), "queued, once")

	no, serr := et.e.AnswerBackfill("a", f["trxid"], "0000", "B-1", "ext")
	require.Nil(t, serr)
	assert.NotEmpty(t, no)
	o := et.e.Orders("a")[0]
	assert.Equal(t, []any{"B-1", "deposit", "m1", int64(1500), "succeeded", "ORDER_VSPPAY"},
		[]any{o.BizOrderNo, o.Kind, o.Payer, o.Amount, o.StatusName, o.PayMethod})
	evs := et.e.TakeEvents()
	require.Len(t, evs, 1)
	assert.Equal(t, []any{"OrderService", "pay", "http://127.0.0.1/backfill", "B-1"},
		[]any{evs[0].Service, evs[0].Method, evs[0].BackURL, evs[0].ReturnValue["bizOrderNo"]})

	_, serr = et.e.AnswerBackfill("a", f["trxid"], "0000", "B-2", "")
	assert.Equal(t, "40000", errCode(serr), "answered once")
}

// TestBackfillOutcomes: a failed payment is booked failed, a merchant's
// 9999 books nothing, a refund takes the money back, and what cannot be
// back-filled is refused.
func TestBackfillOutcomes(t *testing.T) {
	et := backfillTest(t)
	pay := func(tp TerminalPayment) map[string]string {
		t.Helper()
		ev, serr := et.e.TerminalPayment("a", tp)
		require.Nil(t, serr)
		return ev.Form
	}
	failed := pay(TerminalPayment{Termid: "T1", OrderType: "depositApply", Amount: 100, PayStatus: "fail", PayFailMessage: "余额不足"})
	_, serr := et.e.AnswerBackfill("a", failed["trxid"], "0000", "F-1", "")
	require.Nil(t, serr)
	refused := pay(TerminalPayment{Termid: "T1", OrderType: "depositApply", Amount: 100, PayStatus: "success"})
	no, serr := et.e.AnswerBackfill("a", refused["trxid"], "9999", "", "")
	require.Nil(t, serr)
	assert.Empty(t, no)
	paid := pay(TerminalPayment{Termid: "T1", OrderType: "depositApply", Amount: 300, PayStatus: "success"})
	_, serr = et.e.AnswerBackfill("a", paid["trxid"], "0000", "P-1", "")
	require.Nil(t, serr)
	refund := pay(TerminalPayment{Termid: "T1", OrderType: "refund", Amount: 100, PayStatus: "success", Srctrxid: paid["trxid"]})
	assert.Equal(t, "P-1", refund["oriBizOrderNo"])
	_, serr = et.e.AnswerBackfill("a", refund["trxid"], "0000", "R-1", "")
	require.Nil(t, serr)
	assertBackfilledRefund(t, et)

	var got []string
	for _, o := range et.e.Orders("a") {
		got = append(got, o.BizOrderNo+":"+o.StatusName)
	}
	assert.Equal(t, []string{"F-1:failed", "P-1:refunded", "R-1:succeeded"}, got)
	assert.Equal(t, int64(200), balanceOf(et.e.AccountBalances("a"), "m1", "200126").All)

	for _, tc := range []struct {
		name string
		tp   TerminalPayment
		code string
	}{
		{"an unbound terminal", TerminalPayment{Termid: "T9", OrderType: "depositApply", Amount: 1, PayStatus: "success"}, "20009"},
		{"another ordertype", TerminalPayment{Termid: "T1", OrderType: "consumeApply", Amount: 1, PayStatus: "success"}, "10000"},
		{"a pending status", TerminalPayment{Termid: "T1", OrderType: "depositApply", Amount: 1, PayStatus: "pending"}, "10000"},
		{"no amount", TerminalPayment{Termid: "T1", OrderType: "depositApply", PayStatus: "success"}, "40020"},
		{"a refund of nothing", TerminalPayment{Termid: "T1", OrderType: "refund", Amount: 1, PayStatus: "success", Srctrxid: "x"}, "40000"},
		{"a refund of a failed payment", TerminalPayment{Termid: "T1", OrderType: "refund", Amount: 1, PayStatus: "success",
			Srctrxid: failed["trxid"]}, "40000"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, serr := et.e.TerminalPayment("a", tc.tp)
			assert.Equal(t, tc.code, errCode(serr))
		})
	}
	dup := pay(TerminalPayment{Termid: "T1", OrderType: "depositApply", Amount: 1, PayStatus: "success"})
	_, serr = et.e.AnswerBackfill("a", dup["trxid"], "0000", "P-1", "")
	assert.Equal(t, "40017", errCode(serr))
	_, serr = et.e.AnswerBackfill("a", dup["trxid"], "0000", "", "")
	assert.Equal(t, "10001", errCode(serr))
}

// assertBackfilledRefund: getOrderDetail of the back-filled refund R-1 of
// P-1 answers every key of spec §4.2.19 a refund has, with its type:
// refundWhereabouts (a Long, required for a refund) is 2, back to the
// card or wallet the terminal took; the terminal's keys (termno, cusid,
// its trxid, the channel's time).
func assertBackfilledRefund(t *testing.T, et *envTest) {
	t.Helper()
	out := et.e.Call(context.Background(), Request{SysID: "a", Service: soa.OrderService, Method: "getOrderDetail",
		Param: map[string]any{"bizOrderNo": "R-1"}})
	require.Nil(t, out.Err)
	got := out.Value
	assert.Equal(t, map[string]any{"orderNo": got["orderNo"], "bizOrderNo": "R-1", "oriOrderNo": got["oriOrderNo"],
		"oriBizOrderNo": "P-1", "orderStatus": statusSucceeded, "errorMessage": "", "amount": int64(100),
		"payDatetime": "2026-11-28 12:00:00", "buyerBizUserId": "m1", "extendInfo": "", "refundWhereabouts": int64(toChannel),
		"termno": "T1", "cusid": "CUS1", "payInterfaceOutTradeNo": got["payInterfaceOutTradeNo"], "channelPaytime": "20261128120000"},
		got)
	assert.Regexp(t, `^\d+$`, got["payInterfaceOutTradeNo"], "the refund's trxid")
	assert.IsType(t, "", got["orderNo"])
	assert.IsType(t, "", got["oriOrderNo"])
}

package emulator

import (
	"cmp"
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

// backfilled is a payment at T1 that succeeded, a deposit of 1500 unless
// tp says another ordertype or amount, whose back-fill the merchant takes
// as bizOrderNo; it returns the back-fill's form.
func (et *envTest) backfilled(tp TerminalPayment, bizOrderNo string) map[string]string {
	et.t.Helper()
	tp.Termid, tp.OrderType, tp.PayStatus = "T1", cmp.Or(tp.OrderType, backfillDeposit), "success"
	tp.Amount, tp.URL = cmp.Or(tp.Amount, 1500), cmp.Or(tp.URL, "http://127.0.0.1/b")
	ev, serr := et.e.TerminalPayment("a", tp)
	require.Nil(et.t, serr, bizOrderNo)
	_, serr = et.e.AnswerBackfill("a", ev.Form["trxid"], merchantRetOK, bizOrderNo, "")
	require.Nil(et.t, serr, bizOrderNo)
	return ev.Form
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
		"oriBizOrderNo": "P-1", "orderStatus": statusSucceeded, "amount": int64(100),
		"payDatetime": "2026-11-28 12:00:00", "buyerBizUserId": "m1", "refundWhereabouts": int64(toChannel),
		"termno": "T1", "cusid": "CUS1", "payInterfaceOutTradeNo": got["payInterfaceOutTradeNo"], "channelPaytime": "20261128120000"},
		got)
	assert.Regexp(t, `^\d+$`, got["payInterfaceOutTradeNo"], "the refund's trxid")
	assert.IsType(t, "", got["orderNo"])
	assert.IsType(t, "", got["oriOrderNo"])
}

// TestBackfillRefundOnTerminalOnly: an order back-filled from a 收银宝
// terminal, a 当面付 QR payment or a POS swipe, is not refunded through
// the API (spec §4.2.16 note 5: 不支持通过 SOA 接口发起退款的支付方式：收银宝订单
// POS，收银宝当面付) but at the terminal, whose refund is back-filled; the
// API's refund is 40039 and moves nothing.
func TestBackfillRefundOnTerminalOnly(t *testing.T) {
	tests := []struct {
		name string
		tp   TerminalPayment
	}{
		{"a 当面付 QR payment", TerminalPayment{TrxCode: "VSP501"}},
		{"a POS swipe", TerminalPayment{POS: true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			et := backfillTest(t)
			paid := et.backfilled(tt.tp, "B-1")
			before := et.e.Orders("a")
			_, serr := et.e.Handle(context.Background(), Request{SysID: "a", Service: "OrderService", Method: "refund",
				Param: map[string]any{"bizOrderNo": "R-1", "oriBizOrderNo": "B-1", "bizUserId": "m1", "amount": 100}})
			assert.Equal(t, "40039", errCode(serr))
			assert.Contains(t, serr.Error(), "§4.2.16 note 5")
			assert.Equal(t, before, et.e.Orders("a"), "nothing booked")

			et.backfilled(TerminalPayment{OrderType: backfillRefund, Amount: 100, Srctrxid: paid["trxid"], POS: tt.tp.POS}, "R-1")
			assert.Len(t, et.e.Orders("a"), 2, "the terminal's refund is back-filled")
		})
	}
}

package emulator

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/internal/clock"
	"github.com/tsymock/tsymock/internal/ids"
)

// TestBackfillChannelFields: a back-filled order answers in getOrderDetail
// and its result notification the 收银宝 keys of spec §4.2.19 and §4.2.15:
// the terminal, the sub-merchant, the trxid as the channel's serial, the
// channel's time; a POS payment also traceno and termrefnum (its
// back-fill's too, §4.1.22), the channel fee and the card's accttype, by
// default made from the trxid. A 当面付 QR payment has none of the POS
// keys, and a POS key without pos is refused.
func TestBackfillChannelFields(t *testing.T) {
	tests := []struct {
		name     string
		tp       TerminalPayment
		form     map[string]string // back-fill form keys that must hold (trxid-derived ones checked apart)
		absent   []string          // keys neither the form nor the answer has
		accttype string
		acct     string
	}{
		{"a 当面付 QR payment", TerminalPayment{TrxCode: "VSP501"}, map[string]string{"payInterfacetrxcode": "VSP501"},
			[]string{"traceno", "termrefnum", "channelFee", "accttype"}, "", ""},
		{"a QR payment with the channel's fee", TerminalPayment{ChannelFee: "3"}, map[string]string{"channelFee": "3"},
			[]string{"traceno", "termrefnum", "accttype"}, "", ""},
		{"a POS payment, defaults", TerminalPayment{POS: true}, map[string]string{"channelFee": "0"}, nil, "00", ""},
		{"a POS payment, as the terminal said", TerminalPayment{POS: true, Traceno: "000123", Termrefnum: "310000000123",
			ChannelFee: "6", Acct: "6228480000000000001", AcctType: "02"},
			map[string]string{"traceno": "000123", "termrefnum": "310000000123", "channelFee": "6"}, nil, "02", "622848****0001"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			et := backfillTest(t)
			tp := tt.tp
			f := et.backfilled(tp, "B-1")
			for k, v := range tt.form {
				assert.Equal(t, v, f[k], k)
			}
			if tp.POS && tp.Traceno == "" {
				assert.Equal(t, f["trxid"][len(f["trxid"])-6:], f["traceno"])
				assert.Equal(t, f["trxid"][len(f["trxid"])-12:], f["termrefnum"])
			}
			detail, serr := et.e.Handle(context.Background(), Request{SysID: "a", Service: "OrderService",
				Method: "getOrderDetail", Param: map[string]any{"bizOrderNo": "B-1"}})
			require.Nil(t, serr)
			evs := et.e.TakeEvents()
			result := evs[len(evs)-1].ReturnValue // after the back-fill itself
			for _, got := range []map[string]any{detail, result} {
				assert.Equal(t, []any{"T1", "CUS1", f["trxid"], f["paytime"]},
					[]any{got["termno"], got["cusid"], got["payInterfaceOutTradeNo"], got["channelPaytime"]})
				for _, k := range []string{"traceno", "termrefnum", "channelFee", "payInterfacetrxcode"} {
					if f[k] != "" {
						assert.Equal(t, f[k], got[k], k)
					}
				}
				for _, k := range tt.absent {
					assert.NotContains(t, got, k)
					assert.NotContains(t, f, k)
				}
				if tt.accttype != "" {
					assert.Equal(t, tt.accttype, got["accttype"])
				}
				if tt.acct != "" {
					assert.Equal(t, tt.acct, got["acct"], "the card masked")
				}
			}
		})
	}
	et := backfillTest(t)
	for _, tp := range []TerminalPayment{{Traceno: "1"}, {POS: true, AcctType: "07"}, {ChannelFee: "1.5"}} {
		tp.Termid, tp.OrderType, tp.Amount, tp.PayStatus = "T1", backfillDeposit, 1, "success"
		_, serr := et.e.TerminalPayment("a", tp)
		assert.Equal(t, "10000", errCode(serr), "%+v", tp)
	}
}

// TestOrderVSPPayChannelFields: an ORDER_VSPPAY order paid on tsymock's POS
// page answers the keys a POS payment must (spec §4.2.19: termrefnum,
// channelFee, channelPaytime 收银宝订单 pos 支付时必填; accttype), made up
// from the order: traceno its payCode, the channel's serial as in the
// reconciliation file. An order of another method has none.
func TestOrderVSPPayChannelFields(t *testing.T) {
	e := newTest()
	market(t, e)
	v := ok(t, e, "consumeApply", orderParams("consumeApply", "buyer", "pos1", 100, `{"ORDER_VSPPAY":{"amount":100,"vspCusid":"CUS9"}}`, ""))
	detail := ok(t, e, "getOrderDetail", `{"bizOrderNo":"pos1"}`)
	assert.NotContains(t, detail, "termrefnum", "not before it is paid")
	_, serr := e.ConfirmOrder("app", "pos1")
	require.Nil(t, serr)
	detail = ok(t, e, "getOrderDetail", `{"bizOrderNo":"pos1"}`)
	no := v["orderNo"].(string)
	assert.Equal(t, map[string]any{"payInterfaceOutTradeNo": "TSYMOCK" + no, "traceno": v["payCode"],
		"termrefnum": no[len(no)-12:], "channelFee": "0", "channelPaytime": "20261128120000", "accttype": "00", "cusid": "CUS9"},
		pickAny(detail, "payInterfaceOutTradeNo", "traceno", "termrefnum", "channelFee", "channelPaytime", "accttype", "cusid"))

	ok(t, e, "consumeApply", orderParams("consumeApply", "buyer", "bal", 100, `{"BALANCE":[{"accountSetNo":"200126","amount":100}]}`, `"validateType":0,`))
	assert.NotContains(t, ok(t, e, "getOrderDetail", `{"bizOrderNo":"bal"}`), "termrefnum")
}

// pickAny is the entries of m with these keys that it has.
func pickAny(m map[string]any, keys ...string) map[string]any {
	out := map[string]any{}
	for _, k := range keys {
		if v, ok := m[k]; ok {
			out[k] = v
		}
	}
	return out
}

// TestBackfillFileLine: a back-filled order's line in the reconciliation
// file shows what its terminal reported (spec §4.3.2: 渠道流水号 and 渠道手续费
// are taken from the channel's file): 收银宝's trxid and its fee.
func TestBackfillFileLine(t *testing.T) {
	et := backfillTest(t)
	form := et.backfilled(TerminalPayment{POS: true, ChannelFee: "4"}, "B-1")
	text, err := et.e.CheckAccountFile("a", "20261128", false)
	require.NoError(t, err)
	var line []string
	for _, l := range strings.Split(strings.TrimSpace(text), "\n") {
		if f := strings.Split(l, "|"); len(f) > 5 && f[5] == "B-1" {
			line = f
		}
	}
	require.NotNil(t, line, "B-1 in:\n%s", text)
	assert.Equal(t, []string{"充值", "1500", "1500", form["trxid"], "4", "ORDER_VSPPAY"},
		[]string{line[1], line[2], line[6], line[7], line[8], line[15]})
}

// TestBackfillFileTrxCode: a back-filled terminal payment's line in the
// reconciliation file passes on the trade type its terminal reported
// (spec §4.3.2 渠道交易类型: 透传渠道实际交易类型，针对收银宝入金交易才返回),
// as getOrderDetail answers it (payInterfacetrxcode); a payment reported
// without one, and a refund at the terminal (no 入金), leave it empty.
func TestBackfillFileTrxCode(t *testing.T) {
	et := backfillTest(t)
	paid := et.backfilled(TerminalPayment{TrxCode: "VSP501"}, "B-wx")
	tests := []struct {
		name, bizOrderNo string
		tp               *TerminalPayment // nil: B-wx, made above
		want             string
	}{
		{"a 当面付 WeChat payment", "B-wx", nil, "VSP501"},
		{"an Alipay payment", "B-ali", &TerminalPayment{TrxCode: "VSP511"}, "VSP511"},
		{"a POS card payment, no trade type reported", "B-pos", &TerminalPayment{POS: true}, ""},
		{"a refund at the terminal", "R-wx", &TerminalPayment{OrderType: backfillRefund, Amount: 100, Srctrxid: paid["trxid"],
			TrxCode: "VSP503"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.tp != nil {
				et.backfilled(*tt.tp, tt.bizOrderNo)
			}
			assert.Equal(t, tt.want, trxCodeInFile(t, et.e, "a", tt.bizOrderNo))
		})
	}
}

// posDetailKeys are the keys of getOrderDetail (spec §4.2.19) that pass on
// what 收银宝 reported of a terminal payment, acct among them.
func posDetailKeys() []string {
	return []string{"termno", "cusid", "payInterfaceOutTradeNo", "termrefnum", "channelFee", "channelPaytime",
		"payInterfacetrxcode", "traceno", "accttype", "acct"}
}

// TestBackfillDetailVSP: getOrderDetail of a back-filled order answers
// exactly the 收银宝 keys spec §4.2.19 lists for what its terminal
// reported, each a String as the table types it: a 当面付 QR payment the
// terminal, the sub-merchant, the trxid as payInterfaceOutTradeNo, the
// paytime, the trxcode when reported; a POS payment also termrefnum,
// channelFee and channelPaytime (收银宝订单 pos 支付时必填), traceno and
// accttype (刷卡消费交易必传), by default made from its trxid, which the
// seeded numbers give; a refund at the terminal its own trxid. A restored
// snapshot answers the same. An order paid by balance has none of them,
// one through 收银宝's gateway the channel's but no terminal's
// (TestChannelKeysOfPaidOrders).
func TestBackfillDetailVSP(t *testing.T) {
	type want map[string]string // "trxid", "trxid6", "trxid12", "paytime": the back-fill's
	tests := []struct {
		name string
		tp   TerminalPayment
		want want
	}{
		{"a 当面付 QR payment", TerminalPayment{TrxCode: "VSP511", Acct: "2088102146225135"},
			want{"payInterfacetrxcode": "VSP511", "acct": "2088102146225135"}},
		{"a QR payment, nothing optional", TerminalPayment{}, want{}},
		{"a POS payment, defaults", TerminalPayment{POS: true},
			want{"traceno": "trxid6", "termrefnum": "trxid12", "channelFee": "0", "accttype": "00"}},
		{"a POS payment, as the terminal said", TerminalPayment{POS: true, Traceno: "000123", Termrefnum: "310000000123",
			ChannelFee: "6", Acct: "6228480000000000001", AcctType: "02"},
			want{"traceno": "000123", "termrefnum": "310000000123", "channelFee": "6", "accttype": "02",
				"acct": "622848****0001"}},
		{"a POS refund at the terminal", TerminalPayment{POS: true, OrderType: backfillRefund, Amount: 100, ChannelFee: "1"},
			want{"traceno": "trxid6", "termrefnum": "trxid12", "channelFee": "1", "accttype": "00"}},
	}
	et := backfillTest(t)
	detail := func(e *Emulator, bizOrderNo string) map[string]any {
		v, serr := e.Handle(context.Background(), Request{SysID: "a", Service: "OrderService", Method: "getOrderDetail",
			Param: map[string]any{"bizOrderNo": bizOrderNo}})
		require.Nil(t, serr, bizOrderNo)
		return v
	}
	forms := map[string]map[string]string{}
	for i, tt := range tests {
		if tt.tp.OrderType == backfillRefund {
			tt.tp.Srctrxid = forms["B-2"]["trxid"] // the POS payment's, with defaults
		}
		forms[fmt.Sprintf("B-%d", i)] = et.backfilled(tt.tp, fmt.Sprintf("B-%d", i))
	}
	s, err := et.e.Capture(nil)
	require.NoError(t, err)
	var b bytes.Buffer
	require.NoError(t, s.Encode(&b))
	r := New(Config{Clock: clock.NewManual(et.clock.Now()), IDs: ids.NewSeeded(1)})
	require.NoError(t, r.Restore(&b))
	for i, tt := range tests {
		no := fmt.Sprintf("B-%d", i)
		t.Run(tt.name, func(t *testing.T) {
			f := forms[no]
			exp := map[string]any{"termno": "T1", "cusid": "CUS1", "payInterfaceOutTradeNo": f["trxid"],
				"channelPaytime": f["paytime"]}
			for k, v := range tt.want {
				exp[k] = map[string]string{"trxid6": f["trxid"][len(f["trxid"])-6:],
					"trxid12": f["trxid"][len(f["trxid"])-12:]}[v]
				if exp[k] == "" {
					exp[k] = v
				}
			}
			got := detail(et.e, no)
			assert.Equal(t, exp, pickAny(got, posDetailKeys()...))
			assert.Equal(t, got, detail(r, no), "a restored snapshot answers the same")
		})
	}

	e := newTest()
	market(t, e)
	ok(t, e, "consumeApply", orderParams("consumeApply", "buyer", "bal", 100, `{"BALANCE":[{"accountSetNo":"200126","amount":100}]}`, `"validateType":0,`))
	ok(t, e, "consumeApply", orderParams("consumeApply", "buyer", "gw", 100, `{"GATEWAY_VSP":{"amount":100,"paytype":"B2C","vspCusid":"c"}}`, ""))
	_, serr := e.ConfirmOrder("app", "gw")
	require.Nil(t, serr)
	for _, no := range []string{"bal", "gw"} {
		t.Run("no terminal: "+no, func(t *testing.T) {
			got := ok(t, e, "getOrderDetail", fmt.Sprintf(`{"bizOrderNo":%q}`, no))
			assert.EqualValues(t, 4, got["orderStatus"], "paid")
			if no == "bal" {
				assert.Empty(t, pickAny(got, posDetailKeys()...))
				return
			}
			assert.Empty(t, pickAny(got, "termno", "traceno", "termrefnum", "accttype"), "no terminal's keys")
			assert.Equal(t, map[string]any{"cusid": "c", "payInterfaceOutTradeNo": channelSerial(asStr(got["orderNo"])),
				"channelFee": "0", "channelPaytime": got["channelPaytime"]}, pickAny(got, posDetailKeys()...), "the gateway's")
		})
	}
}

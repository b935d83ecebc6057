package emulator

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/internal/clock"
	"github.com/tsymock/tsymock/internal/ids"
)

// TestResendPaySMSLimits: a code is resent at most every 10 seconds, and
// only while the order takes it: until its orderExpireDatetime or, without
// one, 30 minutes after it was made (spec §4.2.25).
func TestResendPaySMSLimits(t *testing.T) {
	c := clock.NewManual(time.Date(2026, 11, 28, 4, 0, 0, 0, time.UTC))
	e := New(Config{Clock: c, IDs: ids.NewSeeded(1)})
	market(t, e)
	ok(t, e, "depositApply", orderParams("depositApply", "buyer", "d1", 100, `{"QUICKPAY_VSP":{`+card+`,"amount":100}}`, ""))
	ok(t, e, "depositApply", orderParams("depositApply", "buyer", "d2", 100, `{"QUICKPAY_VSP":{`+card+`,"amount":100}}`,
		`"orderExpireDatetime":"2026-11-28 12:05:00",`))
	steps := []struct {
		name    string
		advance time.Duration
		order   string
		code    string
	}{
		{"first resend", 0, "d1", ""},
		{"again at once", 0, "d1", "40015"},
		{"9 seconds later", 9 * time.Second, "d1", "40015"},
		{"10 seconds later", time.Second, "d1", ""},
		{"another order", 0, "d2", ""},
		{"past its orderExpireDatetime", 5 * time.Minute, "d2", "40019"},
		{"29 minutes old", 24 * time.Minute, "d1", ""},
		{"30 minutes old", time.Minute, "d1", "40019"},
	}
	for _, s := range steps {
		c.Advance(s.advance)
		if s.code == "" {
			assert.Equal(t, "13800000002", ok(t, e, "resendPaySMS", byOrder(s.order))["phone"], s.name)
		} else {
			assert.Equal(t, s.code, code(t, e, "resendPaySMS", byOrder(s.order)), s.name)
		}
	}
}

// TestStatementNewestFirstInEverySet: without accountSetNo the statement
// holds the member's lines of every set, the newest first (spec §4.2.20),
// each with its set's name and its order's extendInfo.
func TestStatementNewestFirstInEverySet(t *testing.T) {
	e := newTest()
	market(t, e)
	ok(t, e, "applicationTransfer", `{"bizTransferNo":"t2","sourceAccountSetNo":"100001","targetBizUserId":"buyer","targetAccountSetNo":"100001","amount":50}`)
	ok(t, e, "consumeApply", orderParams("consumeApply", "buyer", "c1", 30, `{"BALANCE":[{"accountSetNo":"200126","amount":30}]}`,
		`"validateType":0,"extendInfo":"note",`))
	got := ok(t, e, "queryInExpDetail", `{"bizUserId":"buyer","dateStart":"2026-11-28","dateEnd":"2026-11-28","startPosition":1,"queryNum":10}`)
	lines := got["inExpDetail"].([]any)
	require.Len(t, lines, 3)
	pick := func(i int, k string) any { return lines[i].(map[string]any)[k] }
	assert.Equal(t, []any{"c1", "t2", "fund"}, []any{pick(0, "bizOrderNo"), pick(1, "bizOrderNo"), pick(2, "bizOrderNo")})
	assert.Equal(t, []any{"tsymock测试应用-托管账户集", "标准余额账户集", "tsymock测试应用-托管账户集"},
		[]any{pick(0, "accountSetName"), pick(1, "accountSetName"), pick(2, "accountSetName")})
	assert.Equal(t, "note", pick(0, "extendInfo"))
	assert.NotContains(t, lines[1], "extendInfo", "a transfer that sent none: left out, as fastjson leaves a null out")
}

// TestOrderChecksOfTheSpec: refundType is D0 or D1 (40023, spec §4.2.16);
// an order made without split rules has no split record (40002, §4.2.24).
func TestOrderChecksOfTheSpec(t *testing.T) {
	e := newTest()
	market(t, e)
	ok(t, e, "consumeApply", orderParams("consumeApply", "buyer", "c1", 100, `{"BALANCE":[{"accountSetNo":"200126","amount":100}]}`, `"validateType":0,`))
	assert.Equal(t, "40023", code(t, e, "refund", `{"bizOrderNo":"r1","oriBizOrderNo":"c1","bizUserId":"buyer","amount":10,"refundType":"T1"}`))
	assert.Equal(t, "success", ok(t, e, "refund", `{"bizOrderNo":"r1","oriBizOrderNo":"c1","bizUserId":"buyer","amount":10,"refundType":"D0"}`)["payStatus"])
	assert.Equal(t, "40002", code(t, e, "getOrderSplitRuleListDetail", byOrder("c1")))
}

// TestRefundFeeAmount: a refund's feeAmount is neither negative, nor more
// than the refund's amount (spec §4.2.16: 不得超过退款总金额), nor than the
// original's fee left; each 40020 names the rule it broke.
func TestRefundFeeAmount(t *testing.T) {
	for _, tt := range []struct {
		name          string
		amount, fee   int64
		code, message string
	}{
		{"within both", 50, 10, "", ""},
		{"the whole fee", 500, 100, "", ""},
		{"negative", 50, -1, "40020", "feeAmount -1 is negative"},
		{"more than the refund", 5, 10, "40020", "feeAmount 10 is more than the refund's amount 5"},
		{"more than the fee left", 500, 101, "40020", "feeAmount 101: the fee left to refund on c1 is 100"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			e := newTest()
			market(t, e)
			ok(t, e, "consumeApply", `{"payerId":"buyer","recieverId":"shop","bizOrderNo":"c1","amount":1000,"fee":100,`+
				`"backUrl":"http://127.0.0.1/n","payMethod":{"BALANCE":[{"accountSetNo":"200126","amount":1000}]},"validateType":0,`+
				`"industryCode":"1910","industryName":"其他","source":1}`)
			out := call(t, e, "OrderService", "refund", fmt.Sprintf(
				`{"bizOrderNo":"r1","oriBizOrderNo":"c1","bizUserId":"buyer","amount":%d,"feeAmount":%d}`, tt.amount, tt.fee))
			refused(t, out, tt.code, tt.message)
		})
	}
}

// TestStatementNewestFirstAfterTheClockWentBack: spec §4.2.20 (line 8395:
// 返回明细以时间倒序排列) orders a statement by time, newest first; after the
// clock went back, a line posted later but dated earlier comes after the
// ones dated later, and lines of the same time keep their posting order,
// the later first. Each keeps the balances it was posted with.
func TestStatementNewestFirstAfterTheClockWentBack(t *testing.T) {
	c := clock.NewManual(time.Date(2026, 11, 28, 4, 0, 0, 0, time.UTC)) // 12:00 China time
	e := New(Config{Clock: c, IDs: ids.NewSeeded(1)})
	market(t, e) // the buyer's 100000 fen arrive at 12:00
	ok(t, e, "consumeApply", consume("buyer", "shop", "c1", 300, 0, ""))
	c.Advance(-3 * time.Hour)
	ok(t, e, "consumeApply", consume("buyer", "shop", "c2", 200, 0, ""))
	v := ok(t, e, "queryInExpDetail", `{"bizUserId":"buyer","dateStart":"2026-11-28","dateEnd":"2026-11-28","startPosition":1,"queryNum":10}`)
	var got [][]any
	for _, it := range v["inExpDetail"].([]any) {
		l := it.(map[string]any)
		got = append(got, []any{l["changeTime"], l["bizOrderNo"], l["chgAmount"], l["curAmount"]})
	}
	assert.Equal(t, [][]any{
		{"2026-11-28 12:00:00", "c1", int64(-300), int64(99700)},
		{"2026-11-28 12:00:00", "fund", int64(100000), int64(100000)},
		{"2026-11-28 09:00:00", "c2", int64(-200), int64(99500)},
	}, got)
}

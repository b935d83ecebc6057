package emulator

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/internal/clock"
	"github.com/tsymock/tsymock/internal/ids"
)

// extendInfoCall is one call of a method that passes extendInfo back as
// sent, with extendInfo spliced into its params by with.
type extendInfoCall struct {
	method string
	setup  func(t *testing.T, e *Emulator)
	param  func(with string) string // with: `"extendInfo":...,` or ""
	order  string                   // the bizOrderNo getOrderDetail reads, "" for none (a transfer)
}

// extendInfoCalls are the order methods (spec §4.2.2-§4.2.7, §4.2.16,
// §4.2.23: 接口将原样返回), batchAgentPay's items (§5.11) and
// applicationTransfer (§4.2.17), each making order or transfer "o1".
func extendInfoCalls() []extendInfoCall {
	splice := func(param string) func(string) string {
		return func(with string) string { return strings.Replace(param, "{", "{"+with, 1) }
	}
	collected := func(t *testing.T, e *Emulator) { ok(t, e, "agentCollectApply", collect("buyer", "shop", "k1", 100)) }
	return []extendInfoCall{
		{"depositApply", nil, splice(orderParams("depositApply", "buyer", "o1", 100, `{"QUICKPAY_VSP":{`+card+`,"amount":100}}`, "")), "o1"},
		{"withdrawApply", signedBuyer, splice(withdrawParams("o1", `,"validateType":0`)), "o1"},
		{"consumeApply", nil, splice(consume("buyer", "shop", "o1", 100, 0, "")), "o1"},
		{"agentCollectApply", nil, splice(collect("buyer", "shop", "o1", 100)), "o1"},
		{"signalAgentPay", collected, splice(payout("shop", "o1", "k1", 100)), "o1"},
		{"batchAgentPay", collected, func(with string) string {
			return `{"bizBatchNo":"B1","tradeCode":"4001","batchPayList":[` + splice(payout("shop", "o1", "k1", 100))(with) + `]}`
		}, "o1"},
		{"refund", func(t *testing.T, e *Emulator) { ok(t, e, "consumeApply", consume("buyer", "shop", "c1", 100, 0, "")) },
			splice(`{"bizOrderNo":"o1","oriBizOrderNo":"c1","bizUserId":"buyer","amount":100}`), "o1"},
		{"applicationTransfer", nil, func(with string) string {
			return strings.Replace(transferParams("o1", ""), "{", "{"+with, 1)
		}, ""},
		{"crossBorderWithdrawApply", reserveOf, splice(crossBorderParams("buyer", "reserve", "o1", reserveCard, 100)), "o1"},
	}
}

// TestExtendInfoSentEmptyIsAnswered: an extendInfo sent as "" comes back
// as "" in the method's answer and in getOrderDetail (spec §4.2.2-§4.2.7,
// §4.2.16, §4.2.17, §4.2.23: 接口将原样返回; §4.2.19: 订单接口信息原样返回; a
// merchant's live withdrawal code sends "" and reads it back unguarded);
// one left out or sent as null stays absent, as fastjson leaves out a null
// (real captures of orders without extendInfo); a text comes back as sent.
func TestExtendInfoSentEmptyIsAnswered(t *testing.T) {
	sent := []struct {
		name, with string
		want       any // nil: absent
	}{
		{"sent as empty", `"extendInfo":"",`, ""},
		{"left out", "", nil},
		{"sent as null", `"extendInfo":null,`, nil},
		{"a text", `"extendInfo":"x",`, "x"},
	}
	for _, c := range extendInfoCalls() {
		for _, s := range sent {
			t.Run(c.method+"/"+s.name, func(t *testing.T) {
				e := newTest()
				market(t, e)
				if c.setup != nil {
					c.setup(t, e)
				}
				got := ok(t, e, c.method, c.param(s.with))
				if c.method != "batchAgentPay" { // its answer is the batch's: bizBatchNo
					assertExtendInfo(t, s.want, got, "the answer")
				}
				if c.order != "" {
					assertExtendInfo(t, s.want, ok(t, e, "getOrderDetail", fmt.Sprintf(`{"bizOrderNo":%q}`, c.order)), "getOrderDetail")
				}
			})
		}
	}
}

// assertExtendInfo checks v's extendInfo: want, or absent when want is nil.
func assertExtendInfo(t *testing.T, want any, v map[string]any, what string) {
	t.Helper()
	if want == nil {
		assert.NotContains(t, v, "extendInfo", what)
		return
	}
	assert.Equal(t, want, v["extendInfo"], what)
}

// TestEmptyExtendInfoSurvivesASnapshot: an order that remembers its ""
// extendInfo keeps it through a snapshot and its restore.
func TestEmptyExtendInfoSurvivesASnapshot(t *testing.T) {
	e := newTest()
	market(t, e)
	signedBuyer(t, e)
	ok(t, e, "withdrawApply", withdrawParams("w1", `,"validateType":0,"extendInfo":""`))
	ok(t, e, "withdrawApply", withdrawParams("w2", `,"validateType":0`))
	var b strings.Builder
	snap, err := e.Capture(nil)
	require.NoError(t, err)
	require.NoError(t, snap.Encode(&b))
	assert.Contains(t, b.String(), `"extendInfoEmpty":true`)
	assert.Equal(t, 1, strings.Count(b.String(), `"extendInfoEmpty"`), "omitempty: only the order that sent \"\"")

	r := New(Config{Clock: clock.NewManual(time.Date(2026, 11, 28, 4, 0, 0, 0, time.UTC)), IDs: ids.NewSeeded(2)})
	require.NoError(t, r.Restore(strings.NewReader(b.String())))
	assertExtendInfo(t, "", ok(t, r, "getOrderDetail", `{"bizOrderNo":"w1"}`), "w1 restored")
	assertExtendInfo(t, nil, ok(t, r, "getOrderDetail", `{"bizOrderNo":"w2"}`), "w2 restored")
}

// TestStatementLinesEchoEmptyExtendInfo: queryInExpDetail's lines carry
// the extendInfo of the order or transfer that made them as sent, "" too
// (§5.12 inExpDetail[].extendInfo, the order methods' 原样返回; probe-S
// found a line leave out what the answers now echo), before and after a
// snapshot's restore.
func TestStatementLinesEchoEmptyExtendInfo(t *testing.T) {
	e := newTest()
	market(t, e)
	ok(t, e, "applicationTransfer", transferParams("t1", `,"extendInfo":""`))
	ok(t, e, "applicationTransfer", transferParams("t2", ""))
	ok(t, e, "applicationTransfer", transferParams("t3", `,"extendInfo":"x"`))
	ok(t, e, "consumeApply", strings.Replace(consume("buyer", "shop", "c1", 5, 0, ""), "{", `{"extendInfo":"",`, 1))
	want := map[string]any{"fund": nil, "t1": "", "t2": nil, "t3": "x", "c1": ""} // fund: market's
	assertLines := func(e *Emulator, what string) {
		v := ok(t, e, "queryInExpDetail", `{"bizUserId":"buyer","dateStart":"2026-11-28","dateEnd":"2026-11-28","startPosition":1,"queryNum":10}`)
		lines := v["inExpDetail"].([]any)
		require.Len(t, lines, len(want), what)
		for _, l := range lines {
			line := l.(map[string]any)
			assertExtendInfo(t, want[line["bizOrderNo"].(string)], line, fmt.Sprintf("%s: %v", what, line["bizOrderNo"]))
		}
	}
	assertLines(e, "live")
	var b strings.Builder
	snap, err := e.Capture(nil)
	require.NoError(t, err)
	require.NoError(t, snap.Encode(&b))
	r := New(Config{Clock: clock.NewManual(time.Date(2026, 11, 28, 4, 0, 0, 0, time.UTC)), IDs: ids.NewSeeded(2)})
	require.NoError(t, r.Restore(strings.NewReader(b.String())))
	assertLines(r, "restored")
}

// TestEmptyExtendInfoOfARulesDec2026cLog: an order applied for with
// extendInfo "" under RulesDec2026c was answered without extendInfo; its
// replay keeps it so, and getOrderDetail of the replayed order too
// (without the gate, the replayed order remembers the "" and answers it).
func TestEmptyExtendInfoOfARulesDec2026cLog(t *testing.T) {
	old, l := dec2026cMarket(t, false)
	signedBuyer(t, old)
	assert.NotContains(t, ok(t, old, "withdrawApply", withdrawParams("w1", `,"validateType":0,"extendInfo":""`)), "extendInfo")
	assert.NotContains(t, ok(t, old, "applicationTransfer", transferParams("t1", `,"extendInfo":""`)), "extendInfo")
	assert.Contains(t, string(l.ops[len(l.ops)-1]), fmt.Sprintf(`"rules":%d`, RulesDec2026c))

	r := l.replayInto(t)
	assert.NotContains(t, ok(t, r, "getOrderDetail", `{"bizOrderNo":"w1"}`), "extendInfo")
	assert.Equal(t, snapshot(old, "app"), snapshot(r, "app"))
}

// dec2026cMarket is a kept emulator (strict or not) that answers and logs
// under RulesDec2026c, with market's members, and its log: the old side of
// a RulesDec2026d replay test.
func dec2026cMarket(t *testing.T, strict bool) (*Emulator, *memLog) {
	t.Helper()
	l := &memLog{}
	old := New(Config{Clock: clock.NewManual(time.Date(2026, 12, 5, 4, 0, 0, 0, time.UTC)), IDs: ids.NewSeeded(1),
		Recorder: l, Strict: strict})
	old.answerAs = RulesDec2026c
	market(t, old)
	return old, l
}

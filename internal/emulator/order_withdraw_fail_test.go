package emulator

import (
	"fmt"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/internal/soa"
)

// TestFailMarkerWithACode: a withdrawal whose extendInfo holds
// tsymock:fail:CODE, CODE an error code of spec §7, fails with CODE and
// §7's text in its answer (payFailMessage), its notification (status
// error, errorCode, message) and getOrderDetail (errorMessage); the bare
// marker, and a CODE §7 lacks, fail with 40006 支付失败, the message saying
// why for the latter. A cross-border withdrawal (§4.2.23) takes it too.
func TestFailMarkerWithACode(t *testing.T) {
	tests := []struct {
		name, extendInfo, code string
		says                   string // in the message, after §7's text
	}{
		{"the bare marker", FailMarker, "40006", "(tsymock:fail in extendInfo)"},
		{"a card §7 refuses", "tsymock:fail:30047", "30047", "(tsymock:fail:30047 in extendInfo)"},
		{"a balance too low", "order 7 tsymock:fail:40014 please", "40014", "(tsymock:fail:40014 in extendInfo)"},
		{"a 4-digit code", "tsymock:fail:9000", "9000", "(tsymock:fail:9000 in extendInfo)"},
		{"a code §7 lacks", "tsymock:fail:12345", "40006", `"12345" is no error code of spec §7, so 40006`},
		{"letters for a code", "tsymock:fail:abc", "40006", `"abc" is no error code of spec §7`},
		{"a colon and nothing", "tsymock:fail:", "40006", "(tsymock:fail in extendInfo)"},
	}
	for _, tt := range tests {
		for _, method := range []string{"withdrawApply", "crossBorderWithdrawApply"} {
			t.Run(tt.name+"/"+method, func(t *testing.T) {
				e := newTest()
				market(t, e)
				param := withdrawParams("w1", `,"validateType":0,"extendInfo":`+strconv.Quote(tt.extendInfo))
				if method == "crossBorderWithdrawApply" {
					reserveOf(t, e)
					param = crossBorderParams("buyer", "reserve", "w1", reserveCard, 100)
					param = param[:len(param)-1] + `,"extendInfo":` + strconv.Quote(tt.extendInfo) + `}`
				} else {
					signedBuyer(t, e)
				}
				text, known := soa.Message(tt.code)
				require.True(t, known)
				message := text + ": the bank refused the withdrawal "
				before := e.AccountBalances("app")

				got := ok(t, e, method, param)
				assert.Equal(t, "fail", got["payStatus"])
				assert.Contains(t, got["payFailMessage"], message)
				assert.Contains(t, got["payFailMessage"], tt.says)
				assert.Equal(t, before, e.AccountBalances("app"), "no money moves")

				evs := orderEvents(e, "w1")
				require.Len(t, evs, 1)
				assert.Equal(t, []string{EventError, tt.code}, []string{evs[0].Status, evs[0].ErrorCode})
				assert.Equal(t, got["payFailMessage"], evs[0].Message)

				detail := ok(t, e, "getOrderDetail", `{"bizOrderNo":"w1"}`)
				assert.EqualValues(t, statusFailed, detail["orderStatus"])
				assert.Equal(t, evs[0].Message, detail["errorMessage"])
			})
		}
	}
}

// TestFailMarkerCodeOfARulesDec2026cLog: a withdrawal with
// tsymock:fail:30047 answered under RulesDec2026c failed with 40006; its
// replay fails it with 40006 again, the replayed state the same (without
// the gate the order fails with 30047, its notification and views too).
func TestFailMarkerCodeOfARulesDec2026cLog(t *testing.T) {
	old, l := dec2026cMarket(t, false)
	signedBuyer(t, old)
	ok(t, old, "withdrawApply", withdrawParams("w1", `,"validateType":0,"extendInfo":"tsymock:fail:30047"`))
	evs := orderEvents(old, "w1")
	require.Len(t, evs, 1)
	assert.Equal(t, "40006", evs[0].ErrorCode)
	assert.Contains(t, string(l.ops[len(l.ops)-1]), fmt.Sprintf(`"rules":%d`, RulesDec2026c))

	r := l.replayInto(t)
	assert.Equal(t, snapshot(old, "app"), snapshot(r, "app"))
	assert.Equal(t, "40006", orderView(t, r, "w1").ErrorCode)
}

// TestFailMarkerWaitsForTheConfirmation: a marked withdrawal confirmed by
// SMS (validateType 1, or none: the spec's default) waits for pay as any
// other, with no payStatus and nothing notified, and the bank refuses it
// at pay: payStatus fail, the code in its notification and getOrderDetail
// (since RulesDec2026e; it failed at the apply, before the user confirmed,
// and pay answered 40004: probe-Z).
func TestFailMarkerWaitsForTheConfirmation(t *testing.T) {
	for name, validate := range map[string]string{"validateType 1": `,"validateType":1`, "none": ""} {
		t.Run(name, func(t *testing.T) {
			e := newTest()
			market(t, e)
			signedBuyer(t, e)
			before := e.AccountBalances("app")
			got := ok(t, e, "withdrawApply", withdrawParams("w1", validate+`,"extendInfo":"tsymock:fail:30047"`))
			assert.NotContains(t, got, "payStatus", "waits for pay (spec §4.2.3: payStatus with validateType 0 only)")
			assert.EqualValues(t, statusUnpaid, ok(t, e, "getOrderDetail", `{"bizOrderNo":"w1"}`)["orderStatus"])
			assert.Empty(t, orderEvents(e, "w1"))

			paid := ok(t, e, "pay", `{"bizUserId":"buyer","bizOrderNo":"w1","verificationCode":"111111","consumerIp":"10.1.1.1"}`)
			assert.Equal(t, "fail", paid["payStatus"])
			assert.Contains(t, paid["payFailMessage"], "(tsymock:fail:30047 in extendInfo)")
			evs := orderEvents(e, "w1")
			require.Len(t, evs, 1)
			assert.Equal(t, []string{EventError, "30047"}, []string{evs[0].Status, evs[0].ErrorCode})
			assert.EqualValues(t, statusFailed, ok(t, e, "getOrderDetail", `{"bizOrderNo":"w1"}`)["orderStatus"])
			assert.Equal(t, before, e.AccountBalances("app"), "no money moves")
		})
	}
}

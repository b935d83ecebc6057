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

// transferParams is an applicationTransfer of 10 fen from the platform's
// standard set to buyer's escrow set; extra is spliced in before the
// closing brace.
func transferParams(no, extra string) string {
	return fmt.Sprintf(`{"bizTransferNo":%q,"sourceAccountSetNo":"100001","targetBizUserId":"buyer",`+
		`"targetAccountSetNo":"200126","amount":10%s}`, no, extra)
}

// TestTransferExtendInfo: applicationTransfer's extendInfo takes no "|"
// (spec §4.2.17, lines 7988-7994: 不可包含“|”特殊字符), as the order methods'
// does not: one is noted param-format, and refused with --strict (10000)
// with no money moved and the bizTransferNo free. It passed silently even
// with --strict (probe-J finding 2).
func TestTransferExtendInfo(t *testing.T) {
	tests := []struct {
		name, extra string
		noted       bool
	}{
		{"a pipe", `,"extendInfo":"a|b"`, true},
		{"a full-width pipe", `,"extendInfo":"a｜b"`, false},
		{"200 characters", `,"extendInfo":"` + strings.Repeat("e", 200) + `"`, false},
		{"none", "", false},
	}
	for _, tt := range tests {
		for _, strict := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s, strict %v", tt.name, strict), func(t *testing.T) {
				e := newTestOrStrict(strict)
				market(t, e)
				before, _ := balance(t, e, "buyer")
				out := call(t, e, "OrderService", "applicationTransfer", transferParams("t1", tt.extra))
				after, _ := balance(t, e, "buyer")
				if strict && tt.noted {
					refused(t, out, "10000", "rule "+ruleParamFormat, "spec §4.2.17")
					assert.Equal(t, before, after, "nothing moved")
					ok(t, e, "applicationTransfer", transferParams("t1", "")) // the number is free
					return
				}
				require.Nil(t, out.Err, "%v", out.Err)
				assert.Equal(t, before+10, after)
				if !tt.noted {
					assert.Empty(t, out.Portability)
					return
				}
				require.Len(t, out.Portability, 1)
				n := out.Portability[0]
				assert.Equal(t, []string{ruleParamFormat, "10000"}, []string{n.Rule, n.Code})
				assert.Contains(t, n.Message, "extendInfo: spec §4.2.17")
				assert.Equal(t, "a|b", out.Value["extendInfo"], "passed back as sent")
			})
		}
	}
}

// TestExtendInfoPipeCitesTheMethodsSection: the param-format note of an
// extendInfo holding "|" cites the table of the method called, each of
// which says 不可包含“|”特殊字符 (it cited §4.2.2-§4.2.7 for every order,
// refunds and cross-border withdrawals too).
func TestExtendInfoPipeCitesTheMethodsSection(t *testing.T) {
	pipe := func(param string) string { return strings.Replace(param, "{", `{"extendInfo":"a|b",`, 1) }
	tests := []struct {
		method  string
		setup   func(t *testing.T, e *Emulator)
		param   string
		section string
	}{
		{"depositApply", nil, pipe(orderParams("depositApply", "buyer", "o1", 100, `{"QUICKPAY_VSP":{`+card+`,"amount":100}}`, "")), "§4.2.2"},
		{"withdrawApply", signedBuyer, pipe(withdrawParams("o1", "")), "§4.2.3"},
		{"consumeApply", nil, pipe(consume("buyer", "shop", "o1", 100, 0, "")), "§4.2.4"},
		{"agentCollectApply", nil, pipe(collect("buyer", "shop", "o1", 100)), "§4.2.5"},
		{"signalAgentPay", func(t *testing.T, e *Emulator) { ok(t, e, "agentCollectApply", collect("buyer", "shop", "k1", 100)) },
			pipe(payout("shop", "o1", "k1", 100)), "§4.2.6 (a batchAgentPay item's §5.11)"},
		{"refund", func(t *testing.T, e *Emulator) { ok(t, e, "consumeApply", consume("buyer", "shop", "c1", 100, 0, "")) },
			pipe(`{"bizOrderNo":"o1","oriBizOrderNo":"c1","bizUserId":"buyer","amount":100}`), "§4.2.16"},
		{"applicationTransfer", nil, transferParams("o1", `,"extendInfo":"a|b"`), "§4.2.17"},
		{"crossBorderWithdrawApply", reserveOf, pipe(crossBorderParams("buyer", "reserve", "o1", reserveCard, 100)), "§4.2.23"},
	}
	for _, tt := range tests {
		t.Run(tt.method, func(t *testing.T) {
			e := newTest()
			market(t, e)
			if tt.setup != nil {
				tt.setup(t, e)
			}
			out := call(t, e, "OrderService", tt.method, tt.param)
			require.Nil(t, out.Err, "%v", out.Err)
			notes := notesOf(out.Portability, ruleParamFormat)
			require.Len(t, notes, 1)
			assert.Contains(t, notes[0].Message, "extendInfo: spec "+tt.section+" passes it back")
		})
	}
}

// TestTransferExtendInfoOfAnOlderLog: a --strict log written before
// RulesDec2026c holds a transfer whose extendInfo has a "|", answered OK
// then; it replays as it was answered, with no divergence (without the
// gate, the replay refuses it).
func TestTransferExtendInfoOfAnOlderLog(t *testing.T) {
	l := &memLog{}
	old := New(Config{Clock: clock.NewManual(time.Date(2026, 11, 28, 4, 0, 0, 0, time.UTC)), IDs: ids.NewSeeded(1),
		Recorder: l, Strict: true})
	old.answerAs = RulesDec2026b
	market(t, old)
	assert.Equal(t, "a|b", ok(t, old, "applicationTransfer", transferParams("t1", `,"extendInfo":"a|b"`))["extendInfo"])
	assert.Contains(t, string(l.ops[len(l.ops)-1]), fmt.Sprintf(`"strict":true,"rules":%d`, RulesDec2026b))

	r := l.replayInto(t) // fails on a divergence
	assert.Equal(t, snapshot(old, "app"), snapshot(r, "app"))
	all, _ := balance(t, r, "buyer")
	assert.Equal(t, int64(100000+10), all, "the transfer replayed")
}

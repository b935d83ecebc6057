package emulator

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/internal/clock"
	"github.com/tsymock/tsymock/internal/ids"
)

// TestDec2026OrderRulesReplayAsAnswered: a log written under RulesDec2026, the
// generation before RulesDec2026b, replays by the rules it was answered
// under, with no divergence and the state it had: a collection for the
// platform taken and a payout to it 30001 (30059 since), a split to the
// platform into the escrow set (30018 since), a wallet H5 order without
// orderExpireDatetime paid after 90 minutes (it expires after 60 since), a
// freeze that drew no serial for its tradeNo, a refundList item of an
// unknown set 40040 (30019 since); with --strict a WeChat QR order of 2
// hours (order-expiry-channel since). Each fails without its gate.
func TestDec2026OrderRulesReplayAsAnswered(t *testing.T) {
	newLogged := func(l *memLog, strict bool) (*Emulator, *clock.Manual) {
		c := clock.NewManual(time.Date(2026, 11, 28, 4, 0, 0, 0, time.UTC))
		e := New(Config{Clock: c, IDs: ids.NewSeeded(1), Recorder: l, Strict: strict})
		e.answerAs = RulesDec2026
		return e, c
	}
	replayed := func(t *testing.T, l *memLog, e *Emulator) {
		for _, b := range l.ops {
			require.Contains(t, string(b), `"rules":1`, "logged under RulesDec2026")
		}
		r := l.replayInto(t) // fails on a divergence
		assert.Equal(t, snapshot(e, "app"), snapshot(r, "app"))
		statement := `{"bizUserId":"buyer","accountSetNo":"200126","dateStart":"2026-11-28","dateEnd":"2026-11-28","startPosition":1,"queryNum":50}`
		assert.Equal(t, ok(t, e, "queryInExpDetail", statement), ok(t, r, "queryInExpDetail", statement), "the same tradeNos")
	}

	t.Run("lenient", func(t *testing.T) {
		l := &memLog{}
		e, c := newLogged(l, false)
		market(t, e)
		ok(t, e, "agentCollectApply", collectFor("buyer", "k1", 100, 0, `{"bizUserId":"#yunBizUserId_B2C#","amount":100}`))
		ok(t, e, "agentCollectApply", collectFor("buyer", "k2", 100, 0, `{"bizUserId":"shop","amount":100}`))
		assert.Equal(t, "30001", code(t, e, "signalAgentPay", payout("#yunBizUserId_B2C#", "p1", "k1", 100)))
		ok(t, e, "consumeApply", consume("buyer", "shop", "s1", 100, 0,
			`{"bizUserId":"#yunBizUserId_B2C#","accountSetNo":"200126","amount":10,"fee":0}`))
		ok(t, e, "freezeMoney", `{"bizUserId":"buyer","bizFreezenNo":"fz1","accountSetNo":"200126","amount":10}`)
		lines := asList(ok(t, e, "queryInExpDetail", `{"bizUserId":"buyer","accountSetNo":"200126","dateStart":"2026-11-28",`+
			`"dateEnd":"2026-11-28","startPosition":1,"queryNum":1}`)["inExpDetail"])
		require.Len(t, lines, 1)
		assert.Equal(t, map[string]any{"bizOrderNo": "fz1", "tradeNo": ""}, pickAny(lines[0], "bizOrderNo", "tradeNo"), "no serial drawn then")
		assert.Equal(t, "40040", code(t, e, "refund", `{"bizOrderNo":"r1","oriBizOrderNo":"k2","bizUserId":"buyer","amount":100,`+
			`"refundList":[{"bizUserId":"shop","amount":100,"accountSetNo":"999"}]}`))
		ok(t, e, "depositApply", orderParams("depositApply", "buyer", "w1", 100, `{"ALLINPAY_WALLET_H5":{"amount":100}}`,
			`"frontUrl":"http://127.0.0.1/f",`))
		c.Advance(90 * time.Minute)
		_, serr := e.ConfirmOrder("app", "w1")
		require.Nil(t, serr, "no default expiry then")
		replayed(t, l, e)
	})
	t.Run("strict", func(t *testing.T) {
		l := &memLog{}
		e, _ := newLogged(l, true)
		market(t, e)
		ok(t, e, "depositApply", orderParams("depositApply", "buyer", "q1", 100, `{"SCAN_WEIXIN":{"amount":100,"limitPay":""}}`,
			`"orderExpireDatetime":"2026-11-28 14:00:00",`))
		_, serr := e.ConfirmOrder("app", "q1") // paid, so that its status does not hang on the replay's clock
		require.Nil(t, serr)
		replayed(t, l, e)
	})
}

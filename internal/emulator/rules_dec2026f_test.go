package emulator

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/internal/clock"
	"github.com/tsymock/tsymock/internal/ids"
)

// dec2026eEmulator is an emulator that answers and logs under
// RulesDec2026e, with its log; strict is Config.Strict.
func dec2026eEmulator(strict bool) (*Emulator, *memLog) {
	l := &memLog{}
	e := New(Config{Clock: clock.NewManual(time.Date(2026, 12, 6, 4, 0, 0, 0, time.UTC)), IDs: ids.NewSeeded(1),
		Recorder: l, Strict: strict})
	e.answerAs = RulesDec2026e
	return e, l
}

// TestWeChatAppAmountOfARulesDec2026eLog: with --strict, a WECHATPAY_APP_OPEN
// of 7 fen was refused at its apply under RulesDec2026e (40006) and
// replays refused, leaving no order; since RulesDec2026f the apply is
// answered and the order fails (TestAppPaymentAmounts). Without the gate
// the replay diverges.
func TestWeChatAppAmountOfARulesDec2026eLog(t *testing.T) {
	old, l := dec2026eEmulator(true)
	market(t, old)
	param := orderParams("depositApply", "buyer", "d1", 7,
		`{"WECHATPAY_APP_OPEN":{"subAppId":"s","limitPay":"","amount":7}}`, `"goodsName":"g",`)
	out := call(t, old, "OrderService", "depositApply", param)
	require.NotNil(t, out.Err)
	assert.Equal(t, "40006", out.Err.Code)

	r := l.replayInto(t)
	assert.Equal(t, snapshot(old, "app"), snapshot(r, "app"))
	assert.Empty(t, r.Orders("app"))
}

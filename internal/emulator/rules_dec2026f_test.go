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

// TestRealNameBindingCodeOfARulesDec2026eLog: with --strict, a cardCheck 3
// binding confirmed with §5.2's 111111 was refused under RulesDec2026e
// (20011, test-sms-code) and replays refused, the card not bound; since
// RulesDec2026f it binds (TestBindBankCardCodes). Without the gate the
// replay diverges.
func TestRealNameBindingCodeOfARulesDec2026eLog(t *testing.T) {
	et := newEnvTest(t, true)
	l := &memLog{}
	et.e = New(Config{Clock: et.clock, IDs: ids.NewSeeded(1), Recorder: l, Strict: true})
	et.e.answerAs = RulesDec2026e
	et.person("p", validName, validID)
	ap := et.ok("applyBindBankCard", apply("p", abcCard, validName, validID, rnpPhone, checkRealNamePay, nil))
	out := et.call("bindBankCard", map[string]any{"bizUserId": "p", "phone": rnpPhone, "verificationCode": "111111",
		"tranceNum": ap["tranceNum"]})
	require.NotNil(t, out.Err)
	assert.Equal(t, "20011", out.Err.Code)

	r := l.replayInto(t)
	assert.Equal(t, snapshot(et.e, "a"), snapshot(r, "a"))
	et.e = r
	assert.Empty(t, et.bound("p"))
}

// TestRealNamePayCodeOfARulesDec2026eLog: with --strict and the configured
// code 246810, a REALNAMEPAY paid with that code passed under
// RulesDec2026e and replays paid; since RulesDec2026f it is 20011
// (TestRealNamePayConfiguredCode). Without the gate the replay diverges.
// The payer binds a payment account, not a phone, so that no setup step
// types the configured code.
func TestRealNamePayCodeOfARulesDec2026eLog(t *testing.T) {
	l := &memLog{}
	old := New(Config{Clock: clock.NewManual(time.Date(2026, 12, 6, 4, 0, 0, 0, time.UTC)), IDs: ids.NewSeeded(1),
		Recorder: l, Strict: true, VerificationCode: "246810"})
	old.answerAs = RulesDec2026e
	for _, s := range []struct {
		method string
		param  map[string]any
	}{
		{"createMember", map[string]any{"bizUserId": "buyer", "memberType": 3, "source": 1}},
		{"setRealName", map[string]any{"bizUserId": "buyer", "name": "李四", "identityType": 1, "identityNo": "11010119900307803X"}},
		{"applyBindAcct", map[string]any{"bizUserId": "buyer", "operationType": "set", "acctType": "aliPayService", "acct": "2088"}},
	} {
		_, serr := memberCall(t, old, "app", s.method, s.param)
		require.Nil(t, serr, s.method)
	}
	bindWith(t, old, "buyer", rnpCardNo, checkRealNamePay)
	ok(t, old, "depositApply", orderParams("depositApply", "buyer", "d1", 100, `{"REALNAMEPAY":{`+rnpCard+`,"amount":100}}`, ""))
	ok(t, old, "pay", `{"bizUserId":"buyer","bizOrderNo":"d1","verificationCode":"246810","consumerIp":"10.1.1.1"}`)

	r := l.replayInto(t, func(c *Config) { c.VerificationCode = "246810" })
	assert.Equal(t, snapshot(old, "app"), snapshot(r, "app"))
	assert.EqualValues(t, statusSucceeded, orderView(t, r, "d1").Status)
}

// TestRealNamePayRefundOfARulesDec2026eLog: under RulesDec2026e a
// consumption paid by REALNAMEPAY was refunded to its card
// (refundWhereabouts 2); the replay refunds it there again, the payer's
// balance as it was; since RulesDec2026f to the balance
// (TestRefundsToTheBalance). Without the gate the replayed refund goes to
// the balance.
func TestRealNamePayRefundOfARulesDec2026eLog(t *testing.T) {
	old, l := dec2026eEmulator(false)
	market(t, old)
	ok(t, old, "consumeApply", orderParams("consumeApply", "buyer", "c1", 2000, `{"REALNAMEPAY":{`+rnpCard+`,"amount":2000}}`, ""))
	ok(t, old, "pay", `{"bizUserId":"buyer","bizOrderNo":"c1","verificationCode":"111111","consumerIp":"10.1.1.1"}`)
	ok(t, old, "refund", `{"bizOrderNo":"r1","oriBizOrderNo":"c1","bizUserId":"buyer","amount":400}`)
	buyer, _ := balance(t, old, "buyer")

	r := l.replayInto(t)
	assert.Equal(t, snapshot(old, "app"), snapshot(r, "app"))
	assert.EqualValues(t, toChannel, ok(t, r, "getOrderDetail", `{"bizOrderNo":"r1"}`)["refundWhereabouts"])
	got, _ := balance(t, r, "buyer")
	assert.Equal(t, buyer, got)
}

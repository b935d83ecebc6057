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

// dec2026dEnv is an envTest whose application answers and logs under
// RulesDec2026d, with code as its configured SMS code.
func dec2026dEnv(t *testing.T, code string) (*envTest, *memLog) {
	t.Helper()
	et := newEnvTest(t, false)
	l := &memLog{}
	et.e = New(Config{Clock: et.clock, IDs: ids.NewSeeded(1), Recorder: l, VerificationCode: code})
	et.e.answerAs = RulesDec2026d
	return et, l
}

// TestImpossibleIdentityOfARulesDec2026dLog: a setRealName refused under
// RulesDec2026d for a birth date that is not real (30012) replays refused,
// with the member not real-named; under RulesDec2026e the same call passes
// with a note (TestSetRealNameIDCard). Without the gate the replay
// diverges.
func TestImpossibleIdentityOfARulesDec2026dLog(t *testing.T) {
	et, l := dec2026dEnv(t, "")
	et.ok("createMember", map[string]any{"bizUserId": "p", "memberType": 3, "source": 1})
	out := et.call("setRealName", map[string]any{"bizUserId": "p", "name": validName, "identityType": 1, "identityNo": "110101199002300000"})
	require.NotNil(t, out.Err)
	assert.Equal(t, "30012", out.Err.Code)
	assert.Contains(t, string(l.ops[len(l.ops)-1]), fmt.Sprintf(`"rules":%d`, RulesDec2026d))

	r := l.replayInto(t)
	assert.Equal(t, snapshot(et.e, "a"), snapshot(r, "a"))
	assert.Equal(t, false, memberInfo(t, r, "p")["isIdentityChecked"])
}

// TestAgreementCodeOfARulesDec2026dLog: with --verification-code 654321, a
// cardCheck 6 binding confirmed with §6.18's 111111 was refused under
// RulesDec2026d (20011) and replays refused, the card not bound; under
// RulesDec2026e it binds (TestBindBankCardCodes). Without the gate the
// replay diverges.
func TestAgreementCodeOfARulesDec2026dLog(t *testing.T) {
	et, l := dec2026dEnv(t, "654321")
	et.person("p", validName, validID)
	ap := et.ok("applyBindBankCard", apply("p", abcCard, validName, validID, "13800000001", checkAgreement, nil))
	out := et.call("bindBankCard", map[string]any{"bizUserId": "p", "phone": "13800000001", "verificationCode": "111111",
		"tranceNum": ap["tranceNum"]})
	require.NotNil(t, out.Err)
	assert.Equal(t, "20011", out.Err.Code)

	r := l.replayInto(t, func(c *Config) { c.VerificationCode = "654321" })
	assert.Equal(t, snapshot(et.e, "a"), snapshot(r, "a"))
	et.e = r
	assert.Empty(t, et.bound("p"))
}

// dec2026dEmulator is an emulator that answers and logs under
// RulesDec2026d, with its log.
func dec2026dEmulator() (*Emulator, *memLog) {
	l := &memLog{}
	e := New(Config{Clock: clock.NewManual(time.Date(2026, 12, 6, 4, 0, 0, 0, time.UTC)), IDs: ids.NewSeeded(1), Recorder: l})
	e.answerAs = RulesDec2026d
	return e, l
}

// TestRefundListStrangerOfARulesDec2026dLog: under RulesDec2026d a
// consumption refund's refundList took money from a member the order
// never paid; the replay takes it again, and the stranger's balance stays
// as it was answered; since RulesDec2026e it is 40022
// (TestConsumptionRefundListGivers). Without the gate the replay diverges.
func TestRefundListStrangerOfARulesDec2026dLog(t *testing.T) {
	old, l := dec2026dEmulator()
	splitTestOf(t, old)
	funded(t, old, 700, "stranger")
	ok(t, old, "consumeApply", consume("buyer", "shop", "c1", 2000, 0, ""))
	ok(t, old, "refund", `{"bizOrderNo":"r1","oriBizOrderNo":"c1","bizUserId":"buyer","amount":700,`+
		`"refundList":[{"bizUserId":"stranger","amount":700}]}`)
	assert.Zero(t, owned(old, "stranger", SetEscrow))

	r := l.replayInto(t)
	assert.Equal(t, snapshot(old, "app"), snapshot(r, "app"))
	assert.Zero(t, owned(r, "stranger", SetEscrow))
}

// TestSimulatedFailureTextOfARulesDec2026dLog: an agreement payment of 11
// yuan failed under RulesDec2026d with tsymock's English words, which the
// order keeps through a replay; since RulesDec2026e it fails with the
// spec's (TestAgreementPayAmounts). Without the gate the replayed order's
// errorMessage changes.
func TestSimulatedFailureTextOfARulesDec2026dLog(t *testing.T) {
	old, l := dec2026dEmulator()
	market(t, old)
	pm := fmt.Sprintf(`{"QUICKPAY_TLT":{%s,"amount":1100}}`, tltCard)
	ok(t, old, "depositApply", orderParams("depositApply", "buyer", "d1", 1100, pm, ""))
	ok(t, old, "pay", `{"bizUserId":"buyer","bizOrderNo":"d1","verificationCode":"111111","consumerIp":"10.1.1.1"}`)
	want := "test environment: QUICKPAY_TLT of 11.00 yuan simulates a failed payment"
	assert.Contains(t, orderView(t, old, "d1").ErrorMessage, want)

	r := l.replayInto(t)
	assert.Equal(t, snapshot(old, "app"), snapshot(r, "app"))
	assert.Contains(t, orderView(t, r, "d1").ErrorMessage, want)
}

// TestFailMarkerAtApplyOfARulesDec2026dLog: under RulesDec2026d a marked
// withdrawal with validateType 1 failed at its apply; the replay fails it
// there again (since RulesDec2026e it waits for pay:
// TestFailMarkerWaitsForTheConfirmation). Without the gate the replayed
// order waits, unpaid.
func TestFailMarkerAtApplyOfARulesDec2026dLog(t *testing.T) {
	old, l := dec2026dEmulator()
	market(t, old)
	signedBuyer(t, old)
	ok(t, old, "withdrawApply", withdrawParams("w1", `,"validateType":1,"extendInfo":"tsymock:fail:30047"`))
	require.EqualValues(t, statusFailed, orderView(t, old, "w1").Status)

	r := l.replayInto(t)
	assert.Equal(t, snapshot(old, "app"), snapshot(r, "app"))
	assert.EqualValues(t, statusFailed, orderView(t, r, "w1").Status)
}

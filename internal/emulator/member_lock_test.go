package emulator

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// lockTest is an application "app" with buyer (funded, its phone bound)
// and shop, shop's terminal T1, and buyer's consumption paid at once (c1)
// and one waiting for its SMS code (p1).
func lockTest(t *testing.T) *Emulator {
	t.Helper()
	e := newTest()
	lockSetup(t, e)
	e.TakeEvents()
	return e
}

// lockSetup makes lockTest's members, terminal and orders in e.
func lockSetup(t *testing.T, e *Emulator) {
	t.Helper()
	funded(t, e, 10_000, "buyer", "shop")
	realNamed(t, e, "shop")
	_, serr := memberCall(t, e, "app", "vspTermidService", map[string]any{"bizUserId": "shop", "operationType": "set",
		"vspCusid": "CUS1", "appid": "00013940", "vspTermid": "T1"})
	require.Nil(t, serr)
	ok(t, e, "consumeApply", consume("buyer", "shop", "c1", 1000, 0, ""))
	ok(t, e, "consumeApply", strings.Replace(consume("buyer", "shop", "p1", 500, 0, ""), `"validateType":0`, `"validateType":1`, 1))
}

func payParams(who, no string) string {
	return `{"bizUserId":"` + who + `","bizOrderNo":"` + no + `","verificationCode":"111111","consumerIp":"203.0.113.7"}`
}

func refundParams(who, no string) string {
	return `{"bizOrderNo":"r-` + no + `","oriBizOrderNo":"` + no + `","bizUserId":"` + who + `","amount":100}`
}

// terminalDeposit is a successful 当面付 payment of 1500 at T1.
func terminalDeposit() TerminalPayment {
	return TerminalPayment{Termid: "T1", OrderType: backfillDeposit, Amount: 1500, PayStatus: "success",
		URL: "http://127.0.0.1/b"}
}

// TestLockedMemberNeitherPaysNorReceives: spec §4.1.15 (会员被锁定后将无法创
// 建订单，也不能收款。除解锁会员之外，其它接口都将返回错误信息“会员已锁定”):
// pay and refund look up their bizUserId first, so a locked member is
// 30022 会员已锁定 and one that does not exist 30001 (pay was 40022 for it,
// as for another member's order, which stays 40022); a receiver locked
// after the apply is not paid (30022 naming it, TestLockedPartyIsNotPaid); a terminal payment
// to a locked member's terminal is not back-filled, nor is a back-fill
// booked that the merchant answers after the lock.
func TestLockedMemberNeitherPaysNorReceives(t *testing.T) {
	for _, tc := range []struct {
		name, lock, method, param, code, text string
	}{
		{"pay by a locked payer", "buyer", "pay", payParams("buyer", "p1"), "30022", textLocked},
		{"pay naming no member", "", "pay", payParams("nobody", "p1"), "30001", `"nobody"`},
		{"pay of another member's order", "", "pay", payParams("shop", "p1"), "40022", "belongs to buyer"},
		{"pay by a locked member of no order", "buyer", "pay", payParams("buyer", "nope"), "30022", textLocked},
		{"pay to a locked receiver", "shop", "pay", payParams("buyer", "p1"), "30022", textLocked + ": order p1 pays shop"},
		{"pay by the payer", "", "pay", payParams("buyer", "p1"), "", ""},
		{"refund to a locked payer", "buyer", "refund", refundParams("buyer", "c1"), "30022", textLocked},
		{"refund naming no member", "", "refund", refundParams("nobody", "c1"), "30001", `"nobody"`},
		{"refund naming another member", "", "refund", refundParams("shop", "c1"), "40022", "paid by buyer"},
		{"refund to the payer", "", "refund", refundParams("buyer", "c1"), "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := lockTest(t)
			if tc.lock != "" {
				ok(t, e, "lockMember", `{"bizUserId":"`+tc.lock+`"}`)
			}
			before := snapshot(e, "app")
			v, serr := do(t, e, tc.method, tc.param)
			if tc.code == "" {
				require.Nil(t, serr)
				assert.Equal(t, "success", v["payStatus"])
				return
			}
			require.NotNil(t, serr)
			assert.Equal(t, tc.code, serr.Code)
			assert.Contains(t, serr.Message, tc.text)
			assert.Equal(t, before, snapshot(e, "app"), "nothing changed")
		})
	}

	t.Run("a terminal payment to a locked member", func(t *testing.T) {
		e := lockTest(t)
		ok(t, e, "lockMember", `{"bizUserId":"shop"}`)
		_, serr := e.TerminalPayment("app", terminalDeposit())
		require.NotNil(t, serr)
		assert.Equal(t, []string{"30022", textLocked}, []string{serr.Code, serr.Message})
		assert.Empty(t, e.TakeEvents(), "no back-fill")
	})
	t.Run("a back-fill answered after the lock, then the unlock", func(t *testing.T) {
		e := lockTest(t)
		ev, serr := e.TerminalPayment("app", terminalDeposit())
		require.Nil(t, serr)
		ok(t, e, "lockMember", `{"bizUserId":"shop"}`)
		_, serr = e.AnswerBackfill("app", ev.Form["trxid"], merchantRetOK, "B-1", "")
		require.NotNil(t, serr)
		assert.Equal(t, []string{"30022", textLocked}, []string{serr.Code, serr.Message})
		assert.Empty(t, e.Orders("app")[2:], "nothing booked")
		_, serr = memberCall(t, e, "app", "unlockMember", map[string]any{"bizUserId": "shop"})
		require.Nil(t, serr)
		no, serr := e.AnswerBackfill("app", ev.Form["trxid"], merchantRetOK, "B-1", "")
		require.Nil(t, serr, "the back-fill still waited")
		assert.NotEmpty(t, no)
	})
	t.Run("a back-fill declined after the lock", func(t *testing.T) {
		e := lockTest(t)
		ev, serr := e.TerminalPayment("app", terminalDeposit())
		require.Nil(t, serr)
		ok(t, e, "lockMember", `{"bizUserId":"shop"}`)
		_, serr = e.AnswerBackfill("app", ev.Form["trxid"], "9999", "", "")
		assert.Nil(t, serr, "declining books nothing, so it is taken")
	})
}

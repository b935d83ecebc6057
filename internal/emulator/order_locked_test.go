package emulator

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/internal/soa"
)

// Pay methods of the lock tests: a gateway alone (confirmed on
// frontTrans.do, no code), a wallet H5 with BALANCE (frontTrans.do with the
// signed code), a balance.
const (
	lockGateway       = `{"GATEWAY_VSP":{"amount":100,"paytype":"B2C"}}`
	lockWalletBalance = `{"ALLINPAY_WALLET_H5":{"amount":60},"BALANCE":[{"accountSetNo":"200126","amount":40}]}`
	lockBalance       = `{"BALANCE":[{"accountSetNo":"200126","amount":100}]}`
)

// TestLockedPartyIsNotPaid: spec §4.1.15 (lines 2735-2737: 会员被锁定后将无法
// 创建订单，也不能收款。除解锁会员之外，其它接口都将返回错误信息“会员已锁定”): a
// member locked after the apply neither pays an order nor is paid by one.
// Its payer is 30022 with the spec's words whole, on the page (PendingOrder
// when frontTrans.do or payOrder.html opens, ConfirmOrder when its button is
// pressed) as by pay; a member it pays (a consumption's receiver or split
// member, a collection's receiver) is 30022 naming that member. Nothing
// moves, the order waits, and once unlocked it is paid. A member the order
// does not pay may be locked.
func TestLockedPartyIsNotPaid(t *testing.T) {
	tests := []struct {
		name, lock, method, payMethod, extra string
		byPay                                bool   // confirmed by OrderService.pay, else on its page
		says                                 string // the message: textLocked whole, or textLocked and this; "" paid
	}{
		{"a locked payer's gateway page", "buyer", "consumeApply", lockGateway, "", false, textLocked},
		{"a locked payer's wallet and balance page", "buyer", "consumeApply", lockWalletBalance, `"validateType":1,`, false, textLocked},
		{"a locked payer's gateway deposit", "buyer", "depositApply", lockGateway, "", false, textLocked},
		{"a locked payer's password page", "buyer", "consumeApply", lockBalance, `"validateType":2,`, false, textLocked},
		{"a locked payer by pay", "buyer", "consumeApply", lockBalance, `"validateType":1,`, true, textLocked},
		{"a locked receiver on the gateway page", "shop", "consumeApply", lockGateway, "", false, "order o1 pays shop, which is locked"},
		{"a locked receiver on the password page", "shop", "consumeApply", lockBalance, `"validateType":2,`, false, "order o1 pays shop"},
		{"a locked receiver by pay", "shop", "consumeApply", lockBalance, `"validateType":1,`, true, "order o1 pays shop"},
		{"a locked split member by pay", "agent", "consumeApply", lockBalance,
			`"validateType":1,"splitRule":[{"bizUserId":"agent","amount":30,"fee":0}],`, true, "order o1 pays agent"},
		{"a locked collection receiver by pay", "shop", "agentCollectApply", lockBalance, `"validateType":1,`, true, "order o1 pays shop"},
		{"a locked collection receiver on the gateway page", "shop", "agentCollectApply", lockGateway, "", false, "order o1 pays shop"},
		{"a member the order does not pay", "agent", "consumeApply", lockGateway, "", false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newTest()
			market(t, e)
			funded(t, e, 0, "agent")
			realNamed(t, e, "agent")
			out := call(t, e, "OrderService", tt.method, orderParams(tt.method, "buyer", "o1", 100, tt.payMethod,
				tt.extra+`"frontUrl":"http://127.0.0.1/f",`))
			require.Nil(t, out.Err)
			require.Equal(t, statusUnpaid, orderView(t, e, "o1").Status)
			ok(t, e, "lockMember", `{"bizUserId":"`+tt.lock+`"}`)
			pay := func() []string {
				if tt.byPay {
					_, serr := do(t, e, "pay", payParams("buyer", "o1"))
					return answered(serr)
				}
				if _, serr := e.PendingOrder("app", "o1"); serr != nil {
					return answered(serr)
				}
				_, serr := e.ConfirmOrder("app", "o1")
				return answered(serr)
			}
			if tt.says == "" {
				assert.Equal(t, answered(nil), pay())
				assert.Equal(t, statusSucceeded, orderView(t, e, "o1").Status)
				return
			}
			before := snapshot(e, "app")
			got := pay()
			text := got[1]
			assert.Equal(t, "30022", got[0])
			if tt.says == textLocked {
				assert.Equal(t, textLocked, text, "the spec's words whole, as for every call of a locked member")
			} else {
				assert.Contains(t, text, textLocked+": ")
				assert.Contains(t, text, tt.says)
			}
			assert.Equal(t, before, snapshot(e, "app"), "nothing moved")
			assert.Equal(t, statusUnpaid, orderView(t, e, "o1").Status, "the order waits")
			if !tt.byPay { // the button pressed on a page opened before the lock
				_, serr := e.ConfirmOrder("app", "o1")
				assert.Equal(t, got, answered(serr))
			}

			_, serr := memberCall(t, e, "app", "unlockMember", map[string]any{"bizUserId": tt.lock})
			require.Nil(t, serr)
			assert.Equal(t, answered(nil), pay(), "paid once unlocked")
			assert.Equal(t, statusSucceeded, orderView(t, e, "o1").Status)
		})
	}
}

// TestLockedPayeeIsNotPaidOut: a payout to a member locked after the
// collection is refused as the payment of an order to it is: signalAgentPay
// is 30022 with the spec's words (the payee is the call's bizUserId), and a
// batchAgentPay item to it fails with them, notified, the other items paid
// (spec §4.1.15; §4.2.7 note 3).
func TestLockedPayeeIsNotPaidOut(t *testing.T) {
	e := newTest()
	market(t, e)
	funded(t, e, 0, "agent")
	realNamed(t, e, "agent")
	ok(t, e, "agentCollectApply", collect("buyer", "shop", "k1", 500))
	ok(t, e, "agentCollectApply", collect("buyer", "agent", "k2", 500))
	ok(t, e, "lockMember", `{"bizUserId":"shop"}`)

	_, serr := do(t, e, "signalAgentPay", payout("shop", "p1", "k1", 500))
	assert.Equal(t, []string{"30022", textLocked}, answered(serr))
	e.TakeEvents()
	ok(t, e, "batchAgentPay", batchOf("B", payout("shop", "p1", "k1", 500), payout("agent", "p2", "k2", 500)))
	failed := orderView(t, e, "p1")
	assert.Equal(t, []any{statusFailed, "30022", textLocked}, []any{failed.Status, failed.ErrorCode, failed.ErrorMessage})
	evs := orderEvents(e, "p1")
	require.Len(t, evs, 1)
	assert.Equal(t, []any{EventError, "30022"}, []any{evs[0].Status, evs[0].ErrorCode})
	assert.Equal(t, statusSucceeded, orderView(t, e, "p2").Status)
	all, _ := balance(t, e, "agent")
	assert.Equal(t, int64(500), all)
}

// TestLockedPartyLogReplaysAsAnswered: before RulesDec2026c a payer locked
// after the apply paid on its page, and a member locked after it was paid,
// by pay and on the page; a log of then replays so.
func TestLockedPartyLogReplaysAsAnswered(t *testing.T) {
	l := &memLog{}
	old := newKept(l)
	old.answerAs = RulesDec2026b
	market(t, old)
	front := `"frontUrl":"http://127.0.0.1/f",`
	ok(t, old, "consumeApply", orderParams("consumeApply", "buyer", "g1", 100, lockGateway, front))
	ok(t, old, "consumeApply", orderParams("consumeApply", "buyer", "p1", 100, lockBalance, `"validateType":1,`))
	ok(t, old, "consumeApply", orderParams("consumeApply", "buyer", "w1", 100, lockWalletBalance, `"validateType":1,`+front))
	ok(t, old, "lockMember", `{"bizUserId":"shop"}`)
	paid := ok(t, old, "pay", payParams("buyer", "p1"))
	assert.Equal(t, "success", paid["payStatus"], "then a locked receiver was paid")
	_, serr := old.ConfirmOrder("app", "g1")
	require.Nil(t, serr, "on the page too")
	_, serr = memberCall(t, old, "app", "unlockMember", map[string]any{"bizUserId": "shop"})
	require.Nil(t, serr)
	ok(t, old, "lockMember", `{"bizUserId":"buyer"}`)
	_, serr = old.ConfirmOrder("app", "w1")
	require.Nil(t, serr, "then a locked payer paid on its page, its balance part too")
	all, _ := balance(t, old, "shop")
	assert.Equal(t, int64(300), all)
	r := l.replayInto(t) // fails on a divergence
	sameState(t, old, r, "replayed")
}

// answered is an answer's errorCode and message, both "" for a success.
func answered(serr *soa.Error) []string {
	if serr == nil {
		return []string{"", ""}
	}
	return []string{serr.Code, serr.Message}
}

package e2e

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/client"
	"github.com/tsymock/tsymock/internal/emulator"
	"github.com/tsymock/tsymock/mock"
)

// TestOrderNotifications: every kind of order reaches its backUrl as a
// signed OrderService/pay notification that client.VerifyNotification
// accepts, with the returnValue of PROTOCOL.md §5: one per batch item,
// paid or failed (spec §3.7's table; note 4 of §4.2.7 differs, see
// docs/methods.md), the original order on refunds, the masked card on
// withdrawals, and an error for a failed withdrawal (spec §4.2.15).
func TestOrderNotifications(t *testing.T) {
	e := newNotifyEnv(t, fastNotify(time.Second))
	c := e.orders(t)
	rcv := newReceiver(t, c.Client, nil)
	back := rcv.URL + "/notify"
	c.cardHolder("dora")
	c.person("shop")

	dep := deposit("dora", "d1", 20000, 0)
	dep.BackURL = back
	_, err := c.DepositApply(c.ctx, dep)
	require.NoError(t, err)
	_, err = c.pay("dora", "d1", smsCode)
	require.NoError(t, err)

	con := consume("dora", "shop", "c1", 3000, 0)
	con.BackURL = back
	c.consumed(con)
	col := collect("dora", "k1", 4000, 0, client.Receiver{BizUserID: "shop", Amount: 4000})
	col.BackURL = back
	_, err = c.AgentCollectApply(c.ctx, col)
	require.NoError(t, err)
	pay := payout("shop", "p1", "k1", 1000, 0)
	pay.BackURL = back
	_, err = c.SignalAgentPay(c.ctx, pay)
	require.NoError(t, err)
	items := []client.SignalAgentPayRequest{payout("shop", "b1", "k1", 1000, 0), payout("shop", "b2", "k1", 5000, 0)}
	items[0].BackURL, items[1].BackURL = back, back
	_, err = c.BatchAgentPay(c.ctx, client.BatchAgentPayRequest{BizBatchNo: "B1", BatchPayList: items, TradeCode: "4001"})
	require.NoError(t, err)
	ref := refund("dora", "r1", "c1", 1000)
	ref.BackURL = back
	_, err = c.Refund(c.ctx, ref)
	require.NoError(t, err)
	wd := withdraw("dora", "w1", cardABC, 1000, 0)
	wd.BackURL = back
	_, err = c.WithdrawApply(c.ctx, wd)
	require.NoError(t, err)
	wd = withdraw("dora", "w2", cardABC, 1000, 0)
	wd.BackURL, wd.ExtendInfo = back, emulator.FailMarker
	_, err = c.WithdrawApply(c.ctx, wd)
	require.NoError(t, err)

	got := byOrder(t, rcv.wait(t, 9))
	require.Len(t, got, 9, "b2, a batch item that cannot be paid, is notified as it fails (spec §3.7's table)")
	for _, tc := range []struct {
		biz, buyer, status, code string
		amount                   int64
	}{
		{"d1", "dora", "OK", "", 20000},
		{"c1", "dora", "OK", "", 3000},
		{"k1", "dora", "OK", "", 4000},
		{"p1", "", "OK", "", 1000},
		{"b1", "", "OK", "", 1000},
		{"b2", "", "error", "40040", 5000}, // more than the collection has left
		{"r1", "", "OK", "", 1000},
		{"w1", "dora", "OK", "", 1000},
		{"w2", "dora", "error", "40006", 1000},
	} {
		n := got[tc.biz]
		require.NotNil(t, n, tc.biz)
		assert.Equal(t, []string{"OrderService", "pay", tc.status, tc.code}, []string{n.Service, n.Method, n.Status, n.ErrorCode}, tc.biz)
		assert.Equal(t, e.SysID, n.SysID)
		assert.Equal(t, vectorTime, n.Timestamp, "%s: the server's clock", tc.biz)
		o, err := n.Order()
		require.NoError(t, err)
		assert.Equal(t, tc.amount, o.Amount, tc.biz)
		assert.Equal(t, c.orderNo(tc.biz), o.OrderNo, tc.biz)
		if tc.buyer != "" {
			assert.Equal(t, tc.buyer, o.BuyerBizUserID, tc.biz)
		}
	}
	r, err := got["r1"].Order()
	require.NoError(t, err)
	assert.Equal(t, []string{"c1", c.orderNo("c1")}, []string{r.OriBizOrderNo, r.OriOrderNo}, "a refund names its original")
	w, err := got["w1"].Order()
	require.NoError(t, err)
	assert.Equal(t, emulator.MaskNumber(cardABC), w.Acct, "a withdrawal names the card, masked as the platform does: a star per hidden digit")
	assert.NotEmpty(t, got["w2"].Message)

	for _, body := range rcv.bodies {
		assert.Equal(t, []string{"sysid", "rps", "timestamp", "v", "sign"}, keysInOrder(body), "PROTOCOL.md §5 order")
	}
	for _, n := range e.waitSettled(t, 8) {
		assert.Equal(t, mock.NotifyDelivered, n.State, n.ID)
		require.Len(t, n.Attempts, 1, n.ID)
		assert.Equal(t, 200, n.Attempts[0].Status)
		assert.Equal(t, 4, n.MaxAttempts)
		assert.True(t, n.Order)
	}
}

// TestVerifyResultNotification: an enterprise audit is notified once, as
// MemberService/verifyResult with the result, and every key of PROTOCOL.md
// §5 is in returnValue, "" when empty. A rejection's failReason is the
// platform-like 企业信息审核不通过 on the wire and in getMemberInfo; the
// trigger that rejected it is in the journal entry and the log line only.
func TestVerifyResultNotification(t *testing.T) {
	for _, tc := range []struct {
		name, company string
		want          string
		trigger       bool
	}{
		{"approved", "某某有限公司", `{"bizUserId":"acme","result":2,"checkTime":"` + vectorTime +
			`","failReason":"","remark":""}`, false},
		{"rejected", "某某有限公司 reject", `{"bizUserId":"acme","result":3,"checkTime":"` + vectorTime +
			`","failReason":"企业信息审核不通过","remark":""}`, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newNotifyEnv(t, fastNotify(time.Second))
			c := e.orders(t)
			rcv := newReceiver(t, c.Client, nil)
			c.company("acme")
			req := companyInfo("acme", tc.company)
			req.BackURL = rcv.URL + "/notify"
			_, err := c.SetCompanyInfo(c.ctx, req)
			require.NoError(t, err)

			n := rcv.wait(t, 1)[0]
			assert.Equal(t, []string{"MemberService", "verifyResult", "OK"}, []string{n.Service, n.Method, n.Status})
			assert.JSONEq(t, tc.want, string(n.ReturnValue))
			list := e.waitSettled(t, 1)
			assert.Equal(t, 1, list[0].MaxAttempts, "sent once")
			assert.False(t, list[0].Order)

			info, err := callJSON(t, c.Client, "MemberService.getMemberInfo", `{"bizUserId":"acme"}`)
			require.NoError(t, err)
			assert.NotContains(t, fmt.Sprint(info), "tsymock", "getMemberInfo")
			entries := e.srv.Journal(mock.JournalFilter{Method: "setCompanyInfo"})
			require.Len(t, entries, 1)
			if !tc.trigger {
				assert.Empty(t, entries[0].Triggers)
				return
			}
			require.Len(t, entries[0].Triggers, 1)
			assert.Contains(t, entries[0].Triggers[0], `companyName contains "reject" or "驳回"`)
			assert.NotContains(t, entries[0].Response, "tsymock", "the answer")
			waitForLog(t, e.env, `trigger="setCompanyInfo of \"acme\" rejected by tsymock's automatic audit`)
		})
	}
}

package e2e

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/client"
	"github.com/tsymock/tsymock/internal/emulator"
	"github.com/tsymock/tsymock/mock"
)

// notified lists, by bizOrderNo, the status of each order notification
// the server owes the application, as GET /__tsymock/notifications shows
// them. A call's notifications are listed by the time it is answered.
func (c *orderClient) notified() map[string][]string {
	c.t.Helper()
	var list []mock.Notification
	admin{t: c.t, base: c.env.URL}.get("notifications?sysid="+c.env.SysID, &list)
	out := map[string][]string{}
	for _, n := range list {
		if !n.Order {
			continue
		}
		var rps struct {
			Status      string `json:"status"`
			ReturnValue struct {
				BizOrderNo string `json:"bizOrderNo"`
			} `json:"returnValue"`
		}
		require.NoError(c.t, json.Unmarshal([]byte(n.RPS), &rps), n.RPS)
		out[rps.ReturnValue.BizOrderNo] = append(out[rps.ReturnValue.BizOrderNo], rps.Status)
	}
	return out
}

// TestNotifiedOutcomesOverHTTP: the merchant hears of a withdrawal and of
// a batch payout's item whether they succeed or fail (spec §3.7's table),
// of every other order only when it succeeds (spec §4.2.15 notes 2 and 3):
// a deposit the channel fails and an app payment of the failing test
// amount are not notified.
func TestNotifiedOutcomesOverHTTP(t *testing.T) {
	c, rcv := specEnv(t)
	back := rcv.URL + "/notify"
	tlt := func(amount int64) map[string]any {
		return body("QUICKPAY_TLT", body("bankCardNo", cardTLT, "amount", amount))
	}
	steps := []struct {
		name string
		run  func(t *testing.T)
		biz  string
		want []string // the statuses notified
	}{
		{"a withdrawal that succeeds", func(t *testing.T) {
			_, err := sendSpec(t, c.Client, "OrderService.withdrawApply", withdrawParam("w1", cardABC, 1000, 0, back, nil))
			require.NoError(t, err)
		}, "w1", []string{"OK"}},
		{"a withdrawal the bank refuses", func(t *testing.T) {
			p := withdrawParam("w2", cardABC, 1000, 0, back, nil)
			p["extendInfo"] = emulator.FailMarker
			_, err := sendSpec(t, c.Client, "OrderService.withdrawApply", p)
			require.NoError(t, err)
		}, "w2", []string{"error"}},
		{"a deposit the channel fails", func(t *testing.T) {
			_, err := sendSpec(t, c.Client, "OrderService.depositApply", orderParam("depositApply", "d1", 1100, tlt(1100), back))
			require.NoError(t, err)
			got, err := c.pay("buyer", "d1", smsCode)
			require.NoError(t, err)
			require.Equal(t, client.PayStatusFail, got.PayStatus)
		}, "d1", nil},
		{"an app payment of the failing test amount", func(t *testing.T) {
			pm := body("ALIPAY_APP_OPEN", body("amount", 6))
			_, err := sendSpec(t, c.Client, "OrderService.depositApply", orderParam("depositApply", "a6", 6, pm, back))
			require.NoError(t, err)
		}, "a6", nil},
		{"a batch item that cannot be paid", func(t *testing.T) {
			item := payout("shop", "b1", "none", 100, 0)
			item.BackURL = back
			_, err := c.BatchAgentPay(c.ctx, client.BatchAgentPayRequest{BizBatchNo: "B1", TradeCode: "4001",
				BatchPayList: []client.SignalAgentPayRequest{item}})
			require.NoError(t, err)
		}, "b1", []string{"error"}},
		{"a deposit that succeeds", func(t *testing.T) {
			_, err := sendSpec(t, c.Client, "OrderService.depositApply", orderParam("depositApply", "d2", 1800, tlt(1800), back))
			require.NoError(t, err)
			_, err = c.pay("buyer", "d2", smsCode)
			require.NoError(t, err)
		}, "d2", []string{"OK"}},
	}
	for _, s := range steps {
		t.Run(s.name, func(t *testing.T) {
			s.run(t)
			assert.Equal(t, s.want, c.notified()[s.biz])
		})
	}
	got := byOrder(t, rcv.wait(t, 4))
	assert.Len(t, got, 4, "w1, w2, b1 and d2 reach backUrl")
	failed(t, got["w2"], "40006", emulator.FailMarker)
}

// TestWithdrawDefaultsToSMSOverHTTP: a withdrawApply sent without
// validateType, as an SDK that leaves it out sends it, waits for pay with
// the SMS code (spec §4.2.3); with 0 it completes at once.
func TestWithdrawDefaultsToSMSOverHTTP(t *testing.T) {
	c, rcv := specEnv(t)
	p := withdrawParam("w1", cardABC, 1000, 0, rcv.URL+"/notify", nil)
	delete(p, "validateType")
	got, err := sendSpec(t, c.Client, "OrderService.withdrawApply", p)
	require.NoError(t, err)
	assert.NotContains(t, got, "validateType", "not in §4.2.3's response table")
	assert.NotContains(t, got, "payStatus", "only validateType 0 answers payStatus (spec §4.2.3)")
	assert.Equal(t, []int64{100000}, c.balances("buyer"), "nothing left before pay")
	paid, err := c.pay("buyer", "w1", smsCode)
	require.NoError(t, err)
	assert.Equal(t, client.PayStatusSuccess, paid.PayStatus)
	assert.Equal(t, []int64{99000}, c.balances("buyer"))

	now, err := c.WithdrawApply(c.ctx, withdraw("buyer", "w2", cardABC, 1000, 0))
	require.NoError(t, err)
	assert.Equal(t, client.PayStatusSuccess, now.PayStatus, "the Go client sends ValidateNone as 0")
}

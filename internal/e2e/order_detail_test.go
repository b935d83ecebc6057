package e2e

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/client"
)

// TestSplitRuleListDetailJourney: getOrderSplitRuleListDetail answers the
// split rules a consumption and a payout were made with, nested lists
// included, and whether the order was paid.
func TestSplitRuleListDetailJourney(t *testing.T) {
	c := orders(t)
	c.funded("payer", 10000)
	c.person("shop")
	c.person("agent")
	c.person("sub")
	nested := client.SplitRule{BizUserID: "agent", Amount: 1000, Fee: 50, Remark: "agent's cut",
		SplitRuleList: []client.SplitRule{{BizUserID: "sub", Amount: 100}}}
	c.consumed(consume("payer", "shop", "c1", 6000, 100, nested))
	pending := consume("payer", "shop", "c2", 500, 0, client.SplitRule{BizUserID: "agent", AccountSetNo: escrowSet, Amount: 50})
	pending.ValidateType = client.ValidateSMS
	_, err := c.ConsumeApply(c.ctx, pending)
	require.NoError(t, err)
	_, err = c.AgentCollectApply(c.ctx, collect("payer", "k1", 2000, 0, client.Receiver{BizUserID: "shop", Amount: 2000}))
	require.NoError(t, err)
	_, err = c.SignalAgentPay(c.ctx, payout("shop", "p1", "k1", 2000, 20, client.SplitRule{BizUserID: "agent", Amount: 200, Fee: 2}))
	require.NoError(t, err)

	for _, tc := range []struct {
		order string
		state int64
		rules []client.SplitRule
	}{
		{"c1", client.SplitDone, answered(nested)},
		{"c2", client.SplitNotDone, answered(client.SplitRule{BizUserID: "agent", AccountSetNo: escrowSet, Amount: 50})},
		{"p1", client.SplitDone, answered(client.SplitRule{BizUserID: "agent", Amount: 200, Fee: 2})},
	} {
		got, err := c.GetOrderSplitRuleListDetail(c.ctx, tc.order)
		require.NoError(t, err, tc.order)
		assert.Equal(t, client.SplitRuleListDetail{OrderNo: c.orderNo(tc.order), BizOrderNo: tc.order, ReceiverID: "shop",
			State: tc.state, SplitRuleListDetail: tc.rules}, *got, tc.order)
	}

	_, err = c.GetOrderSplitRuleListDetail(c.ctx, "k1")
	code, msg := answerCode(t, err)
	assert.Equal(t, []string{"40002", "无分账记录"}, []string{code, msg}, "a collection has no split rules of its own (spec §4.2.24)")
	_, err = c.GetOrderSplitRuleListDetail(c.ctx, "nope")
	assert.Equal(t, "40000", apiCode(t, err))
}

// TestPaymentInformationJourney: getPaymentInformationDetail follows a
// collection's receivers as payouts take their shares.
func TestPaymentInformationJourney(t *testing.T) {
	c := orders(t)
	c.realNamed("payer")
	c.give("payer", 10000)
	c.person("shop")
	c.person("agent")
	_, err := c.AgentCollectApply(c.ctx, collect("payer", "k1", 5100, 100,
		client.Receiver{BizUserID: "shop", Amount: 3000}, client.Receiver{BizUserID: "agent", Amount: 2000}))
	require.NoError(t, err)
	_, err = c.SignalAgentPay(c.ctx, payout("shop", "p1", "k1", 1000, 0))
	require.NoError(t, err)

	got, err := c.GetPaymentInformationDetail(c.ctx, client.PaymentInformationRequest{BizOrderNo: "k1"})
	require.NoError(t, err)
	assert.Equal(t, client.PaymentInformation{CollOrderNo: "k1",
		CollAmount: 5100, PayerID: "payer", PayerName: personName, CollTime: "2026-11-28 12:00:00",
		PayTotalAmount: 1000, UnPayTotalAmount: 4000, ReceiverInfoList: []client.ReceiverInfo{
			{ReceiverID: "shop", ManagedCollAmount: 3000, PayAmount: 1000, UnPayAmount: 2000, Status: client.ReceiverHeld},
			{ReceiverID: "agent", ManagedCollAmount: 2000, UnPayAmount: 2000, Status: client.ReceiverHeld},
		}}, *got)

	_, err = c.SignalAgentPay(c.ctx, payout("shop", "p2", "k1", 2000, 0))
	require.NoError(t, err)
	got, err = c.GetPaymentInformationDetail(c.ctx, client.PaymentInformationRequest{BizOrderNo: "k1", BizUserID: "shop",
		DateStart: today, DateEnd: today})
	require.NoError(t, err)
	assert.Equal(t, []client.ReceiverInfo{{ReceiverID: "shop", ManagedCollAmount: 3000, PayAmount: 3000,
		Status: client.ReceiverFinished}}, got.ReceiverInfoList)
	assert.Equal(t, []int64{3000, 0}, []int64{got.PayTotalAmount, got.UnPayTotalAmount})

	for _, tc := range []struct {
		name string
		req  client.PaymentInformationRequest
		code string
	}{
		{"not a collection", client.PaymentInformationRequest{BizOrderNo: "p1"}, "40018"},
		{"unknown order", client.PaymentInformationRequest{BizOrderNo: "nope"}, "40000"},
		{"not collected for the member", client.PaymentInformationRequest{BizOrderNo: "k1", BizUserID: "payer"}, "40022"},
		{"a date not written yyyy-MM-dd", client.PaymentInformationRequest{BizOrderNo: "k1", DateStart: "20261128"}, "40044"},
		{"dates the wrong way round", client.PaymentInformationRequest{BizOrderNo: "k1", DateStart: today, DateEnd: "2026-11-01"}, "40044"},
	} {
		_, err := c.GetPaymentInformationDetail(c.ctx, tc.req)
		assert.Equal(t, tc.code, apiCode(t, err), tc.name)
	}
}

// TestDetailAnswersOnTheWire: amounts, states and statuses are JSON
// numbers, ids strings, and the receiver key is spelt recieverId (sic).
func TestDetailAnswersOnTheWire(t *testing.T) {
	c := orders(t)
	c.funded("payer", 1000)
	c.person("shop")
	c.consumed(consume("payer", "shop", "c1", 100, 0, client.SplitRule{BizUserID: client.PlatformBizUserID, AccountSetNo: standardSet, Amount: 10}))
	_, err := c.AgentCollectApply(c.ctx, collect("payer", "k1", 100, 0, client.Receiver{BizUserID: "shop", Amount: 100}))
	require.NoError(t, err)

	split, err := callJSON(t, c.Client, "OrderService.getOrderSplitRuleListDetail", `{"bizOrderNo":"c1"}`)
	require.NoError(t, err)
	assert.Equal(t, map[string]any{"orderNo": c.orderNo("c1"), "bizOrderNo": "c1", "recieverId": "shop", "state": json.Number("1"),
		"splitRuleListDetail": []any{map[string]any{"bizUserId": client.PlatformBizUserID, "accountSetNo": standardSet,
			"amount": json.Number("10"), "fee": json.Number("0"), "remark": "", "splitRuleList": []any{}}}}, split)

	info, err := callJSON(t, c.Client, "OrderService.getPaymentInformationDetail", `{"bizOrderNo":"k1"}`)
	require.NoError(t, err)
	assert.Equal(t, json.Number("100"), info["collAmount"])
	assert.Equal(t, []any{map[string]any{"receiverId": "shop", "receiverName": "", "managedCollAmount": json.Number("100"),
		"payAmount": json.Number("0"), "unPayAmount": json.Number("100"), "status": json.Number("0")}}, info["receiverInfoList"])
}

// answered is split rules as the answer carries them: every splitRuleList
// present, [] when empty.
func answered(rules ...client.SplitRule) []client.SplitRule {
	out := make([]client.SplitRule, 0, len(rules))
	for _, r := range rules {
		r.SplitRuleList = answered(r.SplitRuleList...)
		out = append(out, r)
	}
	return out
}

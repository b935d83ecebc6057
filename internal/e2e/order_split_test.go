package e2e

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/client"
)

// TestListLimitsOverHTTP: the lists whose size the specification bounds
// (recieverList 2000, spec §4.2.5; collectPayList 100, §4.2.6 and §5.11;
// batchPayList 200, §4.2.7) are 10004 naming the list one item past the
// bound, and nothing is kept; at the bound they reach the emulator.
func TestListLimitsOverHTTP(t *testing.T) {
	c := orders(t)
	c.funded("payer", 10000)
	c.person("shop")
	receivers := func(n int) []client.Receiver {
		out := make([]client.Receiver, n)
		for i := range out {
			out[i] = client.Receiver{BizUserID: "shop", Amount: 1}
		}
		return out
	}
	draws := func(n int) []client.CollectPay {
		out := make([]client.CollectPay, n)
		for i := range out {
			out[i] = client.CollectPay{BizOrderNo: "k1", Amount: 1}
		}
		return out
	}
	batch := func(n, drawn int) client.BatchAgentPayRequest {
		items := make([]client.SignalAgentPayRequest, n)
		for i := range items {
			items[i] = payout("shop", fmt.Sprintf("b%d", i), "k1", int64(drawn), 0)
			items[i].CollectPayList = draws(drawn)
		}
		return client.BatchAgentPayRequest{BizBatchNo: fmt.Sprintf("B%d-%d", n, drawn), BatchPayList: items, TradeCode: "4001"}
	}
	tests := []struct {
		name string
		call func() error
		want string // the message's tail; "" for a call that passes
	}{
		{"recieverList of 2001", func() error {
			_, err := c.AgentCollectApply(c.ctx, collect("payer", "k0", 2001, 0, receivers(2001)...))
			return err
		}, "recieverList has 2001 items, more than the 2000 the specification's §4.2.5 allows"},
		{"recieverList of 2000", func() error {
			_, err := c.AgentCollectApply(c.ctx, collect("payer", "k1", 2000, 0, receivers(2000)...))
			return err
		}, ""},
		{"collectPayList of 101", func() error {
			req := payout("shop", "p0", "k1", 101, 0)
			req.CollectPayList = draws(101)
			_, err := c.SignalAgentPay(c.ctx, req)
			return err
		}, "collectPayList has 101 items, more than the 100 the specification's §4.2.6 allows"},
		{"collectPayList of 100", func() error {
			req := payout("shop", "p1", "k1", 100, 0)
			req.CollectPayList = draws(100)
			_, err := c.SignalAgentPay(c.ctx, req)
			return err
		}, ""},
		{"batchPayList of 201", func() error {
			_, err := c.BatchAgentPay(c.ctx, batch(201, 1))
			return err
		}, "batchPayList has 201 items, more than the 200 the specification's §4.2.7 allows"},
		{"a batch item's collectPayList of 101", func() error {
			_, err := c.BatchAgentPay(c.ctx, batch(1, 101))
			return err
		}, "batchPayList[0].collectPayList has 101 items, more than the 100"},
		{"refundList of 101", func() error {
			req := refund("payer", "r0", "k1", 101)
			req.RefundList = make([]client.RefundItem, 101)
			for i := range req.RefundList {
				req.RefundList[i] = client.RefundItem{BizUserID: "shop", Amount: 1}
			}
			_, err := c.Refund(c.ctx, req)
			return err
		}, "refundList has 101 items, more than the 100 the specification's §4.2.16 allows"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.call()
			if tt.want == "" {
				require.NoError(t, err)
				return
			}
			code, msg := answerCode(t, err)
			assert.Equal(t, "10004", code)
			assert.Contains(t, msg, tt.want)
		})
	}
	assert.Equal(t, []int64{10000 - 2000, 100}, c.balances("payer", "shop"), "only the calls at the bound were kept")
	_, err := c.GetOrderDetail(c.ctx, "k0")
	assert.Equal(t, "40000", apiCode(t, err), "the refused collection was not kept")
}

// splitting is an orderClient with "payer" holding 10000 and the members
// the split tests pay: the receiver "shop" and those of the spec's example.
func splitting(t *testing.T) (*orderClient, []string) {
	t.Helper()
	c := orders(t)
	c.funded("payer", 10000)
	members := []string{"shop", "10000", "10001", "10002", "10003", "10004"}
	for _, id := range members {
		c.person(id)
	}
	return c, members
}

// specExample is the worked example of spec §5.3 as client split rules:
// 10000 gets 1000 with a fee of 10 and gives 500 to 10001 and 200 to 10002;
// 10001 gives 100 to 10003, 10002 gives 50 to 10004.
func specExample() client.SplitRule {
	return client.SplitRule{BizUserID: "10000", Amount: 1000, Fee: 10, Remark: "一级", SplitRuleList: []client.SplitRule{
		{BizUserID: "10001", Amount: 500, SplitRuleList: []client.SplitRule{{BizUserID: "10003", Amount: 100}}},
		{BizUserID: "10002", Amount: 200, SplitRuleList: []client.SplitRule{{BizUserID: "10004", Amount: 50}}},
	}}
}

// TestNestedSplitJourney: over HTTP, a consumption with the nested split
// rule of spec §5.3's example leaves every member the balance the example
// lists, the platform the fee, the receiver the rest; split rules that do
// not fit (a list giving more than its parent has, a fourth level, eleven
// members, a nested item without its amount) change nothing; the detail
// answers the rule as sent. Eleven items naming fewer members pass with a
// split-members note.
func TestNestedSplitJourney(t *testing.T) {
	c, members := splitting(t)
	before := c.platform(standardSet)

	c.consumed(consume("payer", "shop", "c1", 1500, 20, specExample()))
	assert.Equal(t, []int64{10000 - 1500, 1500 - 20 - 1000, 290, 400, 150, 100, 50}, c.balances(append([]string{"payer"}, members...)...),
		"spec §5.3: 10000 keeps 1000 - 10 - 500 - 200, 10001 500 - 100, 10002 200 - 50")
	assert.Equal(t, int64(20+10), c.platform(standardSet)-before, "the order's fee and the split's, in the standard set (spec §4.3.2)")
	detail, err := c.GetOrderSplitRuleListDetail(c.ctx, "c1")
	require.NoError(t, err)
	assert.Equal(t, client.SplitDone, detail.State)
	assert.Equal(t, answered(specExample()), detail.SplitRuleListDetail)

	over := specExample()
	over.SplitRuleList[1].Amount = 491 // 500 + 491 > 1000 - 10
	deep := specExample()
	deep.SplitRuleList[0].SplitRuleList[0].SplitRuleList = []client.SplitRule{{BizUserID: "10004", Amount: 1}}
	// crowded names five more members under 10001: eleven in all (spec
	// §5.3: 分账总会员数<=10); named names 10003 six more times: eleven
	// items, still five members
	crowded, named := specExample(), specExample()
	for i := range 6 {
		c.person(fmt.Sprint("m", i))
		crowded.SplitRuleList[0].SplitRuleList = append(crowded.SplitRuleList[0].SplitRuleList,
			client.SplitRule{BizUserID: fmt.Sprint("m", i), Amount: 1})
		named.SplitRuleList[0].SplitRuleList = append(named.SplitRuleList[0].SplitRuleList, client.SplitRule{BizUserID: "10003", Amount: 1})
	}
	for i, tc := range []struct {
		name      string
		call      func(no string) error
		code, say string
	}{
		{"a list giving more than its parent has after its fee", func(no string) error {
			_, err := c.ConsumeApply(c.ctx, consume("payer", "shop", no, 1500, 0, over))
			return err
		}, "40020", "splitRule[0].splitRuleList shares add up to 991, more than the 990 that 10000 has"},
		{"a fourth level", func(no string) error {
			_, err := c.ConsumeApply(c.ctx, consume("payer", "shop", no, 1500, 0, deep))
			return err
		}, "10000", "splitRule nests 4 levels deep"},
		{"eleven members", func(no string) error {
			_, err := c.ConsumeApply(c.ctx, consume("payer", "shop", no, 1500, 0, crowded))
			return err
		}, "10000", "splitRule pays 11 members at all its levels"},
		{"a nested item without its amount", func(no string) error {
			_, err := c.Call(c.ctx, "OrderService", "consumeApply", map[string]any{"payerId": "payer", "recieverId": "shop",
				"bizOrderNo": no, "amount": 100, "fee": 0, "backUrl": backURL, "industryCode": "1910", "industryName": "其他",
				"source": 1, "payMethod": client.Balance(escrowSet, 100), "splitRule": []any{map[string]any{"bizUserId": "10000",
					"amount": 10, "fee": 0, "splitRuleList": []any{map[string]any{"bizUserId": "10001", "fee": 0}}}}})
			return err
		}, "10001", "splitRule[0].splitRuleList[0].amount"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, msg := answerCode(t, tc.call(fmt.Sprint("x", i)))
			assert.Equal(t, tc.code, code)
			assert.Contains(t, msg, tc.say)
		})
	}
	assert.Equal(t, []int64{8500, 480, 290, 400, 150, 100, 50}, c.balances(append([]string{"payer"}, members...)...), "nothing moved")
	assert.Equal(t, int64(10000), 8500+480+290+400+150+100+50+c.platform(standardSet)-before, "conserved")

	// eleven items naming five members pass, noted split-members: the spec
	// does not say whether the platform counts items
	var notes []client.WouldFail
	noting := c.env.client(t, client.WithWouldFail(func(_, _ string, n []client.WouldFail) {
		for _, w := range n {
			notes = append(notes, client.WouldFail{Rule: w.Rule, Code: w.Code}) // the reasons: TestWouldFailHeaderOnlyOnOK
		}
	}))
	_, err = noting.ConsumeApply(c.ctx, consume("payer", "shop", "c2", 1500, 0, named))
	require.NoError(t, err)
	assert.Contains(t, notes, client.WouldFail{Rule: "split-members", Code: "10000"}, "beside the receivers not real-named")
	assert.Equal(t, []int64{8500 - 1500, 100 + 100 + 6}, c.balances("payer", "10003"))
}

// TestNestedSplitPayoutJourney: a payout's splitRuleList nests like a
// consumption's (spec §4.2.6, §5.3): the payee keeps what the example's
// shares leave, each member what the example lists; a payout to the
// platform's standard set goes there.
func TestNestedSplitPayoutJourney(t *testing.T) {
	c, members := splitting(t)
	_, err := c.AgentCollectApply(c.ctx, collect("payer", "k1", 3000, 0, client.Receiver{BizUserID: "shop", Amount: 3000}))
	require.NoError(t, err)
	before := c.platform(standardSet)

	_, err = c.SignalAgentPay(c.ctx, payout("shop", "p1", "k1", 1500, 0, specExample()))
	require.NoError(t, err)
	assert.Equal(t, []int64{500, 290, 400, 150, 100, 50}, c.balances(members...))
	assert.Equal(t, int64(10), c.platform(standardSet)-before, "the split's fee, in the standard set (spec §4.3.2)")
	before = c.platform(standardSet)

	toPlatform := client.SplitRule{BizUserID: client.PlatformBizUserID, AccountSetNo: standardSet, Amount: 300, Fee: 0,
		SplitRuleList: []client.SplitRule{{BizUserID: "10003", Amount: 100}}}
	_, err = c.SignalAgentPay(c.ctx, payout("shop", "p2", "k1", 1500, 0, toPlatform))
	require.NoError(t, err)
	assert.Equal(t, int64(200), c.platform(standardSet)-before, "300 less the 100 it passed on, in its standard set")
	assert.Equal(t, []int64{500 + 1200, 200}, c.balances("shop", "10003"))
}

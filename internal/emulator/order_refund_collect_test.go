package emulator

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// paidOutCollection is a collection k1 of 1000 from buyer for shop (600)
// and agent (400), of which a payout p1 paid shop's 600 into 200126.
func paidOutCollection(t *testing.T, e *Emulator) {
	t.Helper()
	funded(t, e, 1000, "buyer")
	funded(t, e, 0, "shop", "agent")
	realNamed(t, e, "shop", "agent")
	ok(t, e, "agentCollectApply", collectFor("buyer", "k1", 1000, 0, `{"bizUserId":"shop","amount":600},{"bizUserId":"agent","amount":400}`))
	ok(t, e, "signalAgentPay", payout("shop", "p1", "k1", 600))
}

// refundOfK1 is a refund of amount of k1, with refundList items if any.
func refundOfK1(no string, amount int64, items string) string {
	list := ""
	if items != "" {
		list = `,"refundList":[` + items + `]`
	}
	return fmt.Sprintf(`{"bizOrderNo":%q,"oriBizOrderNo":"k1","bizUserId":"buyer","amount":%d%s}`, no, amount, list)
}

// TestCollectionRefunds: a collection partly paid out is refunded the
// way spec §4.2.16 (refundList (3)) and §5.9 say: a full refund without
// refundList goes back the way the money came (escrow, then the receivers
// paid); a partial one names in refundList where each part comes from, the
// receiver's share in escrow (no accountSetNo) or its account where a
// payout paid it (accountSetNo).
func TestCollectionRefunds(t *testing.T) {
	tests := []struct {
		name        string
		amount      int64
		items       string
		code        string
		says        string
		note        string // the Portability rule noted
		shop, agent int64  // balances after
		agentShare  int64  // agent's share left to pay out
	}{
		{name: "full, the way it came", amount: 1000, shop: 0, agent: 0, agentShare: 0},
		{name: "partial without refundList, noted", amount: 300, note: ruleRequired, shop: 600, agentShare: 100},
		{name: "from the receiver paid out", amount: 200, items: `{"bizUserId":"shop","accountSetNo":"200126","amount":200}`,
			shop: 400, agentShare: 400},
		{name: "from a share in escrow", amount: 400, items: `{"bizUserId":"agent","amount":400}`, shop: 600, agentShare: 0},
		{name: "both", amount: 700, items: `{"bizUserId":"shop","accountSetNo":"200126","amount":600},{"bizUserId":"agent","amount":100}`,
			shop: 0, agentShare: 300},
		{name: "more than the share in escrow", amount: 500, items: `{"bizUserId":"agent","amount":500}`,
			code: "40040", says: "holds 400 in escrow for agent"},
		{name: "a share paid out, without its account set", amount: 100, items: `{"bizUserId":"shop","amount":100}`,
			code: "40040", says: "with the accountSetNo it was paid to"},
		{name: "more than was paid out", amount: 700, items: `{"bizUserId":"shop","accountSetNo":"200126","amount":700}`,
			code: "40040", says: "paid 600 to shop"},
		{name: "another set than the payout's", amount: 100, items: `{"bizUserId":"shop","accountSetNo":"100001","amount":100}`,
			code: "40040", says: "paid 0 to shop in account set 100001"},
		{name: "no receiver of the collection", amount: 100, items: `{"bizUserId":"buyer","amount":100}`,
			code: "40022", says: "no receiver of collection k1"},
		{name: "items that do not add up", amount: 300, items: `{"bizUserId":"agent","amount":200}`,
			code: "40020", says: "adds up to 200"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newTest()
			paidOutCollection(t, e)
			out := call(t, e, "OrderService", "refund", refundOfK1("r1", tt.amount, tt.items))
			if refused(t, out, tt.code, tt.says) {
				all, _ := balance(t, e, "shop")
				assert.Equal(t, int64(600), all, "a refused refund takes nothing")
				return
			}
			assert.Equal(t, "success", out.Value["payStatus"])
			if tt.note != "" {
				require.Len(t, out.Portability, 1)
				assert.Equal(t, []string{tt.note, "10001"}, []string{out.Portability[0].Rule, out.Portability[0].Code})
			} else {
				assert.Empty(t, out.Portability)
			}
			buyer, _ := balance(t, e, "buyer")
			assert.Equal(t, tt.amount, buyer, "the payer has the refund back")
			shop, _ := balance(t, e, "shop")
			assert.Equal(t, tt.shop, shop)
			agent, _ := balance(t, e, "agent")
			assert.Equal(t, tt.agent, agent)
			assert.Equal(t, tt.agentShare, e.apps["app"].book.byBiz["k1"].shares["agent"], "what a payout can still pay agent")
		})
	}
}

// TestCollectionRefundStrict: with --strict, a partial refund of a
// collection without refundList is 10001, as spec §4.2.16 requires it.
func TestCollectionRefundStrict(t *testing.T) {
	e := newStrict()
	paidOutCollection(t, e)
	out := call(t, e, "OrderService", "refund", refundOfK1("r1", 300, ""))
	refused(t, out, "10001", "refundList", "partial refund")
	ok(t, e, "refund", refundOfK1("r2", 1000, ""))
}

// TestRefundedPayoutIsGone: what a refund took back from a receiver paid
// out cannot be taken again, and a full refund afterwards takes the rest.
func TestRefundedPayoutIsGone(t *testing.T) {
	e := newTest()
	paidOutCollection(t, e)
	ok(t, e, "refund", refundOfK1("r1", 500, `{"bizUserId":"shop","accountSetNo":"200126","amount":500}`))
	assert.Equal(t, "40040", code(t, e, "refund", refundOfK1("r2", 200, `{"bizUserId":"shop","accountSetNo":"200126","amount":200}`)))
	ok(t, e, "refund", refundOfK1("r3", 500, ""))
	for id, want := range map[string]int64{"buyer": 1000, "shop": 0, "agent": 0} {
		all, _ := balance(t, e, id)
		assert.Equal(t, want, all, id)
	}
	assert.Equal(t, "40020", code(t, e, "refund", refundOfK1("r4", 1, "")), "nothing is left to refund")
}

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

package emulator

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestCollectionSharesLeaveTheFee: a collection's recieverList adds up to
// its amount less its fee (spec §4.2.5, amount: 订单金额=收款列表总金额+手续费,
// spec-V2.1.5.txt line 5986), else 40020; the receivers are then paid out
// their whole shares.
func TestCollectionSharesLeaveTheFee(t *testing.T) {
	tests := []struct {
		name        string
		amount, fee int64
		receivers   string
		code        string
	}{
		{"shares plus the fee make the amount", 1010, 10, `{"bizUserId":"shop","amount":600},{"bizUserId":"agent","amount":400}`, ""},
		{"no fee: the shares are the amount", 1000, 0, `{"bizUserId":"shop","amount":600},{"bizUserId":"agent","amount":400}`, ""},
		{"shares that make the amount with a fee", 1000, 10, `{"bizUserId":"shop","amount":600},{"bizUserId":"agent","amount":400}`, "40020"},
		{"shares short of the amount less the fee", 1010, 10, `{"bizUserId":"shop","amount":600},{"bizUserId":"agent","amount":300}`, "40020"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newTest()
			funded(t, e, 10_000, "payer")
			funded(t, e, 0, "shop", "agent")
			realNamed(t, e, "shop", "agent")
			out := call(t, e, "OrderService", "agentCollectApply", collectFor("payer", "k1", tt.amount, tt.fee, tt.receivers))
			if refused(t, out, tt.code, "§4.2.5", "less the fee") {
				assert.Empty(t, e.Orders("app"), "nothing kept")
				return
			}
			ok(t, e, "signalAgentPay", payout("shop", "p1", "k1", 600))
			ok(t, e, "signalAgentPay", payout("agent", "p2", "k1", 400))
			assert.Equal(t, "40040", code(t, e, "signalAgentPay", payout("agent", "p3", "k1", 1)), "escrow is empty")
			all, _ := balance(t, e, "agent")
			assert.Equal(t, int64(400), all, "the whole share")
		})
	}
}

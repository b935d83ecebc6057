package emulator

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestFreezeLinesHaveATradeNo: a freeze's and an unfreeze's statement
// lines carry a serial of their own as tradeNo (spec §5.12 tradeNo 收支明细
// 流水号, required), as an order's line carries its orderNo.
func TestFreezeLinesHaveATradeNo(t *testing.T) {
	e := newTest()
	funded(t, e, 1_000, "m")
	ok(t, e, "freezeMoney", `{"bizUserId":"m","bizFreezenNo":"fz1","accountSetNo":"200126","amount":10}`)
	ok(t, e, "unfreezeMoney", `{"bizUserId":"m","bizFreezenNo":"fz1","accountSetNo":"200126","amount":10}`)
	lines := asList(ok(t, e, "queryInExpDetail", `{"bizUserId":"m","accountSetNo":"200126","dateStart":"2026-11-28",`+
		`"dateEnd":"2026-11-28","startPosition":1,"queryNum":10}`)["inExpDetail"])
	seen := map[string]bool{}
	for _, l := range lines {
		no := asStr(l["tradeNo"])
		t.Run(asStr(l["bizOrderNo"])+"/"+no, func(t *testing.T) {
			assert.Regexp(t, `^\d{22}$`, no, "a serial as the orders' numbers are, and its place")
			assert.False(t, seen[no], "each line its own")
		})
		seen[no] = true
	}
	require.Len(t, seen, len(lines))
}

// TestRefundListUnknownSet: a refundList item (spec §5.9) whose
// accountSetNo the application does not have is 30019 账户集不存在, as an
// unknown set is everywhere (was 40040, no payout found there).
func TestRefundListUnknownSet(t *testing.T) {
	e := newTest()
	funded(t, e, 1_000, "buyer", "shop")
	ok(t, e, "agentCollectApply", collectFor("buyer", "k1", 100, 0, `{"bizUserId":"shop","amount":100}`))
	tests := []struct{ name, set, code string }{
		{"unknown set", "999", "30019"},
		{"a set without a payout", "100001", "40040"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, serr := do(t, e, "refund", `{"bizOrderNo":"r-`+tt.set+`","oriBizOrderNo":"k1","bizUserId":"buyer","amount":100,`+
				`"refundList":[{"bizUserId":"shop","amount":100,"accountSetNo":"`+tt.set+`"}]}`)
			require.NotNil(t, serr)
			assert.Equal(t, tt.code, serr.Code)
		})
	}
}

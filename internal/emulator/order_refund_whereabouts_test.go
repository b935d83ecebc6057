package emulator

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestRefundsToTheBalance: spec §4.2.16 note 6 (line 7627: 仅支持退款至余额的
// 支付方式：POS 支付-实名付、山东代收) sends the refunds of 实名付 (REALNAMEPAY,
// since RulesDec2026f) and 山东代收 (WITHHOLD_SD) to the payer's balance
// (refundWhereabouts 1); another card payment's go back to the card (2).
func TestRefundsToTheBalance(t *testing.T) {
	for _, tc := range []struct {
		name, payMethod string
		where           int64
		payerGets       int64
	}{
		{"实名付", `{"REALNAMEPAY":{` + rnpCard + `,"amount":2000}}`, toBalance, 400},
		{"山东代收", `{"WITHHOLD_SD":{` + rnpCard + `,"amount":2000}}`, toBalance, 400},
		{"agreement pay", `{"QUICKPAY_TLT":{` + tltCard + `,"amount":2000}}`, toChannel, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newTest()
			market(t, e)
			ok(t, e, "consumeApply", orderParams("consumeApply", "buyer", "c1", 2000, tc.payMethod, ""))
			ok(t, e, "pay", `{"bizUserId":"buyer","bizOrderNo":"c1","verificationCode":"111111","consumerIp":"10.1.1.1"}`)
			require.EqualValues(t, statusSucceeded, orderView(t, e, "c1").Status)
			before, _ := balance(t, e, "buyer")
			r := ok(t, e, "refund", fmt.Sprintf(`{"bizOrderNo":"r1","oriBizOrderNo":"c1","bizUserId":"buyer","amount":%d}`, 400))
			assert.Equal(t, "success", r["payStatus"])
			after, _ := balance(t, e, "buyer")
			assert.Equal(t, tc.payerGets, after-before)
			assert.Equal(t, tc.where, ok(t, e, "getOrderDetail", `{"bizOrderNo":"r1"}`)["refundWhereabouts"])
		})
	}
}

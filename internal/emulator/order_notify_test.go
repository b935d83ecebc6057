package emulator

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// withdrawParams is buyer's withdrawApply of 100 fen to its bound card;
// extra is spliced in before the closing brace (e.g. `,"validateType":0`).
func withdrawParams(no, extra string) string {
	return fmt.Sprintf(`{"bizOrderNo":%q,"bizUserId":"buyer","accountSetNo":"200126","amount":100,"fee":0,`+
		`"backUrl":"http://127.0.0.1/n","bankCardNo":"6228480000000000001","industryCode":"1910","industryName":"其他",`+
		`"source":1%s}`, no, extra)
}

// TestWhichOutcomesAreNotified: a withdrawal and a batch payout's item are
// notified whether they succeed or fail (spec §3.7's table; for the batch
// item a choice where §4.2.7 note 4 differs, see batchAgentPay); every
// other order only when it succeeds (spec §4.2.15 notes 2 and 3, §4.2.3,
// §4.2.16).
func TestWhichOutcomesAreNotified(t *testing.T) {
	tlt := `{"QUICKPAY_TLT":{` + tltCard + `,"amount":%d}}`
	pay := `{"bizUserId":"buyer","bizOrderNo":"%s","verificationCode":"111111","consumerIp":"10.1.1.1"}`
	tests := []struct {
		name   string
		run    func(t *testing.T, e *Emulator)
		biz    string
		status int
		event  string // "" for none
	}{
		{"a withdrawal that succeeds", func(t *testing.T, e *Emulator) {
			ok(t, e, "withdrawApply", withdrawParams("o", `,"validateType":0`))
		}, "o", statusSucceeded, EventOK},
		{"a withdrawal the bank refuses", func(t *testing.T, e *Emulator) {
			ok(t, e, "withdrawApply", withdrawParams("o", `,"validateType":0,"extendInfo":"`+FailMarker+`"`))
		}, "o", statusFailed, EventError},
		{"a deposit that succeeds", func(t *testing.T, e *Emulator) {
			ok(t, e, "depositApply", orderParams("depositApply", "buyer", "o", 1800, fmt.Sprintf(tlt, 1800), ""))
			ok(t, e, "pay", fmt.Sprintf(pay, "o"))
		}, "o", statusSucceeded, EventOK},
		{"a deposit the channel fails", func(t *testing.T, e *Emulator) {
			ok(t, e, "depositApply", orderParams("depositApply", "buyer", "o", 1100, fmt.Sprintf(tlt, 1100), ""))
			ok(t, e, "pay", fmt.Sprintf(pay, "o"))
		}, "o", statusFailed, ""},
		{"an app payment of the failing test amount", func(t *testing.T, e *Emulator) {
			ok(t, e, "depositApply", orderParams("depositApply", "buyer", "o", 6, `{"ALIPAY_APP_OPEN":{"amount":6}}`, ""))
		}, "o", statusFailed, ""},
		{"a batch item that cannot be paid", func(t *testing.T, e *Emulator) {
			ok(t, e, "batchAgentPay", `{"bizBatchNo":"B","tradeCode":"2001","batchPayList":[{"bizOrderNo":"o",`+
				`"collectPayList":[{"bizOrderNo":"nothing","amount":100}],"bizUserId":"shop","accountSetNo":"200126",`+
				`"backUrl":"http://127.0.0.1/n","amount":100,"fee":0}]}`)
		}, "o", statusFailed, EventError},
		{"a refund the channel fails", func(t *testing.T, e *Emulator) {
			ok(t, e, "consumeApply", orderParams("consumeApply", "buyer", "c", 2000, fmt.Sprintf(tlt, 2000), ""))
			ok(t, e, "pay", fmt.Sprintf(pay, "c"))
			ok(t, e, "refund", `{"bizOrderNo":"o","oriBizOrderNo":"c","bizUserId":"buyer","amount":1600,"backUrl":"http://127.0.0.1/n"}`)
		}, "o", statusFailed, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newTest()
			market(t, e)
			tt.run(t, e)
			assert.Equal(t, tt.status, orderView(t, e, tt.biz).Status)
			evs := orderEvents(e, tt.biz)
			if tt.event == "" {
				assert.Empty(t, evs)
				return
			}
			require.Len(t, evs, 1)
			assert.Equal(t, tt.event, evs[0].Status)
		})
	}
}

// TestWithdrawalsConfirmBySMSByDefault: a withdrawal without validateType
// waits for pay with the SMS code, the default of spec §4.2.3 and §4.2.23;
// 0 completes it at once, 2 sends it to the password page. The answer
// names neither tradeNo nor validateType, which the withdrawals' response
// tables do not have (§4.2.3, §4.2.23).
func TestWithdrawalsConfirmBySMSByDefault(t *testing.T) {
	tests := []struct {
		name, extra string
		status      int
	}{
		{"none sent", "", statusUnpaid},
		{"0: no confirmation", `,"validateType":0`, statusSucceeded},
		{"1: the SMS code", `,"validateType":1`, statusUnpaid},
		{"2: the password", `,"validateType":2`, statusUnpaid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newTest()
			market(t, e)
			v := ok(t, e, "withdrawApply", withdrawParams("w", tt.extra))
			assert.Equal(t, tt.status, orderView(t, e, "w").Status)
			assert.NotContains(t, v, "validateType", "not in §4.2.3's response table")
			assert.NotContains(t, v, "tradeNo", "not in §4.2.3's response table")
			if tt.status == statusUnpaid {
				assert.NotContains(t, v, "payStatus", "only validateType 0 answers payStatus (spec §4.2.3)")
			}
		})
	}
	e := newTest()
	market(t, e)
	ok(t, e, "withdrawApply", withdrawParams("w", ""))
	got := ok(t, e, "pay", `{"bizUserId":"buyer","bizOrderNo":"w","verificationCode":"111111","consumerIp":"10.1.1.1"}`)
	assert.Equal(t, "success", got["payStatus"], "the default withdrawal is paid with the SMS code")
	all, _ := balance(t, e, "buyer")
	assert.Equal(t, int64(99900), all)
}

package emulator

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// platformPay is pay of the platform's order no with code (spec §4.2.8
// bizUserId: 若平台，上送固定值：#yunBizUserId_B2C#).
func platformPay(no, code string) string {
	return `{"bizUserId":"#yunBizUserId_B2C#","bizOrderNo":"` + no + `","verificationCode":"` + code + `","consumerIp":"10.1.1.1"}`
}

// platformBalance is the platform's balance in its standard set 100001.
func platformBalance(t *testing.T, e *Emulator) int64 {
	t.Helper()
	return asInt(ok(t, e, "queryMerchantBalance", `{"accountSetNo":"100001"}`)["allAmount"])
}

// TestPlatformWithdrawalBySMS: the platform's withdrawal with validateType
// 1, or none (spec §4.2.3 validateType: 如不填，默认为短信验证码确认; 平台提现，
// 只支持无验证和短线验证, spec-V2.1.5.txt l.5265-5271) waits for pay by the
// platform (§4.2.8 bizUserId, l.6652: 若平台，上送固定值：#yunBizUserId_B2C#)
// with the SMS code, as a member's does: its answer has no payStatus nor
// bizUserId (l.5441, l.5464: 仅交易验证方式为“0”时返回), resendPaySMS sends
// the code again to the platform's phone (§4.2.25), and pay answers
// bizUserId #yunBizUserId_B2C# (l.6721) and completes it, notified.
func TestPlatformWithdrawalBySMS(t *testing.T) {
	tests := []struct{ name, validateType string }{
		{"validateType 1", `,"validateType":1`},
		{"validateType left out", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newTest()
			before := platformBalance(t, e)
			v := ok(t, e, "withdrawApply", platformWithdrawal("pw1", 10, `,"bankCardPro":1`+tt.validateType))
			assert.NotContains(t, v, "payStatus", "only for validateType 0")
			assert.NotContains(t, v, "bizUserId", "only for validateType 0")
			assert.NotEmpty(t, v["orderNo"])
			assert.Equal(t, before, platformBalance(t, e), "no money moves before pay")
			assert.Equal(t, statusUnpaid, orderView(t, e, "pw1").Status)
			assert.Empty(t, orderEvents(e, "pw1"))

			sms := ok(t, e, "resendPaySMS", `{"bizOrderNo":"pw1"}`)
			assert.Equal(t, map[string]any{"bizOrderNo": "pw1", "orderNo": v["orderNo"], "phone": PlatformPhone}, sms)
			assert.Equal(t, "20011", code(t, e, "pay", platformPay("pw1", "222222")), "the configured code only")
			funded(t, e, 0, "m1")
			assert.Equal(t, "40022", code(t, e, "pay", `{"bizUserId":"m1","bizOrderNo":"pw1","verificationCode":"111111",`+
				`"consumerIp":"10.1.1.1"}`), "the platform's order, paid by a member")

			paid := ok(t, e, "pay", platformPay("pw1", DefaultVerificationCode))
			assert.Equal(t, map[string]any{"payStatus": "success", "bizUserId": OwnerPlatform, "bizOrderNo": "pw1"}, paid)
			assert.Equal(t, before-1000+10, platformBalance(t, e), "the fee it pays itself stays")
			assert.Equal(t, statusSucceeded, orderView(t, e, "pw1").Status)
			evs := orderEvents(e, "pw1")
			require.Len(t, evs, 1)
			assert.Equal(t, EventOK, evs[0].Status)
			assert.Equal(t, PlatformUserID("app"), evs[0].ReturnValue["buyerBizUserId"])
			assert.Equal(t, "40004", code(t, e, "pay", platformPay("pw1", DefaultVerificationCode)))
		})
	}
}

// TestPlatformWithdrawalBySMSFails: a platform withdrawal by SMS that the
// balance no longer covers at pay fails there as a member's does: payStatus
// fail, status 3 and an error notification (withdrawals notify failures
// too, spec §3.7, §4.2.3 payStatus: 提现在成功和失败时都会通知商户).
func TestPlatformWithdrawalBySMSFails(t *testing.T) {
	e := newTest()
	before := platformBalance(t, e)
	ok(t, e, "withdrawApply", platformWithdrawal("pw1", 0, `,"bankCardPro":1,"validateType":1`))
	ok(t, e, "withdrawApply", platformWithdrawal("pw2", 0, `,"bankCardPro":1,"validateType":1`))
	funded(t, e, before-1500, "m1") // 1500 left for 2000

	assert.Equal(t, "success", ok(t, e, "pay", platformPay("pw1", DefaultVerificationCode))["payStatus"])
	paid := ok(t, e, "pay", platformPay("pw2", DefaultVerificationCode))
	assert.Equal(t, "fail", paid["payStatus"], "500 left for 1000")
	assert.Equal(t, statusFailed, orderView(t, e, "pw2").Status)
	evs := orderEvents(e, "pw2")
	require.Len(t, evs, 1)
	assert.Equal(t, EventError, evs[0].Status)
	assert.Equal(t, "40014", evs[0].ErrorCode)
	assert.Equal(t, int64(500), platformBalance(t, e))
}

// TestPlatformWithdrawalLogReplaysAsAnswered: before RulesDec2026c the
// platform's withdrawal completed at once whatever validateType said, and
// its orders sent no code to a phone; a log of then replays so.
func TestPlatformWithdrawalLogReplaysAsAnswered(t *testing.T) {
	l := &memLog{}
	old := newKept(l)
	old.answerAs = RulesDec2026b
	before := platformBalance(t, old)
	v := ok(t, old, "withdrawApply", platformWithdrawal("pw1", 0, `,"bankCardPro":1,"validateType":1`))
	assert.Equal(t, "success", v["payStatus"], "then at once")
	ok(t, old, "withdrawApply", platformWithdrawal("pw2", 0, `,"bankCardPro":1`))
	ok(t, old, "depositApply", `{"bizOrderNo":"pd1","bizUserId":"#yunBizUserId_B2C#","accountSetNo":"100001","amount":500,"fee":0,`+
		`"backUrl":"http://127.0.0.1/n","frontUrl":"http://127.0.0.1/f","payMethod":{"GATEWAY_VSP":{"amount":500,"paytype":"B2C"}},`+
		`"industryCode":"1910","industryName":"其他","source":1}`)
	ok(t, old, "closeOrder", `{"bizOrderNo":"pd1"}`) // kept with the phone it had, and shown alike at any clock
	old.view("app", func(a *app) { assert.Empty(t, a.book.byBiz["pd1"].phone, "then no phone for the platform's codes") })
	assert.Equal(t, before-2000, platformBalance(t, old))
	r := l.replayInto(t) // fails on a divergence
	sameState(t, old, r, "replayed")
}

package emulator

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/internal/soa"
)

// lastEvent is the application's latest queued notification.
func lastEvent(t *testing.T, e *Emulator) Event {
	t.Helper()
	evs := e.PendingEvents("app")
	require.NotEmpty(t, evs)
	return evs[len(evs)-1]
}

// orderEvents are the queued order notifications of bizOrderNo.
func orderEvents(e *Emulator, bizOrderNo string) []Event {
	var out []Event
	for _, ev := range e.PendingEvents("app") {
		if ev.Order && ev.ReturnValue["bizOrderNo"] == bizOrderNo {
			out = append(out, ev)
		}
	}
	return out
}

// orderView is the order bizOrderNo as the admin API shows it.
func orderView(t *testing.T, e *Emulator, bizOrderNo string) OrderView {
	t.Helper()
	for _, o := range e.Orders("app") {
		if o.BizOrderNo == bizOrderNo {
			return o
		}
	}
	require.Failf(t, "no order", "bizOrderNo %s", bizOrderNo)
	return OrderView{}
}

// TestAgreementPayAmounts: an agreement payment (QUICKPAY_TLT) of 10 to 15
// yuan fails at its confirmation as the test environment simulates it
// (spec §5.2); the order fails with the code and the spec's words (since
// RulesDec2026e), and only a success is notified (spec §4.2.15 note 2).
func TestAgreementPayAmounts(t *testing.T) {
	tests := []struct {
		amount int64
		code   string
		what   string
	}{
		{1000, "30047", "交易金额为 10 元模拟发卡行不支持该笔交易"},
		{1100, "40006", "交易金额为 11 元模拟交易失败"},
		{1200, "30054", "交易金额为 12 元或协议号长度不等于 41 位模拟为协议号不一致"},
		{1300, "30054", "交易金额为 13 元模拟协议号不一致"},
		{1400, "40014", "交易金额为 14 元模拟余额不足"},
		{1500, "30056", "交易金额为 15 元协议已解除，扣款失败"},
		{1600, "", ""},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.amount), func(t *testing.T) {
			e := newTest()
			market(t, e)
			pm := fmt.Sprintf(`{"QUICKPAY_TLT":{%s,"amount":%d}}`, tltCard, tt.amount)
			v := ok(t, e, "depositApply", orderParams("depositApply", "buyer", "d1", tt.amount, pm, ""))
			require.Equal(t, int64(1), v["validateType"], "confirmed by SMS: no payStatus yet (spec §4.2.2)")
			got := ok(t, e, "pay", `{"bizUserId":"buyer","bizOrderNo":"d1","verificationCode":"111111","consumerIp":"10.1.1.1"}`)
			d := ok(t, e, "getOrderDetail", `{"bizOrderNo":"d1"}`)
			evs := orderEvents(e, "d1")
			if tt.code == "" {
				assert.Equal(t, "success", got["payStatus"])
				require.Len(t, evs, 1)
				assert.Equal(t, EventOK, evs[0].Status)
				return
			}
			assert.Equal(t, "fail", got["payStatus"])
			assert.Contains(t, got["payFailMessage"], tt.what)
			assert.EqualValues(t, statusFailed, d["orderStatus"])
			assert.Empty(t, evs, "an inbound payment is notified when it succeeds only")
			view := orderView(t, e, "d1")
			assert.Equal(t, tt.code, view.ErrorCode)
			assert.Contains(t, view.ErrorMessage, "测试环境"+tt.what+" (QUICKPAY_TLT, spec §5.2)")
		})
	}
}

// TestAgreementRefundAmounts: a refund of 16 or 17 yuan of an agreement
// payment fails as the test environment simulates it (spec §5.2): the
// refund order fails, no money moves, and nothing is notified (a refund is
// notified when it succeeds, spec §4.2.16).
func TestAgreementRefundAmounts(t *testing.T) {
	tests := []struct {
		amount int64
		code   string
	}{{1600, "40000"}, {1700, "40020"}, {1800, ""}}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.amount), func(t *testing.T) {
			e := newTest()
			market(t, e)
			pm := fmt.Sprintf(`{"QUICKPAY_TLT":{%s,"amount":2000}}`, tltCard)
			ok(t, e, "consumeApply", orderParams("consumeApply", "buyer", "c1", 2000, pm, ""))
			ok(t, e, "pay", `{"bizUserId":"buyer","bizOrderNo":"c1","verificationCode":"111111","consumerIp":"10.1.1.1"}`)
			r := ok(t, e, "refund", fmt.Sprintf(`{"bizOrderNo":"r1","oriBizOrderNo":"c1","bizUserId":"buyer","amount":%d}`, tt.amount))
			shop, _ := balance(t, e, "shop")
			if tt.code == "" {
				assert.Equal(t, "success", r["payStatus"])
				assert.Equal(t, 2000-tt.amount, shop)
				return
			}
			assert.Equal(t, "fail", r["payStatus"])
			assert.Equal(t, int64(2000), shop, "no money moves")
			assert.Empty(t, orderEvents(e, "r1"))
			assert.Equal(t, tt.code, orderView(t, e, "r1").ErrorCode)
			assert.EqualValues(t, statusSucceeded, ok(t, e, "getOrderDetail", `{"bizOrderNo":"c1"}`)["orderStatus"])
		})
	}
}

// TestAppPaymentAmounts: native app payments of a test amount end at once
// (spec §5.2: 9 succeeds, ALIPAY_APP_OPEN 7 stays in progress, 6 fails);
// another amount waits, noted as test-amount. --strict refuses an
// ALIPAY_APP_OPEN of another amount (the spec does not say what it does),
// and fails the order of a WECHATPAY_APP_OPEN one (§5.2 line 11540: 其余失败,
// read as ALIPAY's 传 6：失败; since RulesDec2026f).
func TestAppPaymentAmounts(t *testing.T) {
	tests := []struct {
		name   string
		key    string
		amount int64
		status int
		code   string // of the notification, or (strict) of the answer
		rule   string
		says   string // in the note's message
	}{
		{"alipay 9", "ALIPAY_APP_OPEN", 9, statusSucceeded, "", "", ""},
		{"alipay 7", "ALIPAY_APP_OPEN", 7, statusInProgress, "", "", ""},
		{"alipay 6", "ALIPAY_APP_OPEN", 6, statusFailed, "40006", "", ""},
		{"alipay 100: the spec does not say", "ALIPAY_APP_OPEN", 100, statusUnpaid, "40006", RuleTestAmount, "tsymock's guess"},
		{"wechat 9", "WECHATPAY_APP_OPEN", 9, statusSucceeded, "", "", ""},
		{"wechat 7: the spec fails it", "WECHATPAY_APP_OPEN", 7, statusUnpaid, "40006", RuleTestAmount, "其余失败"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body := map[string]string{"ALIPAY_APP_OPEN": `{"ALIPAY_APP_OPEN":{"amount":%d}}`,
				"WECHATPAY_APP_OPEN": `{"WECHATPAY_APP_OPEN":{"subAppId":"s","limitPay":"","amount":%d}}`}[tt.key]
			param := orderParams("depositApply", "buyer", "d1", tt.amount, fmt.Sprintf(body, tt.amount), `"goodsName":"g",`)
			e := newTest()
			market(t, e)
			out := call(t, e, "OrderService", "depositApply", param)
			require.Nil(t, out.Err)
			assert.EqualValues(t, tt.status, e.Orders("app")[0].Status)
			if tt.rule != "" {
				require.Len(t, out.Portability, 1)
				assert.Equal(t, []string{tt.rule, tt.code}, []string{out.Portability[0].Rule, out.Portability[0].Code})
				assert.Contains(t, out.Portability[0].Message, tt.says)
				s := newStrict()
				market(t, s)
				strict := call(t, s, "OrderService", "depositApply", param)
				if tt.key == "WECHATPAY_APP_OPEN" {
					require.Nil(t, strict.Err, "the test environment fails the order, not the apply")
					assert.Empty(t, strict.Portability)
					assert.Equal(t, tt.code, orderView(t, s, "d1").ErrorCode)
					assert.Contains(t, orderView(t, s, "d1").ErrorMessage, "其余失败")
					assert.EqualValues(t, statusFailed, ok(t, s, "getOrderDetail", `{"bizOrderNo":"d1"}`)["orderStatus"])
					assert.Empty(t, orderEvents(s, "d1"), "a failed inbound payment is not notified (spec §4.2.15)")
					return
				}
				require.NotNil(t, strict.Err)
				assert.Equal(t, tt.code, strict.Err.Code)
				assert.Empty(t, s.Orders("app"), "a refused apply leaves no order")
				return
			}
			assert.Empty(t, out.Portability)
			if tt.status == statusInProgress {
				assert.NotContains(t, out.Value, "payStatus", "ALIPAY_APP_OPEN answers none (spec §5.2)")
				_, serr := e.ConfirmOrder("app", "d1")
				assert.Equal(t, "40004", serr.Code, "an order in progress stays in progress")
				return
			}
			if tt.status == statusFailed {
				assert.Empty(t, orderEvents(e, "d1"), "a failed inbound payment is not notified (spec §4.2.15)")
				assert.Equal(t, tt.code, orderView(t, e, "d1").ErrorCode)
				return
			}
			assert.Equal(t, EventOK, lastEvent(t, e).Status)
		})
	}
}

// TestLeniencies: each rule where tsymock is more lenient than the test
// environment lets the call pass with a note, and with Config.Strict
// refuses it with the test environment's code.
func TestLeniencies(t *testing.T) {
	for _, tt := range orderLeniencies() {
		t.Run(tt.rule, func(t *testing.T) {
			for _, strict := range []bool{false, true} {
				e := newTest()
				if strict {
					e = newStrict()
				}
				market(t, e)
				if tt.setup != nil {
					tt.setup(t, e)
				}
				out := call(t, e, "OrderService", tt.method, tt.param)
				if strict {
					require.NotNil(t, out.Err)
					assert.Equal(t, tt.code, out.Err.Code)
					assert.Contains(t, out.Err.Message, "rule "+tt.rule)
					continue
				}
				require.Nil(t, out.Err, "%v", out.Err)
				require.Len(t, out.Portability, 1)
				assert.Equal(t, []string{tt.rule, tt.code}, []string{out.Portability[0].Rule, out.Portability[0].Code})
				assert.Contains(t, out.Portability[0].Message, "spec §")
			}
		})
	}
}

// orderLeniency is an order call that relies on a leniency of tsymock.
type orderLeniency struct {
	rule, code string
	setup      func(t *testing.T, e *Emulator)
	method     string
	param      string
}

// orderLeniencies are the order methods' leniencies, one call each
// (test-amount has its own test, TestAppPaymentAmounts).
func orderLeniencies() []orderLeniency {
	tlt := fmt.Sprintf(`{"QUICKPAY_TLT":{%s,"amount":1000001}}`, tltCard)
	return []orderLeniency{
		{ruleRequired, "10001", nil, "consumeApply", orderParams("consumeApply", "buyer", "o", 100,
			`{"GATEWAY_VSP":{"amount":100,"paytype":"B2C"}}`, "")}, // frontUrl (spec §4.2.4)
		{ruleRequired, "10001", nil, "consumeApply", consume("buyer", "shop", "o", 100, 0, // a split to the platform names its set (spec §5.3)
			`{"bizUserId":"#yunBizUserId_B2C#","amount":10,"fee":0}`)},
		{RuleTestAmountLimit, "40046", nil, "depositApply", orderParams("depositApply", "buyer", "o", 1000001, tlt, "")},
		{RuleInstalmentAmount, "40020", instalmentBuyer, "depositApply", orderParams("depositApply", "buyer", "o", 59999, // 600~50000 元 (spec §5.2)
			`{"InstallmentPayment_H5":{"nper":3,"channel":1,"amount":59999,"bankCardNo":"370248192322610"}}`, `"frontUrl":"http://127.0.0.1/f",`)},
		{RuleCouponSet, "30018", nil, "consumeApply", orderParams("consumeApply", "buyer", "o", 100, `{"COUPON":{"amount":100,"accountSetNo":"100001"}}`, "")},
		{RuleOrderExpiry, "20015", nil, "consumeApply", orderParams("consumeApply", "buyer", "o", 100,
			`{"BALANCE":[{"accountSetNo":"200126","amount":100}]}`, `"orderExpireDatetime":"2026-11-29 13:00:00",`)},
		{RuleChannelExpiry, "20015", nil, "depositApply", orderParams("depositApply", "buyer", "o", 100, // 90 minutes
			`{"SCAN_WEIXIN":{"amount":100,"limitPay":""}}`, `"orderExpireDatetime":"2026-11-28 13:30:00",`)},
		{RuleChannelExpiry, "20015", nil, "depositApply", orderParams("depositApply", "buyer", "o", 100, // 30 seconds
			`{"ALLINPAY_WALLET_H5":{"amount":100}}`, `"frontUrl":"http://127.0.0.1/f","orderExpireDatetime":"2026-11-28 12:00:30",`)},
		{RuleDailyOrders, "40045", tenConsumptions, "consumeApply", orderParams("consumeApply", "buyer", "o", 100,
			`{"BALANCE":[{"accountSetNo":"200126","amount":100}]}`, "")},
		{RuleConsumerIP, "10000", pendingBalance, "pay", `{"bizUserId":"buyer","bizOrderNo":"p","verificationCode":"111111","consumerIp":"127.0.0.1"}`},
		{RuleCardBindMethod, "30039", fourElementCard, "depositApply", orderParams("depositApply", "wxe", "o", 100,
			`{"REALNAMEPAY":{"bankCardNo":"`+wxeCard+`","amount":100}}`, "")},
		{rulePrerequisite, "30008", newcomer, "consumeApply", strings.Replace(orderParams("consumeApply", "buyer", "o", 100,
			`{"BALANCE":[{"accountSetNo":"200126","amount":100}]}`, ""), `"recieverId":"shop"`, `"recieverId":"newcomer"`, 1)},
		{rulePrerequisite, "30030", newcomer, "agentCollectApply", strings.Replace(orderParams("agentCollectApply", "buyer", "o", 100,
			`{"BALANCE":[{"accountSetNo":"200126","amount":100}]}`, ""), `"bizUserId":"shop"`, `"bizUserId":"corp-newcomer"`, 1)},
		{RulePayAcct, "10000", boundAcct, "consumeApply", orderParams("consumeApply", "buyer", "o", 100,
			`{"WECHAT_PUBLIC":{"subAppid":"wx1","acct":"o-unbound","amount":100}}`, "")},
		{RuleWithdrawType, "40042", signedBuyer, "withdrawApply", `{"bizOrderNo":"w1","bizUserId":"buyer","accountSetNo":"200126",` +
			`"amount":100,"fee":0,"backUrl":"http://127.0.0.1/n","bankCardNo":"6228480000000000001","industryCode":"1910",` +
			`"industryName":"其他","source":1,"withdrawType":"T1"}`}, // the older T1 (spec §4.2.3 note 6)
		{ruleParamFormat, "10000", nil, "consumeApply", orderParams("consumeApply", "buyer", "o", 100, // 不可包含“|” (spec §4.2.4)
			`{"BALANCE":[{"accountSetNo":"200126","amount":100}]}`, `"extendInfo":"a|b",`)},
		{ruleParamFormat, "10000", nil, "applicationTransfer", transferParams("t3", `,"extendInfo":"a|b"`)}, // 不可包含“|” (spec §4.2.17)
		{rulePrerequisite, "30046", reserveOf, "crossBorderWithdrawApply", // the buyer has not signed (spec §4.2.23 note 3, §4.1.4 note 6)
			crossBorderParams("buyer", "reserve", "o", reserveCard, 100)},
		{RuleEnterpriseValidation, "40028", readyEnterprise, "withdrawApply", entWithdrawal(2, 1)}, // 企业用户请使用【后台+短信验证码验证】方式 (spec §4.2.3)
		{ruleRequired, "10001", signedWithReserve, "crossBorderWithdrawApply", // 需上送易通汇平台汇款申请单 (spec §4.2.23)
			withSummary(crossBorderParams("buyer", "reserve", "o", reserveCard, 100), "")},
		{ruleParamFormat, "10000", signedWithReserve, "crossBorderWithdrawApply", // FEE+跨境平台汇款申请单号 (spec §4.2.23)
			withSummary(crossBorderParams("buyer", "reserve", "o", reserveCard, 100), "hello")},
		{RuleSplitMembers, "10000", nil, "consumeApply", consume("buyer", "shop", "o", 100, 0, // 11 items, 1 member (spec §5.3)
			strings.TrimSuffix(strings.Repeat(`{"bizUserId":"shop","amount":1,"fee":0},`, 11), ","))},
		{RuleMemberSet, "30018", nil, "depositApply", strings.Replace(orderParams("depositApply", "buyer", "o", 100, // a member's set is the escrow set
			`{"QUICKPAY_VSP":{`+card+`,"amount":100}}`, ""), `"accountSetNo":"200126"`, `"accountSetNo":"100001"`, 1)},
		{RuleRefundList, "10000", platformInEscrow, "refund", // refundList (1): not for a consumption
			`{"bizOrderNo":"r1","oriBizOrderNo":"fee","bizUserId":"buyer","amount":50,"refundList":[{"bizUserId":"shop","amount":50}]}`},
		{RuleTransferSet, "30018", nil, "applicationTransfer", // to a set other than the escrow set
			`{"bizTransferNo":"t1","sourceAccountSetNo":"100001","targetBizUserId":"buyer","targetAccountSetNo":"100001","amount":1}`},
		{RuleTransferSet, "30018", platformInEscrow, "applicationTransfer", // from the escrow set
			`{"bizTransferNo":"t2","sourceAccountSetNo":"200126","targetBizUserId":"buyer","targetAccountSetNo":"200126","amount":10}`},
		{RuleGateID, "20014", nil, "consumeApply", orderParams("consumeApply", "buyer", "o", 100, // not in §6.13's B2C list
			`{"GATEWAY_VSP":{"amount":100,"paytype":"B2C","gateid":"0102"}}`, `"frontUrl":"http://127.0.0.1/f",`)},
		{RuleVspCusidUnbound, "20009", nil, "consumeApply", orderParams("consumeApply", "buyer", "o", 100, // shop bound none (spec §4.1.21)
			`{"SCAN_WEIXIN_ORG":{"vspCusid":"V9","amount":100,"limitPay":""}}`, "")},
		{RuleHTBankAmount, "40005", signedBuyer, "withdrawApply", withdrawParams("w1", `,"payMethod":{"WITHDRAW_HTBANK":`+
			`{"subAcctNo":"s","PAYEE_ACCT_NO":"a","PAYEE_ACCT_NAME":"n","AMOUNT":"9","SIGNED_MSG_MER":"sig"}}`)},
		{RuleStatementRange, "40044", nil, "queryInExpDetail", // 最多允许查 3 个月内 (spec §4.2.20)
			`{"bizUserId":"buyer","dateStart":"2026-08-27","dateEnd":"2026-11-28","startPosition":1,"queryNum":10}`},
	}
}

// TestStatementRange: a statement covers 3 months at most (spec §4.2.20):
// up to the same day 3 months on without a note, a day more with one.
func TestStatementRange(t *testing.T) {
	e := newTest()
	market(t, e)
	for _, tc := range []struct {
		start, end string
		noted      bool
	}{
		{"2026-08-28", "2026-11-28", false},
		{"2026-08-27", "2026-11-28", true},
		{"2026-11-30", "2027-02-28", false}, // no 30 February: the 28th is the last day
		{"2026-11-30", "2027-03-01", true},
		{"2026-01-01", "2026-12-06", true},
	} {
		out := call(t, e, "OrderService", "queryInExpDetail", fmt.Sprintf(
			`{"bizUserId":"buyer","dateStart":%q,"dateEnd":%q,"startPosition":1,"queryNum":10}`, tc.start, tc.end))
		require.Nil(t, out.Err, "%v", out.Err)
		assert.Equal(t, tc.noted, len(notesOf(out.Portability, RuleStatementRange)) == 1, "%s to %s", tc.start, tc.end)
	}
}

// signedWithReserve is signedBuyer and reserveOf: a buyer that may make a
// cross-border withdrawal, and the member holding the reserve account.
func signedWithReserve(t *testing.T, e *Emulator) {
	t.Helper()
	signedBuyer(t, e)
	reserveOf(t, e)
}

// signedBuyer has the buyer sign the e-contract, as a withdrawal wants.
func signedBuyer(t *testing.T, e *Emulator) {
	t.Helper()
	_, serr := e.SignContract("app", "buyer", "")
	require.Nil(t, serr)
}

// fourElementCard binds §6.18's cardCheck 8 test card to its holder, a
// member "wxe" named 王小二, as the test environment takes it.
func fourElementCard(t *testing.T, e *Emulator) {
	t.Helper()
	for _, s := range []struct {
		method string
		param  map[string]any
	}{
		{"createMember", map[string]any{"bizUserId": "wxe", "memberType": 3, "source": 1}},
		{"setRealName", map[string]any{"bizUserId": "wxe", "name": wxeName, "identityType": 1, "identityNo": wxeID}},
		{"sendVerificationCode", map[string]any{"bizUserId": "wxe", "phone": "13800000003", "verificationCodeType": 9}},
		{"bindPhone", map[string]any{"bizUserId": "wxe", "phone": "13800000003", "verificationCode": "111111"}},
		{"applyBindBankCard", map[string]any{"bizUserId": "wxe", "cardNo": wxeCard, "phone": "13800000003",
			"name": wxeName, "identityType": 1, "identityNo": wxeID, "cardCheck": 8}},
	} {
		_, serr := memberCall(t, e, "app", s.method, s.param)
		require.Nil(t, serr, "%s: %v", s.method, serr)
	}
}

// instalmentBuyer binds the buyer spec §5.2's first 小通分期 test card
// (王丹's American Express, a credit card) by cardCheck 7 with its
// validity and CVN2.
func instalmentBuyer(t *testing.T, e *Emulator) {
	t.Helper()
	v, serr := memberCall(t, e, "app", "applyBindBankCard", map[string]any{"bizUserId": "buyer", "cardNo": "370248192322610",
		"phone": "13800000002", "name": "李四", "identityType": 1, "identityNo": "11010119900307803X", "validate": "0822", "cvv2": "167"})
	require.Nil(t, serr, "%v", serr)
	_, serr = memberCall(t, e, "app", "bindBankCard", map[string]any{"bizUserId": "buyer", "tranceNum": v["tranceNum"],
		"transDate": v["transDate"], "phone": "13800000002", "verificationCode": "111111"})
	require.Nil(t, serr, "%v", serr)
}

// newcomer makes a person "newcomer" and an enterprise "corp-newcomer",
// neither yet able to receive (spec §4.2.4 note 3).
func newcomer(t *testing.T, e *Emulator) {
	t.Helper()
	funded(t, e, 0, "newcomer")
	_, serr := memberCall(t, e, "app", "createMember", map[string]any{"bizUserId": "corp-newcomer", "memberType": 2, "source": 2})
	require.Nil(t, serr)
}

// platformInEscrow gives the platform 10 in the escrow set: a
// consumption's split to it there (the consumption's fee of 10 goes to its
// standard set, spec §4.3.2), which only an op of a data dir older than
// RulesDec2026b could make (a split to the platform goes to a standard
// set since).
func platformInEscrow(t *testing.T, e *Emulator) {
	t.Helper()
	e.answerAs = RulesDec2026
	defer func() { e.answerAs = RulesCurrent }()
	ok(t, e, "consumeApply", consume("buyer", "shop", "fee", 100, 10,
		`{"bizUserId":"#yunBizUserId_B2C#","accountSetNo":"200126","amount":10,"fee":0}`))
}

// tenConsumptions makes the buyer's ten consumptions of the day, paid at
// once (validateType 0).
func tenConsumptions(t *testing.T, e *Emulator) {
	t.Helper()
	for i := range dailyOrders {
		ok(t, e, "consumeApply", orderParams("consumeApply", "buyer", fmt.Sprint("c", i), 100,
			`{"BALANCE":[{"accountSetNo":"200126","amount":100}]}`, `"validateType":0,`))
	}
}

// pendingBalance makes an order "p" that waits for pay.
func pendingBalance(t *testing.T, e *Emulator) {
	t.Helper()
	ok(t, e, "consumeApply", orderParams("consumeApply", "buyer", "p", 100,
		`{"BALANCE":[{"accountSetNo":"200126","amount":100}]}`, `"validateType":1,`))
}

// TestRealNamePayCode: real-name pay takes the test environment's SMS code
// 111111 whatever code tsymock is configured with (spec §5.2).
func TestRealNamePayCode(t *testing.T) {
	e := New(Config{VerificationCode: "246810"})
	steps := []struct {
		method string
		param  map[string]any
	}{
		{"createMember", map[string]any{"bizUserId": "buyer", "memberType": 3, "source": 1}},
		{"setRealName", map[string]any{"bizUserId": "buyer", "name": "李四", "identityType": 1, "identityNo": "11010119900307803X"}},
		{"applyBindBankCard", map[string]any{"bizUserId": "buyer", "cardNo": "6228480000000000001", "phone": "13800000002",
			"name": "李四", "identityType": 1, "identityNo": "11010119900307803X"}},
	}
	var last map[string]any
	for _, s := range steps {
		var serr *soa.Error
		last, serr = memberCall(t, e, "app", s.method, s.param)
		require.Nil(t, serr, s.method)
	}
	_, serr := memberCall(t, e, "app", "bindBankCard", map[string]any{"bizUserId": "buyer", "tranceNum": last["tranceNum"],
		"phone": "13800000002", "verificationCode": "246810"})
	require.Nil(t, serr)
	bindWith(t, e, "buyer", rnpCardNo, checkRealNamePay)
	ok(t, e, "depositApply", orderParams("depositApply", "buyer", "d1", 100, `{"REALNAMEPAY":{`+rnpCard+`,"amount":100}}`, ""))
	ok(t, e, "depositApply", orderParams("depositApply", "buyer", "d2", 100, `{"QUICKPAY_VSP":{`+card+`,"amount":100}}`, ""))
	ok(t, e, "depositApply", orderParams("depositApply", "buyer", "d3", 100, `{"REALNAMEPAY_BATCH":{`+rnpCard+`,"amount":100}}`, ""))
	pay := `{"bizUserId":"buyer","bizOrderNo":"%s","verificationCode":"111111","consumerIp":"10.1.1.1"}`
	assert.Equal(t, "success", ok(t, e, "pay", fmt.Sprintf(pay, "d1"))["payStatus"])
	assert.Equal(t, "success", ok(t, e, "pay", fmt.Sprintf(pay, "d3"))["payStatus"])
	_, serr = do(t, e, "pay", fmt.Sprintf(pay, "d2"))
	require.NotNil(t, serr, "other methods take the configured code")
	assert.Equal(t, "20011", serr.Code)
	assert.Equal(t, "验证码错误: wrong code for order d2 (tsymock's codes are the one set with --verification-code, default 111111)",
		serr.Message, "it says where the emulated code is set (probe-R finding 11)")
}

// TestRealNamePayConfiguredCode: a real-name payment confirmed with
// tsymock's configured code, not the test environment's 111111 (spec §5.2
// 实名付 note 5, line 11427), passes with a test-sms-code note, and
// --strict refuses it with 20011, the order left waiting; 111111 passes
// without one (since RulesDec2026f).
func TestRealNamePayConfiguredCode(t *testing.T) {
	for _, tc := range []struct {
		name   string
		strict bool
		code   string
		want   string
		notes  []string
	}{
		{"111111", false, "111111", "", nil},
		{"111111, strict", true, "111111", "", nil},
		{"the configured code", false, "246810", "", []string{ruleSMSCode}},
		{"the configured code, strict", true, "246810", "20011", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newTestOrStrict(tc.strict)
			market(t, e)
			e.code = "246810" // --verification-code, set after the members' codes were typed
			ok(t, e, "depositApply", orderParams("depositApply", "buyer", "d1", 100, `{"REALNAMEPAY":{`+rnpCard+`,"amount":100}}`, ""))
			out := call(t, e, "OrderService", "pay", fmt.Sprintf(
				`{"bizUserId":"buyer","bizOrderNo":"d1","verificationCode":"%s","consumerIp":"10.1.1.1"}`, tc.code))
			assert.Equal(t, tc.want, errCode(out.Err))
			assert.Equal(t, tc.notes, rules(out))
			if tc.want != "" {
				assert.Contains(t, out.Err.Message, "实名付 note 5")
				assert.EqualValues(t, statusUnpaid, orderView(t, e, "d1").Status)
				return
			}
			assert.EqualValues(t, statusSucceeded, orderView(t, e, "d1").Status)
		})
	}
}

// TestBoundPayAcct: a WeChat JS payment with an acct the payer bound with
// applyBindAcct under weChatPublic carries no note (spec §4.1.23 note 3);
// the same acct bound under another type does.
func TestBoundPayAcct(t *testing.T) {
	for _, tc := range []struct {
		acctType string
		noted    bool
	}{{"weChatPublic", false}, {"aliPayService", true}} {
		t.Run(tc.acctType, func(t *testing.T) {
			e := newTest()
			market(t, e)
			_, serr := memberCall(t, e, "app", "applyBindAcct", map[string]any{"bizUserId": "buyer", "operationType": "set",
				"acctType": tc.acctType, "acct": "o-1"})
			require.Nil(t, serr)
			out := call(t, e, "OrderService", "consumeApply", orderParams("consumeApply", "buyer", "o", 100,
				`{"WECHAT_PUBLIC":{"subAppid":"wx1","acct":"o-1","amount":100}}`, ""))
			require.Nil(t, out.Err)
			assert.Equal(t, tc.noted, len(out.Portability) == 1, "%v", out.Portability)
		})
	}
}

// boundAcct binds the buyer a WeChat official-account openid with
// applyBindAcct (spec §4.1.23): from then on it pays by its bound accts.
func boundAcct(t *testing.T, e *Emulator) {
	t.Helper()
	_, serr := memberCall(t, e, "app", "applyBindAcct", map[string]any{"bizUserId": "buyer", "operationType": "set",
		"acctType": "weChatPublic", "acct": "o-bound"})
	require.Nil(t, serr)
}

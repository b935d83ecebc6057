package emulator

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/internal/clock"
	"github.com/tsymock/tsymock/internal/ids"
	"github.com/tsymock/tsymock/internal/soa"
)

// TestPaymentInformationList: getPaymentInformationDetail also answers the
// spec's rows (§5.15): one per payout, one without payout fields for a
// receiver nobody paid, each with the receiver's state.
func TestPaymentInformationList(t *testing.T) {
	e := newTest()
	funded(t, e, 10_000, "payer")
	funded(t, e, 0, "shop", "agent")
	ok(t, e, "agentCollectApply", collectFor("payer", "k1", 5000, 0,
		`{"bizUserId":"shop","amount":3000},{"bizUserId":"agent","amount":2000}`))
	ok(t, e, "signalAgentPay", payout("shop", "p1", "k1", 1000))
	ok(t, e, "signalAgentPay", payout("shop", "p2", "k1", 2000))
	got := ok(t, e, "getPaymentInformationDetail", byOrder("k1"))
	rows := got["paymentInformationList"].([]any)
	require.Len(t, rows, 3)
	first := rows[0].(map[string]any)
	assert.Equal(t, map[string]any{"collOrderNo": "k1", "collAmount": int64(5000), "payerName": "", "payerId": "payer",
		"collTime": "2026-11-28 12:00:00", "recieverName": "", "recieverId": "shop", "managedCollAmount": int64(3000),
		"status": rowAllPaid, "payOrderNo": "p1", "payTime": "2026-11-28 12:00:00", "accountType": int64(1),
		"payAmount": int64(1000)}, first)
	assert.Equal(t, "p2", rows[1].(map[string]any)["payOrderNo"])
	last := rows[2].(map[string]any)
	assert.Equal(t, []any{"agent", rowNothingPaid, nil}, []any{last["recieverId"], last["status"], last["payOrderNo"]})

	ok(t, e, "signalAgentPay", payout("agent", "p3", "k1", 500))
	got = ok(t, e, "getPaymentInformationDetail", `{"bizOrderNo":"k1","bizUserId":"agent"}`)
	rows = got["paymentInformationList"].([]any)
	require.Len(t, rows, 1)
	assert.Equal(t, rowPartlyPaid, rows[0].(map[string]any)["status"])
}

// TestPayeeFundsInTransit: what paid collections still hold for a receiver
// (spec §4.2.22, §5.16), narrowed by collection and days.
func TestPayeeFundsInTransit(t *testing.T) {
	e := newTest()
	funded(t, e, 10_000, "payer")
	funded(t, e, 0, "shop", "agent")
	ok(t, e, "agentCollectApply", collectFor("payer", "k1", 3000, 0, `{"bizUserId":"shop","amount":2000},{"bizUserId":"agent","amount":1000}`))
	ok(t, e, "agentCollectApply", collectFor("payer", "k2", 500, 0, `{"bizUserId":"shop","amount":500}`))
	ok(t, e, "agentCollectApply", collectFor("payer", "k3", 400, 0, `{"bizUserId":"agent","amount":400}`))
	ok(t, e, "signalAgentPay", payout("shop", "p1", "k2", 500))
	ok(t, e, "signalAgentPay", payout("shop", "p2", "k1", 1500))
	transit := func(extra string) map[string]any {
		return ok(t, e, "getPayeeFundsInTransitDetail",
			`{"bizUserId":"shop","dateStart":"2026-11-22","dateEnd":"2026-11-28"`+extra+`}`)
	}
	assert.Equal(t, []any{map[string]any{"recieverName": "", "recieverId": "shop", "orderNo": e.Orders("app")[0].OrderNo,
		"collTime": "2026-11-28 12:00:00", "managedCollAmount": int64(2000), "payerName": "", "payerId": "payer",
		"estCollAmount": int64(500)}}, transit("")["payeeFundsInTransitList"], "k2 is paid out, k3 is not for shop")
	assert.Len(t, transit(`,"bizOrderNo":"k1"`)["payeeFundsInTransitList"], 1)
	assert.Empty(t, transit(`,"bizOrderNo":"k2"`)["payeeFundsInTransitList"], "nothing left in transit")
	tests := []struct {
		name, param, code string
	}{
		{"not made for the receiver", `{"bizUserId":"shop","bizOrderNo":"k3","dateStart":"2026-11-28","dateEnd":"2026-11-28"}`, "40022"},
		{"not a collection", `{"bizUserId":"shop","bizOrderNo":"p1","dateStart":"2026-11-28","dateEnd":"2026-11-28"}`, "40018"},
		{"eight days", `{"bizUserId":"shop","dateStart":"2026-11-21","dateEnd":"2026-11-28"}`, "40044"},
		{"dates the wrong way", `{"bizUserId":"shop","dateStart":"2026-11-28","dateEnd":"2026-11-27"}`, "40044"},
		{"unknown set", `{"bizUserId":"shop","accountSetNo":"9","dateStart":"2026-11-28","dateEnd":"2026-11-28"}`, "30019"},
		{"unknown member", `{"bizUserId":"nobody","dateStart":"2026-11-28","dateEnd":"2026-11-28"}`, "30001"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.code, code(t, e, "getPayeeFundsInTransitDetail", tt.param))
		})
	}
	empty := ok(t, e, "getPayeeFundsInTransitDetail", `{"bizUserId":"shop","dateStart":"2026-11-20","dateEnd":"2026-11-26"}`)
	assert.Equal(t, []any{}, empty["payeeFundsInTransitList"], "collected on another day")
}

// crossBorderParams withdraws amount of payer's to the card of the
// cross-border member, without confirmation (validateType 0), with the
// spec's example remittance number as its summary (spec §4.2.23).
func crossBorderParams(payer, reserve, no, cardNo string, amount int64) string {
	return fmt.Sprintf(`{"bizOrderNo":%q,"bizUserId":%q,"accountSetNo":"200126","amount":%d,"fee":10,"validateType":0,"backUrl":"http://127.0.0.1/n",`+
		`"crossBorderbizUserId":%q,"bankCardNo":%q,"industryCode":"1910","industryName":"其他","source":2,"summary":%q}`,
		no, payer, amount, reserve, cardNo, remittanceExample)
}

// remittanceExample is spec §4.2.23's example summary: FEE and the 易通汇
// remittance request number.
const remittanceExample = "FEE101961"

// TestCrossBorderWithdraw: a withdrawal to the reserve account of an
// enterprise member (spec §4.2.23): money leaves as for withdrawApply, and
// the withdrawal is notified with the card masked.
func TestCrossBorderWithdraw(t *testing.T) {
	e := newTest()
	market(t, e)
	onboard(t, e, "app", "person", "6228480000000000002")
	reserveMember(t, e, "reserve", "6228480000000000003")
	tests := []struct {
		name, param, code string
	}{
		{"the same member", crossBorderParams("buyer", "buyer", "x1", "6228480000000000001", 100), "10000"},
		{"a personal member", crossBorderParams("buyer", "person", "x1", "6228480000000000002", 100), "30006"},
		{"unknown member", crossBorderParams("buyer", "nobody", "x1", "6228480000000000003", 100), "30001"},
		{"another member's card", crossBorderParams("buyer", "reserve", "x1", "6228480000000000001", 100), "30045"},
		// spec §4.2.23 bankCardPro: 0 个人银行卡 (default), 1 企业对公账户
		{"its corporate account as a personal card", crossBorderParams("buyer", "reserve", "x1", reserveCorporate, 100), "30045"},
		{"its personal card as the corporate account", corporate(crossBorderParams("buyer", "reserve", "x1",
			"6228480000000000003", 100)), "30045"},
		{"another number as the corporate account", corporate(crossBorderParams("buyer", "reserve", "x1",
			"6228480000000000001", 100)), "30045"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.code, code(t, e, "crossBorderWithdrawApply", tt.param))
		})
	}
	v := ok(t, e, "crossBorderWithdrawApply", corporate(crossBorderParams("buyer", "reserve", "x0", reserveCorporate, 500)))
	assert.Equal(t, "success", v["payStatus"], "to the reserve member's corporate account")
	assert.Equal(t, "622848*********0000", lastEvent(t, e).ReturnValue["acct"])
	v = ok(t, e, "crossBorderWithdrawApply", crossBorderParams("buyer", "reserve", "x1", "6228480000000000003", 1000))
	assert.Equal(t, "success", v["payStatus"])
	all, _ := balance(t, e, "buyer")
	assert.Equal(t, int64(100000-500-1000), all)
	ev := lastEvent(t, e)
	assert.Equal(t, "622848*********0003", ev.ReturnValue["acct"])
	assert.Equal(t, "crossBorderWithdraw", e.Orders("app")[0].Kind)
	assert.Equal(t, "40039", code(t, e, "refund", `{"bizOrderNo":"r","oriBizOrderNo":"x1","bizUserId":"buyer","amount":1000}`))
	sd := crossBorderParams("buyer", "reserve", "x2", "6228480000000000003", 100)
	sd = sd[:len(sd)-1] + `,"payMethod":{"TRANSFER_HTBANK":{"unionBank":"1","bankName":"b","province":"p","city":"c","PAYEE_ACCT_NO":"1","PAYEE_ACCT_NAME":"n","AMOUNT":"1","SUMMARY":"s","SIGNED_MSG_MER":"x"}}}`
	assert.Equal(t, "40009", code(t, e, "crossBorderWithdrawApply", sd), "TRANSFER_HTBANK is no cross-border channel")
}

// reserveCorporate is the corporate account of reserveMember, the accountNo
// of its setCompanyInfo.
const reserveCorporate = "6228480000000000000"

// corporate is order params with bankCardPro 1 (企业对公账户).
func corporate(param string) string { return strings.Replace(param, "{", `{"bankCardPro":1,`, 1) }

// reserveMember is an approved enterprise member with the legal person's
// card cardNo bound: a cross-border reserve account holder. Its company is
// one --strict takes (一证, authType 2, and the account's branch).
func reserveMember(t *testing.T, e *Emulator, bizUserID, cardNo string) {
	t.Helper()
	const legal, legalID = "张三", "110101199001011237"
	steps := []struct {
		method string
		param  map[string]any
	}{
		{"createMember", map[string]any{"bizUserId": bizUserID, "memberType": 2, "source": 2}},
		{"setCompanyInfo", map[string]any{"bizUserId": bizUserID, "isAuth": true, "companyBasicInfo": map[string]any{
			"companyName": "跨境备付金公司", "legalName": legal, "identityType": 1, "legalIds": legalID,
			"legalPhone": "13800000000", "accountNo": reserveCorporate, "parentBankName": "中国农业银行",
			"bankName": "中国农业银行杭州分行", "unionBank": "103331000000", "authType": 2, "uniCredit": "91330100MA2XXXXX1"}}},
		{"applyBindBankCard", map[string]any{"bizUserId": bizUserID, "cardNo": cardNo, "phone": "13800000002",
			"name": legal, "identityType": 1, "identityNo": legalID}},
	}
	var last map[string]any
	for _, s := range steps {
		var serr *soa.Error
		last, serr = memberCall(t, e, "app", s.method, s.param)
		require.Nil(t, serr, "%s: %v", s.method, serr)
	}
	_, serr := memberCall(t, e, "app", "bindBankCard", map[string]any{"bizUserId": bizUserID,
		"tranceNum": last["tranceNum"], "phone": "13800000002", "verificationCode": "111111"})
	require.Nil(t, serr)
}

// TestWithdrawChannels: withdrawApply reads its channel (spec §4.2.3,
// §5.2): WITHDRAW_TLT when none, another outbound one when named; an
// inbound method or two channels are refused.
func TestWithdrawChannels(t *testing.T) {
	withdrawWith := func(no, payMethod string) string {
		return fmt.Sprintf(`{"bizOrderNo":%q,"bizUserId":"buyer","accountSetNo":"200126","amount":100,"fee":0,"backUrl":"http://127.0.0.1/n",`+
			`"bankCardNo":"6228480000000000001","industryCode":"1910","industryName":"其他","source":1%s}`, no, payMethod)
	}
	tests := []struct {
		name, payMethod, code, shown string
	}{
		{"default", "", "", "WITHDRAW_TLT"},
		{"山东代付", `,"payMethod":{"WITHDRAW_SD":{"amount":100,"unionBank":"102100099996","bankName":"b"}}`, "", "WITHDRAW_SD"},
		{"金服宝 with a province and no city", `,"payMethod":{"WITHDRAW_JFB":{"amount":100,"province":"上海"}}`, "10001", ""},
		{"a wrong amount", `,"payMethod":{"WITHDRAW_JFB":{"amount":99}}`, "40005", ""},
		{"quick pay", `,"payMethod":{"QUICKPAY_VSP":{"bankCardNo":"6228480000000000001","amount":100}}`, "40009", ""},
		{"two channels", `,"payMethod":{"WITHDRAW_JFB":{"amount":100},"WITHDRAW_TLT":{"payTypeName":"withdraw_tlt"}}`, "10000", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newTest()
			market(t, e)
			out := call(t, e, "OrderService", "withdrawApply", withdrawWith("w1", tt.payMethod))
			if tt.code != "" {
				require.NotNil(t, out.Err)
				assert.Equal(t, tt.code, out.Err.Code, out.Err.Message)
				return
			}
			require.Nil(t, out.Err)
			assert.Equal(t, tt.shown, e.Orders("app")[0].PayMethod)
		})
	}
}

// TestQueryBankBalance: the custody account holds what came in from
// outside less what went out (spec §4.3.5), now or at the end of a past
// day.
func TestQueryBankBalance(t *testing.T) {
	c := clock.NewManual(time.Date(2026, 11, 27, 4, 0, 0, 0, time.UTC))
	e := New(Config{Clock: c, IDs: ids.NewSeeded(1), PlatformFunds: -1})
	funded(t, e, 0, "buyer")
	ok(t, e, "depositApply", orderParams("depositApply", "buyer", "d1", 700, `{"QQ_WALLET":{"amount":700}}`, ""))
	_, serr := e.ConfirmOrder("app", "d1")
	require.Nil(t, serr)
	c.Set(time.Date(2026, 11, 28, 4, 0, 0, 0, time.UTC))
	ok(t, e, "depositApply", orderParams("depositApply", "buyer", "d2", 300, `{"QQ_WALLET":{"amount":300}}`, ""))
	_, serr = e.ConfirmOrder("app", "d2")
	require.Nil(t, serr)
	bank := func(org int, date string) map[string]any {
		return ok(t, e, "queryBankBalance", fmt.Sprintf(`{"acctOrgType":%d,"acctNo":"A1","acctName":"平台","date":%q}`, org, date))
	}
	assert.Equal(t, map[string]any{"acctOrgType": int64(3), "acctNo": "A1", "acctName": "平台", "balance": int64(700),
		"acctStatus": "00"}, bank(3, "20261127"))
	assert.Equal(t, int64(1000), bank(4, "20261128")["balance"], "today is now")
	assert.Equal(t, int64(1000), bank(4, "")["balance"])
	assert.Equal(t, map[string]any{"acctOrgType": int64(1), "acctNo": "A1", "acctName": "平台", "balance": int64(1000)},
		bank(1, "20261127"), "华通 answers now, without acctStatus")
	assert.Equal(t, int64(0), bank(3, "20261126")["balance"])
	for _, date := range []string{"2026-11-27", "20261129"} {
		assert.Equal(t, "40044", code(t, e, "queryBankBalance", fmt.Sprintf(`{"acctOrgType":3,"acctNo":"A","acctName":"n","date":%q}`, date)), date)
	}
}

// TestReserveFundIn: a transfer into the reserve fund tops up the
// platform's standard set and queues NotifyReserveFundIn (spec §4.3.3); it
// is an op, so a kept state replays it.
func TestReserveFundIn(t *testing.T) {
	l := &memLog{}
	e := newKept(l)
	before := ok(t, e, "queryMerchantBalance", `{"accountSetNo":"100001"}`)["allAmount"].(int64)
	rv, serr := e.ReserveFundIn("app", ReserveFundTransfer{AccountNo: "6222000000000001", Amount: 50_000, BackURL: "http://127.0.0.1/r"})
	require.Nil(t, serr)
	// §4.3.3's table: status (汇款状态 成功“ok”) in returnValue's column; merid
	// the bare 通联通商户号 (TLT+number is note (5)'s remittance memo)
	assert.Equal(t, map[string]any{"accountNo": "6222000000000001", "amount": "50000", "fintime": "2026-11-28 12:00:00",
		"merid": madeUpMerID("app"), "status": "ok"}, rv)
	after := ok(t, e, "queryMerchantBalance", `{"accountSetNo":"100001"}`)["allAmount"].(int64)
	assert.Equal(t, before+50_000, after)
	ev := lastEvent(t, e)
	// spec §4.3.3: 汇款状态 成功“ok”; §3.7 (1): 通联通账户余额充值 is notified as an order, up to 4 times
	assert.Equal(t, []string{"MerchantService", "NotifyReserveFundIn", "ok", "http://127.0.0.1/r"},
		[]string{ev.Service, ev.Method, ev.Status, ev.BackURL})
	assert.Equal(t, 4, ev.Attempts())
	_, serr = e.ReserveFundIn("app", ReserveFundTransfer{AccountNo: "x", Amount: 0})
	assert.Equal(t, "40020", serr.Code)
	_, serr = e.ReserveFundIn("app", ReserveFundTransfer{Amount: 10})
	assert.Equal(t, "10001", serr.Code)
	r := l.replayInto(t)
	assert.Equal(t, snapshot(e, "app"), snapshot(r, "app"))
}

// TestReserveFundInMerID: merid defaults to a made-up bare 15-digit
// 通联通商户号, the same for every transfer of an application and another
// for another application (spec §4.3.3 note (5): merchant 200290000000001
// writes memo TLT200290000000001); a merid given is answered as given.
func TestReserveFundInMerID(t *testing.T) {
	tests := []struct {
		name, sysid, merid, want string
	}{
		{"default", "app", "", madeUpMerID("app")},
		{"default of a numeric sysid", "100000000002", "", madeUpMerID("100000000002")},
		{"given", "app", "200290000000001", "200290000000001"},
		{"given with the memo's prefix", "app", "TLT200290000000001", "TLT200290000000001"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := New(Config{Clock: clock.NewManual(time.Date(2026, 11, 28, 4, 0, 0, 0, time.UTC)), IDs: ids.NewSeeded(1)})
			_, err := e.Handle(t.Context(), create(tt.sysid, "m"))
			require.Nil(t, err)
			for range 2 {
				rv, serr := e.ReserveFundIn(tt.sysid, ReserveFundTransfer{AccountNo: "6222", Amount: 1, MerID: tt.merid})
				require.Nil(t, serr)
				assert.Equal(t, tt.want, rv["merid"])
			}
		})
	}
	assert.Regexp(t, `^2002[0-9]{11}$`, madeUpMerID("app"))
	assert.NotEqual(t, madeUpMerID("app"), madeUpMerID("100000000002"))
}

// TestReserveFundInOfARulesDec2026cLog: a transfer logged under
// RulesDec2026c replays with the notification it queued then (merid
// TLT+sysid, status at the top of the rps only), not with today's.
func TestReserveFundInOfARulesDec2026cLog(t *testing.T) {
	l := &memLog{}
	old := newKept(l)
	old.answerAs = RulesDec2026c
	rv, serr := old.ReserveFundIn("app", ReserveFundTransfer{AccountNo: "6222", Amount: 100, BackURL: "http://127.0.0.1/r"})
	require.Nil(t, serr)
	assert.Equal(t, map[string]any{"accountNo": "6222", "amount": "100", "fintime": "2026-11-28 12:00:00", "merid": "TLTapp"}, rv)

	r := l.replayInto(t)
	assert.Equal(t, snapshot(old, "app"), snapshot(r, "app"))
	assert.Equal(t, rv, lastEvent(t, r).ReturnValue)
}

// TestReplayOfSpecOrders: the orders of spec §5.2's methods (a combined
// payment and its refund, simulated failures, app payments of test
// amounts, a cross-border withdrawal, a resent code) replay into the same
// state, with the same notifications. Both are read on the replaying
// clock's day, as the views answer an order's status at now (the one in
// progress is closed by then, spec §6.9).
func TestReplayOfSpecOrders(t *testing.T) {
	l := &memLog{}
	c := clock.NewManual(time.Date(2026, 11, 28, 4, 0, 0, 0, time.UTC))
	e := New(Config{Clock: c, IDs: ids.NewSeeded(1), Recorder: l})
	market(t, e)
	reserveMember(t, e, "reserve", "6228480000000000003")
	pm := `{"GATEWAY_VSP":{"amount":500,"paytype":"B2C","vspCusid":"c"},"BALANCE":[{"accountSetNo":"200126","amount":300}],"COUPON":{"amount":200}}`
	ok(t, e, "consumeApply", orderParams("consumeApply", "buyer", "c1", 1000, pm, ""))
	_, serr := e.ConfirmOrder("app", "c1")
	require.Nil(t, serr)
	ok(t, e, "refund", `{"bizOrderNo":"r1","oriBizOrderNo":"c1","bizUserId":"buyer","amount":400,"couponAmount":100}`)
	ok(t, e, "depositApply", orderParams("depositApply", "buyer", "t1", 1100, `{"QUICKPAY_TLT":{`+tltCard+`,"amount":1100}}`, ""))
	ok(t, e, "resendPaySMS", byOrder("t1"))
	ok(t, e, "pay", `{"bizUserId":"buyer","bizOrderNo":"t1","verificationCode":"111111","consumerIp":"10.1.1.1"}`)
	for _, amount := range []int{9, 7, 6} {
		ok(t, e, "depositApply", orderParams("depositApply", "buyer", fmt.Sprint("a", amount), int64(amount),
			fmt.Sprintf(`{"ALIPAY_APP_OPEN":{"amount":%d}}`, amount), ""))
	}
	ok(t, e, "crossBorderWithdrawApply", crossBorderParams("buyer", "reserve", "x1", "6228480000000000003", 1000))
	r := l.replayInto(t)
	c.Set(replayClock())
	assert.Equal(t, snapshot(e, "app"), snapshot(r, "app"))
}

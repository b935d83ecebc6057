package e2e

import (
	"encoding/json"
	"fmt"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/client"
	"github.com/tsymock/tsymock/internal/soa"
	"github.com/tsymock/tsymock/mock"
)

// TestFundsInTransitOverHTTP: getPayeeFundsInTransitDetail (spec §4.2.22)
// lists what paid collections still hold for a receiver; the payer side,
// getPaymentInformationDetail, answers the spec's paymentInformationList
// (§5.15) with a row per payout.
func TestFundsInTransitOverHTTP(t *testing.T) {
	c, _ := specEnv(t)
	_, err := c.AgentCollectApply(c.ctx, collect("buyer", "k1", 3000, 0, client.Receiver{BizUserID: "shop", Amount: 3000}))
	require.NoError(t, err)
	_, err = c.SignalAgentPay(c.ctx, payout("shop", "p1", "k1", 1000, 0))
	require.NoError(t, err)

	got, err := callJSON(t, c.Client, "OrderService.getPayeeFundsInTransitDetail",
		`{"bizUserId":"shop","dateStart":"2026-11-22","dateEnd":"2026-11-28"}`)
	require.NoError(t, err)
	assert.Equal(t, []any{map[string]any{"recieverName": "", "recieverId": "shop", "orderNo": c.orderNo("k1"),
		"collTime": "2026-11-28 12:00:00", "managedCollAmount": json.Number("3000"), "payerName": personName,
		"payerId": "buyer", "estCollAmount": json.Number("2000")}}, got["payeeFundsInTransitList"])
	tests := []struct {
		name, param, code, msg string
	}{
		{"more than 7 days", `{"bizUserId":"shop","dateStart":"2026-11-01","dateEnd":"2026-11-28"}`, "40044", "more than 7 days"},
		{"a payout is no collection", `{"bizUserId":"shop","bizOrderNo":"p1","dateStart":"2026-11-28","dateEnd":"2026-11-28"}`, "40018", "not an agentCollect"},
		{"no dateEnd", `{"bizUserId":"shop","dateStart":"2026-11-28"}`, "10001", "参数不能为空: dateEnd"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := callJSON(t, c.Client, "OrderService.getPayeeFundsInTransitDetail", tt.param)
			code, msg := answerCode(t, err)
			assert.Equal(t, tt.code, code)
			assert.Contains(t, msg, tt.msg)
		})
	}

	info, err := callJSON(t, c.Client, "OrderService.getPaymentInformationDetail", `{"bizOrderNo":"k1"}`)
	require.NoError(t, err)
	assert.Equal(t, []any{map[string]any{"collOrderNo": "k1", "collAmount": json.Number("3000"), "payerName": personName,
		"payerId": "buyer", "collTime": "2026-11-28 12:00:00", "recieverName": "", "recieverId": "shop",
		"managedCollAmount": json.Number("3000"), "status": json.Number("1"), "payOrderNo": "p1",
		"payTime": "2026-11-28 12:00:00", "accountType": json.Number("1"), "payAmount": json.Number("1000")}},
		info["paymentInformationList"])
}

// TestCrossBorderWithdrawOverHTTP: crossBorderWithdrawApply (spec §4.2.23)
// sends a member's money to the card of the enterprise holding the
// cross-border reserve account, through a cross-border channel.
func TestCrossBorderWithdrawOverHTTP(t *testing.T) {
	c, rcv := specEnv(t)
	c.approved("reserve")
	legal := applyCard("reserve", cardICBC)
	legal.IdentityNo = legalID
	c.withCard(legal)
	param := func(no, reserve string, pm map[string]any) map[string]any {
		p := withdrawParam(no, cardICBC, 5000, 50, rcv.URL+"/notify", pm)
		p["crossBorderbizUserId"], p["summary"] = reserve, "FEE101961"
		return p
	}
	tests := []struct {
		name      string
		param     map[string]any
		code, msg string
	}{
		{"to oneself", param("x0", "buyer", nil), "10000", "must not be the bizUserId withdrawing"},
		{"a personal reserve member", param("x0", "shop", nil), "30006", "personal member"},
		{"the spelling of the table", respelled(param("x0", "reserve", nil)), "10001",
			`参数不能为空: crossBorderbizUserId (the request has "crossBorderBizUserId"; the platform spells it "crossBorderbizUserId")`},
		{"a channel it does not take", param("x0", "reserve", body("TRANSFER_HTBANK", body("unionBank", "1", "bankName", "b",
			"province", "p", "city", "c", "PAYEE_ACCT_NO", "1", "PAYEE_ACCT_NAME", "n", "AMOUNT", "1", "SUMMARY", "s",
			"SIGNED_MSG_MER", "x"))), "40009", "does not pay a crossBorderWithdrawApply order"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := sendSpec(t, c.Client, "OrderService.crossBorderWithdrawApply", tt.param)
			code, msg := answerCode(t, err)
			assert.Equal(t, tt.code, code, msg)
			assert.Contains(t, msg, tt.msg)
		})
	}
	got, err := sendSpec(t, c.Client, "OrderService.crossBorderWithdrawApply",
		param("x1", "reserve", body("WITHDRAW_SD", body("amount", 5000, "unionBank", "102100099996", "bankName", "工行"))))
	require.NoError(t, err)
	assert.Equal(t, client.PayStatusSuccess, got["payStatus"])
	assert.Equal(t, []int64{95000}, c.balances("buyer"))
	n := rcv.wait(t, 1)[0]
	o, err := n.Order()
	require.NoError(t, err)
	assert.Equal(t, []any{"OK", "x1", int64(5000)}, []any{n.Status, o.BizOrderNo, o.Amount})
	assert.Contains(t, n.RPS, `"acct":"622202*********0002"`)

	// bankCardPro 1 (企业对公账户): the reserve member's corporate account, bound by its audit
	corp := param("x2", "reserve", nil)
	corp["bankCardNo"], corp["bankCardPro"] = "6222020000000000099", 1
	_, err = sendSpec(t, c.Client, "OrderService.crossBorderWithdrawApply", corp)
	require.NoError(t, err)
	assert.Equal(t, []int64{90000}, c.balances("buyer"))
	assert.Contains(t, rcv.wait(t, 2)[1].RPS, `"acct":"622202*********0099"`)
	corp["bizOrderNo"], corp["bankCardPro"] = "x3", 0
	_, err = sendSpec(t, c.Client, "OrderService.crossBorderWithdrawApply", corp)
	code, msg := answerCode(t, err)
	assert.Equal(t, "30045", code, "the corporate account as a personal card: %s", msg)
}

// TestWithdrawalAndTransferNotesOverHTTP: over the wire, a cross-border
// withdrawal of a person lacking withdrawApply's prerequisites (spec
// §4.2.23 note 3: real name and phone, §4.2.3 note 1) and a transfer whose
// extendInfo holds "|" (§4.2.17: 不可包含“|”特殊字符) are answered OK with
// X-Tsymock-Would-Fail naming their rules, and the journal keeps the
// notes; with --strict they are refused with the real environment's codes
// and the money stays where it was. Both passed silently, even with
// --strict (probe-J findings 1 and 2).
func TestWithdrawalAndTransferNotesOverHTTP(t *testing.T) {
	for _, strict := range []bool{false, true} {
		t.Run(fmt.Sprintf("strict %v", strict), func(t *testing.T) {
			e := demoEnv(t, func(cfg *mock.Config) { cfg.Strict = strict })
			tap := &headerTap{}
			c := &memberClient{Client: e.client(t, client.WithHTTPClient(&http.Client{Transport: tap})), t: t, ctx: t.Context()}
			c.approved("reserve")
			c.person("bare")
			transfer := func(no, extendInfo string, amount int64) error {
				_, err := c.ApplicationTransfer(c.ctx, client.ApplicationTransferRequest{BizTransferNo: no,
					SourceAccountSetNo: standardSet, TargetBizUserID: "bare", TargetAccountSetNo: escrowSet, Amount: amount,
					ExtendInfo: extendInfo})
				return err
			}
			require.NoError(t, transfer("fund", "", 1000))
			tests := []struct {
				name, rule, code, header string // the rule and code of the refusal; the header of the OK answer
				do                       func() error
				moves                    int64 // what it moves from or to bare's balance when taken
			}{
				{"a cross-border withdrawal of a person with no real name and no phone", "member-prerequisite", "30008",
					"member-prerequisite=30008, member-prerequisite=30021", func() error { return c.crossBorder("bare", "reserve", "x1", 100) }, -100},
				{"a transfer whose extendInfo holds |", "param-format", "10000", "param-format=10000",
					func() error { return transfer("t1", "a|b", 10) }, 10},
			}
			for _, tt := range tests {
				t.Run(tt.name, func(t *testing.T) {
					before, err := c.QueryBalance(c.ctx, "bare", escrowSet)
					require.NoError(t, err)
					err = tt.do()
					header, present := tap.wouldFail()
					after, qerr := c.QueryBalance(c.ctx, "bare", escrowSet)
					require.NoError(t, qerr)
					noted := notedCalls(admin{t: t, base: e.URL}, tt.rule)
					if strict {
						got := apiError(t, err)
						assert.Equal(t, tt.code, got.Code)
						assert.Contains(t, got.Message, "tsymock --strict: the real test environment refuses this; rule "+tt.rule)
						assert.False(t, present, "no %s header on an error answer: %q", soa.HeaderWouldFail, header)
						assert.Equal(t, before.AllAmount, after.AllAmount, "nothing moved")
						assert.Empty(t, noted)
						return
					}
					require.NoError(t, err)
					assert.Equal(t, tt.header, header)
					assert.Equal(t, before.AllAmount+tt.moves, after.AllAmount)
					require.Len(t, noted, 1)
					assert.Equal(t, mock.OutcomeOK, noted[0].Outcome)
				})
			}
		})
	}
}

// crossBorder withdraws amount of payer's to the corporate account of the
// approved enterprise reserve (companyInfo's accountNo, bankCardPro 1),
// without confirmation, with the spec's example summary (§4.2.23).
func (c *memberClient) crossBorder(payer, reserve, no string, amount int64) error {
	c.t.Helper()
	return c.crossBorderWith(payer, reserve, no, amount, nil)
}

// crossBorderWith is crossBorder with its param edited by edit.
func (c *memberClient) crossBorderWith(payer, reserve, no string, amount int64, edit func(map[string]any)) error {
	c.t.Helper()
	p := withdrawParam(no, "6222020000000000099", amount, 0, backURL, nil)
	p["bizUserId"], p["crossBorderbizUserId"], p["bankCardPro"], p["summary"] = payer, reserve, 1, "FEE101961"
	if edit != nil {
		edit(p)
	}
	_, err := sendSpec(c.t, c.Client, "OrderService.crossBorderWithdrawApply", p)
	return err
}

// respelled sends crossBorderbizUserId as the spec's notes spell it,
// crossBorderBizUserId; its table spells it crossBorderbizUserId.
func respelled(p map[string]any) map[string]any {
	p["crossBorderBizUserId"] = p["crossBorderbizUserId"]
	delete(p, "crossBorderbizUserId")
	return p
}

// TestQueryBankBalanceOverHTTP: queryBankBalance (spec §4.3.5) answers what
// the application's accounts hold, as the custody bank holds it.
func TestQueryBankBalanceOverHTTP(t *testing.T) {
	c, _ := specEnv(t)
	got, err := callJSON(t, c.Client, "MerchantService.queryBankBalance", `{"acctOrgType":3,"acctNo":"31001","acctName":"平台存管户"}`)
	require.NoError(t, err)
	assert.Equal(t, map[string]any{"acctOrgType": json.Number("3"), "acctNo": "31001", "acctName": "平台存管户",
		"balance": json.Number("3000000000"), "acctStatus": "00"}, got,
		"the platform's starting funds: 10,000,000.00 yuan in each of the standard, deposit and marketing sets (spec §6.17)")
	_, err = callJSON(t, c.Client, "MerchantService.queryBankBalance", `{"acctOrgType":2,"acctNo":"1","acctName":"n"}`)
	code, msg := answerCode(t, err)
	assert.Equal(t, "10000", code)
	assert.Contains(t, msg, "acctOrgType must be one of 1|3|4")
	_, err = callJSON(t, c.Client, "MerchantService.queryBankBalance", `{"acctOrgType":4,"acctNo":"1","acctName":"n","date":"20261201"}`)
	code, msg = answerCode(t, err)
	assert.Equal(t, "40044", code)
	assert.Contains(t, msg, "after today")
}

// TestOrderChecksOverHTTP: the spec's checks of existing methods: refundType
// (40023, §4.2.16), a consumption without split rules (40002 and the spec's
// words 无分账记录, §4.2.24), resendPaySMS every 10 seconds at most (40015 and
// the words §4.2.25 quotes).
func TestOrderChecksOverHTTP(t *testing.T) {
	c, _ := specEnv(t)
	c.consumed(consume("buyer", "shop", "c1", 100, 0))
	_, err := c.Refund(c.ctx, client.RefundRequest{BizOrderNo: "r1", OriBizOrderNo: "c1", BizUserID: "buyer", Amount: 10, RefundType: "D2"})
	code, msg := answerCode(t, err)
	assert.Equal(t, []string{"40023", "退款类型refundType取值有误: refundType \"D2\" must be D1 (the default) or D0 (spec §4.2.16)"},
		[]string{code, msg})
	_, err = c.GetOrderSplitRuleListDetail(c.ctx, "c1")
	code, msg = answerCode(t, err)
	assert.Equal(t, []string{"40002", "无分账记录"}, []string{code, msg})

	_, err = c.DepositApply(c.ctx, deposit("buyer", "d1", 100, 0))
	require.NoError(t, err)
	_, err = c.ResendPaySMS(c.ctx, "d1")
	require.NoError(t, err)
	_, err = c.ResendPaySMS(c.ctx, "d1")
	code, msg = answerCode(t, err)
	assert.Equal(t, []string{"40015", "调用重发短信接口太频繁，请稍后再试！"}, []string{code, msg})
}

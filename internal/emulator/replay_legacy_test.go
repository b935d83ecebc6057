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
)

// TestLegacyLogReplaysAsAnswered: a log written by a tsymock before
// RulesDec2026 (its ops carry no rules) replays by the rules it was
// answered under, with no divergence and the state it had: a balance
// consumption without validateType completed at once, fees in the
// order's set, goods of type 1, a gateway order and a stale code
// confirmed by pay, a BALANCE part of -5 (RulesDec2026b). Today's ops are logged with their generation.
func TestLegacyLogReplaysAsAnswered(t *testing.T) {
	l := &memLog{}
	c := clock.NewManual(time.Date(2026, 11, 28, 4, 0, 0, 0, time.UTC))
	e := New(Config{Clock: c, IDs: ids.NewSeeded(1), Recorder: l})
	e.answerAs = 0
	funded(t, e, 10_000, "buyer", "shop")

	noValidate := strings.Replace(consume("buyer", "shop", "c1", 1000, 100, ""), `"validateType":0,`, "", 1)
	assert.Equal(t, "success", ok(t, e, "consumeApply", noValidate)["payStatus"], "completed at once, as it was")
	ok(t, e, "entryGoods", `{"bizUserId":"shop","bizGoodsNo":"g1","goodsType":1,"goodsName":"P2P"}`)
	combined := orderParams("consumeApply", "buyer", "gw", 300,
		`{"GATEWAY_VSP":{"amount":100,"paytype":"B2C"},"BALANCE":[{"accountSetNo":"200126","amount":200}]}`,
		`"frontUrl":"http://127.0.0.1/f","validateType":1,`)
	ok(t, e, "consumeApply", combined)
	pay := func(no string) {
		ok(t, e, "pay", `{"bizUserId":"buyer","bizOrderNo":"`+no+`","verificationCode":"111111","consumerIp":"203.0.113.7"}`)
	}
	pay("gw")
	ok(t, e, "consumeApply", strings.Replace(consume("buyer", "shop", "late", 200, 0, ""), `"validateType":0`, `"validateType":1`, 1))
	c.Advance(5 * time.Minute)
	pay("late")
	negative := orderParams("consumeApply", "buyer", "neg", 100,
		`{"BALANCE":[{"accountSetNo":"200126","amount":-5},{"accountSetNo":"200126","amount":105}]}`, `"validateType":0,`)
	ok(t, e, "consumeApply", negative) // a part of -5 was taken then (RulesDec2026b: 40020)
	ok(t, e, "refund", `{"bizOrderNo":"r1","oriBizOrderNo":"c1","bizUserId":"buyer","amount":1000,"feeAmount":100}`)
	for _, b := range l.ops {
		require.NotContains(t, string(b), `"rules"`, "an older version's log")
	}

	r := l.replayInto(t) // fails on a divergence
	assert.Equal(t, snapshot(e, "app"), snapshot(r, "app"))

	now := &memLog{}
	funded(t, New(Config{IDs: ids.NewSeeded(1), Recorder: now}), 0, "n")
	require.NotEmpty(t, now.ops)
	for _, b := range now.ops {
		assert.Contains(t, string(b), fmt.Sprintf(`"rules":%d`, RulesCurrent))
	}
}

// TestRulesDec2026LogReplaysAsAnswered: a log of RulesDec2026 replays by
// its rules too: a consumption with a fee and a split, paid by card, and a
// payout of a card-paid collection post the net legs of then (see
// chainLegs), so the state after the replay is the state it had.
func TestRulesDec2026LogReplaysAsAnswered(t *testing.T) {
	l := &memLog{}
	c := clock.NewManual(time.Date(2026, 11, 28, 4, 0, 0, 0, time.UTC))
	e := New(Config{Clock: c, IDs: ids.NewSeeded(1), Recorder: l})
	e.answerAs = RulesDec2026
	market(t, e)
	funded(t, e, 0, "agent")
	ok(t, e, "consumeApply", consume("buyer", "shop", "c1", 1000, 100, `{"bizUserId":"agent","amount":100,"fee":5}`))
	ok(t, e, "agentCollectApply", orderParams("agentCollectApply", "buyer", "ac1", 300, `{"QUICKPAY_VSP":{`+card+`,"amount":300}}`, `"validateType":0,`))
	ok(t, e, "signalAgentPay", `{"bizOrderNo":"sp1","collectPayList":[{"bizOrderNo":"ac1","amount":300}],"bizUserId":"shop",`+
		`"accountSetNo":"200126","backUrl":"http://127.0.0.1/n","amount":300,"fee":30,"tradeCode":"4001"}`)
	for _, b := range l.ops {
		require.Contains(t, string(b), fmt.Sprintf(`"rules":%d`, RulesDec2026))
	}
	agent := e.Statement("app", "agent", "200126")
	require.Len(t, agent, 1, "then the payer paid the split's net share straight to its receiver")
	assert.Equal(t, int64(95), agent[0].Change)

	r := l.replayInto(t) // fails on a divergence
	assert.Equal(t, snapshot(e, "app"), snapshot(r, "app"))
}

// TestDec2026LogReplaysAsAnswered: a log written under RulesDec2026
// replays by those rules, with no divergence and the state it had, where
// RulesDec2026b answers otherwise: a locked member paid, was refunded and
// had a terminal payment back-filled, and pay naming no member was 40022
// (spec §4.1.15 refuses them now); with --strict, a phone that is no mobile
// number, an enterprise's applyBindAcct, the unbinding of a cardCheck 1
// card and a setCompanyInfo with a companyName in ASCII brackets, an
// expLicense not yyyy-MM-dd, a legalPhone that is no mobile number and a
// parentBankName outside §6.21 passed without a note (they are refused
// now).
func TestDec2026LogReplaysAsAnswered(t *testing.T) {
	t.Run("locked members", func(t *testing.T) {
		l := &memLog{}
		e := New(Config{Clock: clock.NewManual(time.Date(2026, 11, 28, 4, 0, 0, 0, time.UTC)), IDs: ids.NewSeeded(1),
			Recorder: l})
		e.answerAs = RulesDec2026
		lockSetup(t, e)
		ev, serr := e.TerminalPayment("app", terminalDeposit())
		require.Nil(t, serr)
		ok(t, e, "lockMember", `{"bizUserId":"buyer"}`)
		ok(t, e, "lockMember", `{"bizUserId":"shop"}`)
		assert.Equal(t, "40022", code(t, e, "pay", payParams("nobody", "p1")))
		assert.Equal(t, "success", ok(t, e, "pay", payParams("buyer", "p1"))["payStatus"], "a locked payer paid")
		assert.Equal(t, "success", ok(t, e, "refund", refundParams("buyer", "c1"))["payStatus"], "to a locked payer")
		_, serr = e.TerminalPayment("app", terminalDeposit())
		assert.Nil(t, serr, "a locked member's terminal")
		_, serr = e.AnswerBackfill("app", ev.Form["trxid"], merchantRetOK, "B-1", "")
		assert.Nil(t, serr, "booked for a locked member")
		for _, b := range l.ops {
			require.Contains(t, string(b), fmt.Sprintf(`"rules":%d`, RulesDec2026))
		}

		r := l.replayInto(t) // fails on a divergence
		assert.Equal(t, snapshot(e, "app"), snapshot(r, "app"))
	})
	t.Run("strict notes", func(t *testing.T) {
		l := &memLog{}
		et := newEnvTest(t, true)
		et.e = New(Config{Clock: et.clock, IDs: ids.NewSeeded(1), Strict: true, Recorder: l})
		et.e.answerAs = RulesDec2026
		et.ok("createMember", map[string]any{"bizUserId": "p", "memberType": 3, "source": 1})
		et.withPhone("p", "abc")
		et.ok("createMember", map[string]any{"bizUserId": "c", "memberType": 2, "source": 2})
		et.ok("applyBindAcct", map[string]any{"bizUserId": "c", "operationType": "set", "acctType": "weChatPublic",
			"acct": "o-openid"})
		et.person("q", validName, validID)
		et.ok("applyBindBankCard", apply("q", abcCard, validName, validID, "", 1, nil))
		et.ok("unbindBankCard", map[string]any{"bizUserId": "q", "cardNo": abcCard})
		et.ok("createMember", map[string]any{"bizUserId": "c2", "memberType": 2, "source": 2})
		co := companyParams("甲(北京)公司", true)
		co["bizUserId"] = "c2"
		for k, v := range map[string]any{"expLicense": "2030/13/45", "legalPhone": "abc", "parentBankName": "火星银行"} {
			co["companyBasicInfo"].(map[string]any)[k] = v
		}
		assert.Equal(t, int64(auditApproved), et.ok("setCompanyInfo", co)["result"], "approved then, without a note")
		for _, b := range l.ops {
			require.Contains(t, string(b), `"strict":true`)
		}

		r := l.replayInto(t) // fails on a divergence
		assert.Equal(t, snapshot(et.e, "a"), snapshot(r, "a"))
	})
}

// TestLegacyStrictLogReplaysAsAnswered: --strict ops of a log written before
// RulesDec2026b replay as they were answered, although today's --strict
// refuses them: a gateway's gateid outside §6.13 (gateid), a vspCusid to a
// payee that bound none (vsp-cusid-unbound), a WITHDRAW_HTBANK AMOUNT other
// than the order's and a WITHDRAW_TLT unionBank of 11 digits.
func TestLegacyStrictLogReplaysAsAnswered(t *testing.T) {
	l := &memLog{}
	e := New(Config{Clock: clock.NewManual(time.Date(2026, 11, 28, 4, 0, 0, 0, time.UTC)), IDs: ids.NewSeeded(1),
		Recorder: l, Strict: true})
	market(t, e)
	signedBuyer(t, e)
	e.answerAs = RulesDec2026
	ok(t, e, "consumeApply", orderParams("consumeApply", "buyer", "g1", 100,
		`{"GATEWAY_VSP":{"amount":100,"paytype":"B2C","gateid":"9999"}}`, `"frontUrl":"http://127.0.0.1/f",`))
	ok(t, e, "consumeApply", orderParams("consumeApply", "buyer", "v1", 100,
		`{"SCAN_WEIXIN_ORG":{"vspCusid":"V9","amount":100,"limitPay":""}}`, ""))
	ok(t, e, "withdrawApply", withdrawParams("w1", `,"payMethod":{"WITHDRAW_HTBANK":`+
		`{"subAcctNo":"s","PAYEE_ACCT_NO":"a","PAYEE_ACCT_NAME":"n","AMOUNT":"9","SIGNED_MSG_MER":"sig"}}`))
	ok(t, e, "withdrawApply", withdrawParams("w2", `,"payMethod":{"WITHDRAW_TLT":{"payTypeName":"withdraw_tlt","unionBank":"10210009999"}}`))
	assert.Contains(t, string(l.ops[len(l.ops)-1]), `"strict":true`)

	r := l.replayInto(t) // fails on a divergence
	assert.Equal(t, e.AccountBalances("app"), r.AccountBalances("app"))
	assert.Len(t, r.Orders("app"), len(e.Orders("app")), "every order kept (the replay's clock has them closed since)")
}

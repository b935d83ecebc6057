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

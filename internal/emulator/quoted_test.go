package emulator

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/internal/clock"
	"github.com/tsymock/tsymock/internal/ids"
	"github.com/tsymock/tsymock/internal/soa"
)

// TestQuotedMessages: where the spec quotes the platform's words, the
// answer's message is exactly them: a locked member's calls (会员已锁定,
// spec §4.1.15, code 30022); resendPaySMS within 10 seconds of the last
// (spec §4.2.25, 40015), and only then; resendPaySMS of a paid, closed or
// expired order (§4.2.25, 40019); the split detail of an order without
// split rules (无分账记录, §4.2.24, 40002) or of no order at all (订单不存在, 40000).
func TestQuotedMessages(t *testing.T) {
	c := clock.NewManual(time.Date(2026, 11, 28, 4, 0, 0, 0, time.UTC))
	e := New(Config{Clock: c, IDs: ids.NewSeeded(1)})
	market(t, e)
	quick := `{"QUICKPAY_VSP":{` + card + `,"amount":100}}`
	pay := `{"bizUserId":"buyer","bizOrderNo":"d2","verificationCode":"111111","consumerIp":"10.1.1.1"}`
	for _, no := range []string{"d1", "d2", "d3"} {
		ok(t, e, "depositApply", orderParams("depositApply", "buyer", no, 100, quick, ""))
	}
	ok(t, e, "consumeApply", orderParams("consumeApply", "buyer", "c1", 100, `{"BALANCE":[{"accountSetNo":"200126","amount":100}]}`, ""))
	steps := []struct {
		name          string
		advance       time.Duration
		method, param string
		code, message string
	}{
		{"first resend", 0, "resendPaySMS", byOrder("d1"), "", ""},
		{"again at once", 0, "resendPaySMS", byOrder("d1"), "40015", textResendTooOften},
		{"9 seconds later", 9 * time.Second, "resendPaySMS", byOrder("d1"), "40015", textResendTooOften},
		{"10 seconds later", time.Second, "resendPaySMS", byOrder("d1"), "", ""},
		{"another order at once", 0, "resendPaySMS", byOrder("d3"), "", ""},
		{"pay d2", 0, "pay", pay, "", ""},
		{"a paid order", 0, "resendPaySMS", byOrder("d2"), "40019", textResendFinished},
		{"close d3", 0, "closeOrder", byOrder("d3"), "", ""},
		{"a closed order", 20 * time.Second, "resendPaySMS", byOrder("d3"), "40019", textResendFinished},
		{"an order past 30 minutes", 30 * time.Minute, "resendPaySMS", byOrder("d1"), "40019", textResendFinished},
		{"split detail without rules", 0, "getOrderSplitRuleListDetail", byOrder("c1"), "40002", textNoSplit},
		{"split detail of a deposit", 0, "getOrderSplitRuleListDetail", byOrder("d2"), "40002", textNoSplit},
		{"split detail of an unknown order", 0, "getOrderSplitRuleListDetail", byOrder("nothing"), "40000", textNoOrder},
		{"lock the buyer", 0, "lockMember", `{"bizUserId":"buyer"}`, "", ""},
		{"a locked payer", 0, "consumeApply", orderParams("consumeApply", "buyer", "c2", 1,
			`{"BALANCE":[{"accountSetNo":"200126","amount":1}]}`, ""), "30022", textLocked},
		{"a locked member's balance", 0, "queryBalance", `{"bizUserId":"buyer","accountSetNo":"200126"}`, "30022", textLocked},
		{"lock it again", 0, "lockMember", `{"bizUserId":"buyer"}`, "30022", textLocked},
	}
	for _, s := range steps {
		c.Advance(s.advance)
		_, serr := do(t, e, s.method, s.param)
		if s.code == "" {
			require.Nil(t, serr, "%s: %v", s.name, serr)
			continue
		}
		require.NotNil(t, serr, s.name)
		assert.Equal(t, [2]string{s.code, s.message}, [2]string{serr.Code, serr.Message}, s.name)
	}
}

// TestLockedTextIsTheCatalogues: the emulator's locked member and the
// catalogue's 30022 (magic values, arm, scenarios) say the same words.
func TestLockedTextIsTheCatalogues(t *testing.T) {
	text, ok := soa.Message(soa.CodeMemberLocked)
	require.True(t, ok)
	assert.Equal(t, textLocked, text)
}

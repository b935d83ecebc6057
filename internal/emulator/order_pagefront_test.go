package emulator

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/internal/clock"
	"github.com/tsymock/tsymock/internal/ids"
)

// TestConsumerIPNote: spec §4.2.8-§4.2.10 want the payer's public IP (用户
// 公网 IP) and name the loopback as what it cannot be: any spelling of the
// loopback, the unspecified, multicast and broadcast addresses and a value
// that is no IP address are noted; public addresses of either family are
// not, nor private and link-local ones (Allinpay's own test-environment
// demo pays from 192.168.11.11; under RulesDec2026c they were noted).
func TestConsumerIPNote(t *testing.T) {
	for _, tt := range []struct {
		ip, why string // why "": not noted
	}{
		{"8.8.8.8", ""}, {"203.0.113.7", ""}, {"2001:4860:4860::8888", ""}, {"::ffff:8.8.8.8", ""},
		{"127.0.0.1", "the loopback"}, {"localhost", "the loopback"}, {"LocalHost", "the loopback"},
		{"127.1.2.3", "the loopback"}, {"::1", "the loopback"}, {"::ffff:127.0.0.1", "the loopback"},
		{"0.0.0.0", "the unspecified address"}, {"::", "the unspecified address"},
		{"10.1.1.1", ""}, {"172.31.255.255", ""}, {"192.168.11.11", ""}, {"fd12::1", ""},
		{"169.254.0.1", ""}, {"fe80::1%eth0", ""},
		{"224.0.0.1", "a multicast or broadcast address"}, {"255.255.255.255", "a multicast or broadcast address"},
		{"not-an-ip", "no IP address"}, {"8.8.8.8 ", "no IP address"}, {"1.2.3", "no IP address"}, {"::1:", "no IP address"},
	} {
		t.Run(tt.ip, func(t *testing.T) {
			n, ok := ConsumerIPNote(tt.ip)
			if tt.why == "" {
				assert.False(t, ok, "%v", n)
				return
			}
			require.True(t, ok)
			assert.Equal(t, []string{RuleConsumerIP, "10000"}, []string{n.Rule, n.Code})
			assert.Contains(t, n.Message, fmt.Sprintf("consumerIp %q is %s", tt.ip, tt.why))
			assert.Contains(t, n.Message, "用户公网 IP")
		})
	}
}

// TestConsumerIPNoteOfRulesDec2026c: an op answered under RulesDec2026c
// was noted for a private or link-local consumerIp as well.
func TestConsumerIPNoteOfRulesDec2026c(t *testing.T) {
	for _, tt := range []struct{ ip, why string }{
		{"10.1.1.1", "a private address"}, {"192.168.11.11", "a private address"}, {"fd12::1", "a private address"},
		{"169.254.0.1", "a link-local address"}, {"127.0.0.1", "the loopback"}, {"8.8.8.8", ""},
	} {
		t.Run(tt.ip, func(t *testing.T) {
			n, ok := dec2026cConsumerIPNote(tt.ip)
			assert.Equal(t, tt.why != "", ok)
			assert.Contains(t, n.Message, tt.why)
		})
	}
}

// TestPayConsumerIP: pay notes a consumerIp that the platform cannot take
// (the unspecified address here), and with --strict refuses it (10000); the
// order stays payable. A private address, as Allinpay's own test-environment
// demo sends, pays without a note.
func TestPayConsumerIP(t *testing.T) {
	for _, tt := range []struct {
		ip     string
		strict bool
		noted  bool
	}{
		{"0.0.0.0", false, true}, {"0.0.0.0", true, true},
		{"192.168.11.11", false, false}, {"192.168.11.11", true, false},
	} {
		t.Run(fmt.Sprint(tt.ip, " strict ", tt.strict), func(t *testing.T) {
			e := newTestOrStrict(tt.strict)
			market(t, e)
			pendingBalance(t, e)
			out := call(t, e, "OrderService", "pay", payWithIP("p", tt.ip))
			if tt.strict && tt.noted {
				require.NotNil(t, out.Err)
				assert.Equal(t, "10000", out.Err.Code)
				assert.Contains(t, out.Err.Message, "rule consumer-ip")
				ok(t, e, "pay", payWithIP("p", "8.8.8.8"))
				return
			}
			require.Nil(t, out.Err, "%v", out.Err)
			assert.Len(t, notesOf(out.Portability, RuleConsumerIP), map[bool]int{true: 1}[tt.noted])
		})
	}
}

// TestConsumerIPOfAnOlderLog: a --strict log written before RulesDec2026c
// holds a pay whose consumerIp is private, answered OK then (only the
// literal 127.0.0.1 and localhost were noted); it replays as it was
// answered, with no divergence (without the gate, the old rules refuse it
// too, and a log written then could not replay).
func TestConsumerIPOfAnOlderLog(t *testing.T) {
	l := &memLog{}
	old := New(Config{Clock: clock.NewManual(time.Date(2026, 11, 28, 4, 0, 0, 0, time.UTC)), IDs: ids.NewSeeded(1),
		Recorder: l, Strict: true})
	old.answerAs = RulesDec2026b
	market(t, old)
	pendingBalance(t, old)
	ok(t, old, "pay", payWithIP("p", "10.1.1.1"))
	assert.Contains(t, string(l.ops[len(l.ops)-1]), fmt.Sprintf(`"strict":true,"rules":%d`, RulesDec2026b))

	r := l.replayInto(t) // fails on a divergence
	assert.Equal(t, snapshot(old, "app"), snapshot(r, "app"))
	for _, o := range r.Orders("app") {
		if o.BizOrderNo == "p" {
			assert.Equal(t, statusSucceeded, o.Status, "the pay replayed")
		}
	}
}

// TestConsumerIPOfARulesDec2026cLog: a --strict log written under
// RulesDec2026c holds a pay refused (10000) for a private consumerIp, then
// the same order paid from a public one; it replays as it was answered
// (without the gate, today's rules pay it at the first pay, and the second
// diverges).
func TestConsumerIPOfARulesDec2026cLog(t *testing.T) {
	l := &memLog{}
	old := New(Config{Clock: clock.NewManual(time.Date(2026, 12, 5, 4, 0, 0, 0, time.UTC)), IDs: ids.NewSeeded(1),
		Recorder: l, Strict: true})
	old.answerAs = RulesDec2026c
	market(t, old)
	pendingBalance(t, old)
	out := call(t, old, "OrderService", "pay", payWithIP("p", "192.168.11.11"))
	require.NotNil(t, out.Err)
	assert.Equal(t, "10000", out.Err.Code)
	ok(t, old, "pay", payWithIP("p", "8.8.8.8"))
	assert.Contains(t, string(l.ops[len(l.ops)-1]), fmt.Sprintf(`"strict":true,"rules":%d`, RulesDec2026c))

	r := l.replayInto(t) // fails on a divergence
	assert.Equal(t, snapshot(old, "app"), snapshot(r, "app"))
}

func payWithIP(bizOrderNo, ip string) string {
	return fmt.Sprintf(`{"bizUserId":"buyer","bizOrderNo":%q,"verificationCode":"111111","consumerIp":%q}`, bizOrderNo, ip)
}

// TestPayLink: an apply answers a payInfo link to tsymock's page for the
// methods paid outside or on frontTrans.do, not for a card or balance
// order confirmed by SMS nor for a page order confirmed with the password
// (validateType 2, which frontTrans.do refuses: 40028); the unsigned link
// opens only the orders it was answered for (LinkedOrder: 10001 for the
// others, 40000 for an unknown orderNo).
func TestPayLink(t *testing.T) {
	combined := `{"GATEWAY_VSP":{"amount":60,"paytype":"B2C"},"BALANCE":[{"accountSetNo":"200126","amount":40}]}`
	wallet := `{"ALLINPAY_WALLET_H5":{"amount":60},"BALANCE":[{"accountSetNo":"200126","amount":40}]}`
	tests := []struct {
		name, method, payMethod, extra string
		link                           bool
	}{
		{"gateway alone", "depositApply", `{"GATEWAY_VSP":{"amount":100,"paytype":"B2C"}}`, `"validateType":1,`, true},
		{"wallet H5 alone", "depositApply", `{"ALLINPAY_WALLET_H5":{"amount":100}}`, "", true},
		{"gateway and balance by SMS", "consumeApply", combined, `"validateType":1,`, true},
		{"gateway and balance by password", "consumeApply", combined, `"validateType":2,`, false},
		{"wallet H5 and balance by password", "consumeApply", wallet, `"validateType":2,`, false},
		{"QR code", "depositApply", `{"SCAN_WEIXIN":{"amount":100,"limitPay":""}}`, "", true},
		{"WeChat JS", "depositApply", `{"WECHAT_PUBLIC":{"amount":100,"limitPay":"","acct":"o1"}}`, "", true},
		{"quick pay", "depositApply", `{"QUICKPAY_VSP":{` + card + `,"amount":100}}`, `"validateType":1,`, false},
		{"balance by SMS", "consumeApply", `{"BALANCE":[{"accountSetNo":"200126","amount":100}]}`, `"validateType":1,`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, out := appliedO1(t, tt.method, tt.payMethod, tt.extra)
			orderNo := out.Value["orderNo"].(string)
			biz, serr := e.LinkedOrder("app", orderNo)
			if !tt.link {
				assert.NotContains(t, out.Value, "payInfo")
				require.NotNil(t, serr)
				assert.Equal(t, "10001", serr.Code)
				return
			}
			assert.Contains(t, out.Value["payInfo"], PayPagePath+orderNo)
			require.Nil(t, serr, "%v", serr)
			assert.Equal(t, "o1", biz)
		})
	}
	_, serr := newTest().LinkedOrder("app", "nope")
	require.NotNil(t, serr)
	assert.Equal(t, "40000", serr.Code)
}

// appliedO1 is a market whose buyer applied for order o1 of 100 fen with
// method (depositApply, consumeApply), payMethod and the extra params,
// returning to a frontUrl; the apply must succeed.
func appliedO1(t *testing.T, method, payMethod, extra string) (*Emulator, Outcome) {
	t.Helper()
	e := newTest()
	market(t, e)
	out := call(t, e, "OrderService", method, orderParams(method, "buyer", "o1", 100, payMethod,
		extra+`"frontUrl":"http://127.0.0.1/f",`))
	require.Nil(t, out.Err, "%v", out.Err)
	return e, out
}

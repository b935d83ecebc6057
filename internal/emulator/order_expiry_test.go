package emulator

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/internal/clock"
	"github.com/tsymock/tsymock/internal/ids"
)

// TestOrderLifetimesByMethod: spec §5.2's ALLINPAY_WALLET_H5 note (5)
// closes an order sent without orderExpireDatetime 60 minutes after it is
// made (如不填则默认该订单 60 分钟后过期), and takes one of a minute or more;
// a method paid without confirmation takes 60 minutes at most (§4.2.2
// orderExpireDatetime 2)); either outside is noted order-expiry-channel
// (TestLeniencies). Other methods keep the nightly close and their
// expiry as sent, the gateway's too (its 50 minutes are the channel
// page's).
func TestOrderLifetimesByMethod(t *testing.T) {
	tests := []struct {
		name, payMethod, extra string
		notes                  int
		closed                 time.Duration // when it shows closed; 0: still unpaid after 2 hours
	}{
		{"wallet H5 without expiry", `{"ALLINPAY_WALLET_H5":{"amount":100}}`, "", 0, time.Hour},
		{"wallet H5 with 90 minutes", `{"ALLINPAY_WALLET_H5":{"amount":100}}`, `"orderExpireDatetime":"2026-11-28 13:30:00",`, 0, 90 * time.Minute},
		{"wallet H5 with a minute", `{"ALLINPAY_WALLET_H5":{"amount":100}}`, `"orderExpireDatetime":"2026-11-28 12:01:00",`, 0, time.Minute},
		{"wallet H5 with 30 seconds", `{"ALLINPAY_WALLET_H5":{"amount":100}}`, `"orderExpireDatetime":"2026-11-28 12:00:30",`, 1, 30 * time.Second},
		{"WeChat QR with 60 minutes", `{"SCAN_WEIXIN":{"amount":100,"limitPay":""}}`, `"orderExpireDatetime":"2026-11-28 13:00:00",`, 0, time.Hour},
		{"WeChat QR with 61 minutes", `{"SCAN_WEIXIN":{"amount":100,"limitPay":""}}`, `"orderExpireDatetime":"2026-11-28 13:01:00",`, 1, 61 * time.Minute},
		{"WeChat QR without expiry", `{"SCAN_WEIXIN":{"amount":100,"limitPay":""}}`, "", 0, 0},
		{"gateway with 10 minutes", `{"GATEWAY_VSP":{"amount":100,"paytype":"B2C"}}`, `"orderExpireDatetime":"2026-11-28 12:10:00",`, 0, 10 * time.Minute},
		{"gateway without expiry", `{"GATEWAY_VSP":{"amount":100,"paytype":"B2C"}}`, "", 0, 0},
		{"quick pay with 3 hours", `{"QUICKPAY_VSP":{` + card + `,"amount":100}}`, `"orderExpireDatetime":"2026-11-28 15:00:00",`, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := clock.NewManual(time.Date(2026, 11, 28, 4, 0, 0, 0, time.UTC)) // 12:00 China time
			e := New(Config{Clock: c, IDs: ids.NewSeeded(1)})
			market(t, e)
			out := call(t, e, "OrderService", "depositApply", orderParams("depositApply", "buyer", "d", 100, tt.payMethod,
				`"frontUrl":"http://127.0.0.1/f",`+tt.extra))
			require.Nil(t, out.Err, "%v", out.Err)
			assert.Len(t, out.Portability, tt.notes)
			status := func() int64 { return asInt(ok(t, e, "getOrderDetail", byOrder("d"))["orderStatus"]) }
			if tt.closed == 0 {
				c.Advance(2 * time.Hour)
				assert.Equal(t, int64(statusUnpaid), status())
				return
			}
			c.Advance(tt.closed)
			assert.Equal(t, int64(statusUnpaid), status(), "payable until its expiry")
			c.Advance(time.Second)
			assert.Equal(t, int64(statusClosed), status(), "closed after it")
			_, serr := e.ConfirmOrder("app", "d")
			require.NotNil(t, serr)
			assert.Equal(t, "40003", serr.Code)
		})
	}
}

// TestExpiryNotesCiteTheMethodsSection: the order-expiry-24h note, and
// order-expiry-channel's for a method whose expiry goes to the channel,
// cite the orderExpireDatetime of the method called, whose table states
// its limits (订单最长时效为 24 小时; 无需确认支付情况…最大不超过 60 分钟): depositApply's
// §4.2.2, withdrawApply's §4.2.3, consumeApply's §4.2.4, agentCollectApply's
// §4.2.5, crossBorderWithdrawApply's §4.2.23. A payout's table has none; one
// sent anyway is held to §4.2.2's. They cited §4.2.2 for every order.
func TestExpiryNotesCiteTheMethodsSection(t *testing.T) {
	const day, hour = "2026-11-29 13:00:00", "2026-11-28 13:30:00" // 25 hours, 90 minutes after the clock's 12:00
	expiring := func(param, at string) string {
		return strings.Replace(param, "{", `{"orderExpireDatetime":"`+at+`",`, 1)
	}
	scan := `{"SCAN_WEIXIN":{"amount":100,"limitPay":""}}`
	tests := []struct {
		name, rule, method string
		setup              func(t *testing.T, e *Emulator)
		param, section     string
	}{
		{"deposit", RuleOrderExpiry, "depositApply", nil,
			expiring(orderParams("depositApply", "buyer", "o1", 100, `{"QUICKPAY_VSP":{`+card+`,"amount":100}}`, ""), day), "§4.2.2"},
		{"withdrawal", RuleOrderExpiry, "withdrawApply", signedBuyer, expiring(withdrawParams("o1", ""), day), "§4.2.3"},
		{"consumption", RuleOrderExpiry, "consumeApply", nil, expiring(consume("buyer", "shop", "o1", 100, 0, ""), day), "§4.2.4"},
		{"collection", RuleOrderExpiry, "agentCollectApply", nil, expiring(collect("buyer", "shop", "o1", 100), day), "§4.2.5"},
		{"cross-border withdrawal", RuleOrderExpiry, "crossBorderWithdrawApply", func(t *testing.T, e *Emulator) {
			signedBuyer(t, e)
			reserveOf(t, e)
		}, expiring(crossBorderParams("buyer", "reserve", "o1", reserveCard, 100), day), "§4.2.23"},
		{"payout, whose table has none", RuleOrderExpiry, "signalAgentPay", func(t *testing.T, e *Emulator) {
			ok(t, e, "agentCollectApply", collect("buyer", "shop", "k1", 100))
		}, expiring(payout("shop", "o1", "k1", 100), day), "§4.2.2"},
		{"deposit by QR code", RuleChannelExpiry, "depositApply", nil,
			expiring(orderParams("depositApply", "buyer", "o1", 100, scan, ""), hour), "§4.2.2"},
		{"consumption by QR code", RuleChannelExpiry, "consumeApply", nil,
			expiring(orderParams("consumeApply", "buyer", "o1", 100, scan, ""), hour), "§4.2.4"},
		{"collection by QR code", RuleChannelExpiry, "agentCollectApply", nil,
			expiring(orderParams("agentCollectApply", "buyer", "o1", 100, scan, ""), hour), "§4.2.5"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newTest()
			market(t, e)
			if tt.setup != nil {
				tt.setup(t, e)
			}
			out := call(t, e, "OrderService", tt.method, tt.param)
			require.Nil(t, out.Err, "%v", out.Err)
			notes := notesOf(out.Portability, tt.rule)
			require.Len(t, notes, 1)
			assert.Contains(t, notes[0].Message, "(spec "+tt.section+" orderExpireDatetime")
		})
	}
}

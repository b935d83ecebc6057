package emulator

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/tsymock/tsymock/internal/clock"
	"github.com/tsymock/tsymock/internal/ids"
	"github.com/tsymock/tsymock/internal/soa"
)

// TestNightlyClose: the platform closes, every day at 00:30 China time,
// the orders still unpaid that were made more than 24 hours before (spec
// §4.2.1 (2)).
func TestNightlyClose(t *testing.T) {
	at := func(s string) time.Time {
		v, err := time.ParseInLocation(time.DateTime, s, soa.Shanghai())
		if err != nil {
			panic(err)
		}
		return v
	}
	tests := []struct{ created, closes string }{
		{"2026-11-28 12:00:00", "2026-11-30 00:30:00"},
		{"2026-11-28 00:29:59", "2026-11-29 00:30:00"}, // 24 hours old at 00:29:59: past it at 00:30
		{"2026-11-28 00:30:00", "2026-11-30 00:30:00"}, // exactly 24 hours old at 00:30: not more
		{"2026-11-28 23:59:59", "2026-11-30 00:30:00"},
		{"2026-12-31 18:00:00", "2027-01-02 00:30:00"},
	}
	for _, tt := range tests {
		t.Run(tt.created, func(t *testing.T) {
			assert.Equal(t, at(tt.closes), nightlyClose(at(tt.created)))
		})
	}
}

// TestUnpaidOrderClosesAtNight: an order made at 12:00 without
// orderExpireDatetime is payable until the second night's 00:30, then
// closed (status 6, pay 40003); one with an earlier orderExpireDatetime
// closes at that time.
func TestUnpaidOrderClosesAtNight(t *testing.T) {
	c := clock.NewManual(time.Date(2026, 11, 28, 4, 0, 0, 0, time.UTC)) // 12:00 China time
	e := New(Config{Clock: c, IDs: ids.NewSeeded(1)})
	market(t, e)
	pm := `{"QUICKPAY_VSP":{` + card + `,"amount":100}}`
	ok(t, e, "depositApply", orderParams("depositApply", "buyer", "d1", 100, pm, ""))
	ok(t, e, "depositApply", orderParams("depositApply", "buyer", "d2", 100, pm, `"orderExpireDatetime":"2026-11-28 13:00:00",`))
	status := func(no string) int64 {
		return asInt(ok(t, e, "getOrderDetail", `{"bizOrderNo":"`+no+`"}`)["orderStatus"])
	}

	c.Advance(time.Hour + time.Second)
	assert.Equal(t, int64(statusClosed), status("d2"), "past its orderExpireDatetime")
	assert.Equal(t, int64(statusUnpaid), status("d1"))

	c.Set(time.Date(2026, 11, 29, 16, 30, 0, 0, time.UTC)) // 00:30 on 30 November, China time
	assert.Equal(t, int64(statusUnpaid), status("d1"), "at 00:30 exactly it is still unpaid")
	c.Advance(time.Second)
	assert.Equal(t, int64(statusClosed), status("d1"), "closed by the nightly run")
	assert.Equal(t, statusClosed, orderView(t, e, "d1").Status, "the admin view says so too")
	assert.Equal(t, "40003", code(t, e, "pay", `{"bizUserId":"buyer","bizOrderNo":"d1","verificationCode":"111111","consumerIp":"10.0.0.1"}`))
	assert.Equal(t, "40019", code(t, e, "closeOrder", `{"bizOrderNo":"d2"}`), "closed already, as a closed order is")
}

// TestInProgressClosesAfterEightDays: an order in progress (99; the test
// environment's ALIPAY_APP_OPEN of 7 fen, spec §5.2) is closed (6) by the
// platform's nightly run once it is more than eight days old (spec §6.9:
// 进行中的订单，8 天日终（00:30）批量关闭进行中的订单), and then takes
// neither a pay nor a closeOrder.
func TestInProgressClosesAfterEightDays(t *testing.T) {
	for _, tt := range []struct {
		name      string
		created   time.Time
		openUntil time.Time // the last instant it is still in progress
	}{
		{"made at noon", time.Date(2026, 11, 28, 4, 0, 0, 0, time.UTC), time.Date(2026, 12, 6, 16, 30, 0, 0, time.UTC)},
		{"made at 00:10", time.Date(2026, 11, 27, 16, 10, 0, 0, time.UTC), time.Date(2026, 12, 5, 16, 30, 0, 0, time.UTC)},
		{"made at 00:30 exactly", time.Date(2026, 11, 27, 16, 30, 0, 0, time.UTC), time.Date(2026, 12, 6, 16, 30, 0, 0, time.UTC)},
	} {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.openUntil, inProgressClose(tt.created).UTC())
			c := clock.NewManual(tt.created)
			e := New(Config{Clock: c, IDs: ids.NewSeeded(1)})
			market(t, e)
			ok(t, e, "depositApply", orderParams("depositApply", "buyer", "a7", 7, `{"ALIPAY_APP_OPEN":{"amount":7}}`, ""))
			status := func() int64 { return asInt(ok(t, e, "getOrderDetail", `{"bizOrderNo":"a7"}`)["orderStatus"]) }

			assert.Equal(t, int64(statusInProgress), status())
			c.Set(tt.openUntil)
			assert.Equal(t, int64(statusInProgress), status(), "still in progress until the run")
			c.Advance(time.Second)
			assert.Equal(t, int64(statusClosed), status(), "closed by the nightly run")
			assert.Equal(t, statusClosed, orderView(t, e, "a7").Status, "the admin view says so too")
			assert.Equal(t, "40019", code(t, e, "closeOrder", `{"bizOrderNo":"a7"}`))
		})
	}
}

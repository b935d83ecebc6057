package soa

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// serverNow is the vectors' timestamp, 2026-11-28 12:00:00 China time.
func serverNow(t *testing.T) time.Time {
	t.Helper()
	now, err := time.ParseInLocation(TimestampLayout, "2026-11-28 12:00:00", Shanghai())
	require.NoError(t, err)
	return now
}

func TestShanghai(t *testing.T) {
	assert.Equal(t, "Asia/Shanghai", Shanghai().String())
	utc := time.Date(2026, 11, 28, 4, 0, 0, 0, time.UTC)
	assert.Equal(t, "2026-11-28 12:00:00", FormatTime(utc))
	assert.Equal(t, "2026-11-28 12:00:00", FormatTime(utc.In(time.FixedZone("X", -5*3600))))
}

func TestCheckTimestampWindow(t *testing.T) {
	now := serverNow(t)
	window := 10 * time.Minute
	tests := []struct {
		name   string
		offset time.Duration // timestamp minus now
		ok     bool
	}{
		{"now", 0, true},
		{"exactly window behind", -window, true},
		{"exactly window ahead", window, true},
		{"one second past behind", -window - time.Second, false},
		{"one second past ahead", window + time.Second, false},
		{"one minute behind", -time.Minute, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckTimestamp(FormatTime(now.Add(tt.offset)), now, window)
			if tt.ok {
				assert.Nil(t, err)
				return
			}
			require.NotNil(t, err)
			assert.Equal(t, CodeInvalidParam, err.Code)
		})
	}
}

func TestCheckTimestampNowHasNanoseconds(t *testing.T) {
	now := serverNow(t).Add(999 * time.Millisecond)
	assert.Nil(t, CheckTimestamp("2026-11-28 11:50:00", now, 10*time.Minute))
	assert.NotNil(t, CheckTimestamp("2026-11-28 11:49:59", now, 10*time.Minute))
}

func TestCheckTimestampMessages(t *testing.T) {
	now := serverNow(t)
	const expected = `expected "yyyy-MM-dd HH:mm:ss" in China time (Asia/Shanghai), server time is 2026-11-28 12:00:00`
	tests := []struct {
		name, ts, want string
	}{
		{"missing", "", "参数错误: timestamp missing; " + expected},
		{"slashes", "2026/11/28 12:00:00", `参数错误: timestamp "2026/11/28 12:00:00" is malformed; ` + expected},
		{"unix seconds", "1795838400", `参数错误: timestamp "1795838400" is malformed (it looks like a Unix time); ` + expected},
		{"unix millis", "1795838400000", "(it looks like a Unix time)"},
		{"iso 8601", "2026-11-28T12:00:00", "(it looks like ISO 8601 / RFC 3339)"},
		{"rfc 3339", "2026-11-28T04:00:00Z", "(it looks like ISO 8601 / RFC 3339)"},
		{"milliseconds", "2026-11-28 12:00:00.123", "(it has fractional seconds)"},
		{"spaces", " 2026-11-28 12:00:00", "(it has spaces around it)"},
		{"unpadded hour", "2026-11-28 9:00:00", `timestamp "2026-11-28 9:00:00" is malformed; `},
		{"impossible date", "2026-02-30 12:00:00", `timestamp "2026-02-30 12:00:00" is malformed; `},
		{"date only", "2026-11-28", `timestamp "2026-11-28" is malformed; `},
		{"control characters quoted", "2026-11-28\t12:00:00", `timestamp "2026-11-28\t12:00:00" is malformed`},
		{"utc clock", "2026-11-28 04:00:00", "参数错误: timestamp 2026-11-28 04:00:00 is 8h0m0s behind the server time " +
			"2026-11-28 12:00:00 (allowed skew 10m0s); the gap is a whole number of hours: the client probably " +
			"formats its clock in UTC instead of China time (UTC+8); format the timestamp in Asia/Shanghai (PHP: date.timezone, which ignores TZ; JVM: -Duser.timezone; others: TZ)"},
		{"utc clock a bit slow", "2026-11-28 03:55:00", "is 8h5m0s behind the server time 2026-11-28 12:00:00 " +
			"(allowed skew 10m0s); the gap is a whole number of hours: the client probably formats its clock in UTC "},
		{"japan clock", "2026-11-28 13:00:00", "is 1h0m0s ahead of the server time 2026-11-28 12:00:00 " +
			"(allowed skew 10m0s); the gap is a whole number of hours: the client probably formats its clock in UTC+9 "},
		{"new york clock", "2026-11-27 23:00:00", "is 13h0m0s behind the server time 2026-11-28 12:00:00 " +
			"(allowed skew 10m0s); the gap is a whole number of hours: the client probably formats its clock in UTC-5 "},
		{"a day off", "2026-11-27 12:00:00", "is 24h0m0s behind the server time 2026-11-28 12:00:00 " +
			"(allowed skew 10m0s); the gap is a whole number of hours: check the client's date and time zone"},
		// A time.Duration holds 292 years: the gap read 2562047h47m16.854775807s before.
		{"year 0", "0000-01-01 00:00:00", "is 740313 days (about 2026 years) behind the server time 2026-11-28 12:00:00"},
		{"year 9999", "9999-12-31 23:59:59", "is 2912111 days (about 7972 years) ahead of the server time"},
		{"a year off", "2025-11-28 12:00:00", "is 365 days behind"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckTimestamp(tt.ts, now, 10*time.Minute)
			require.NotNil(t, err)
			assert.Equal(t, CodeInvalidParam, err.Code)
			assert.Contains(t, err.Message, tt.want)
		})
	}
}

// TestCheckTimestampMoved: on a server whose clock was moved (POST
// /__tsymock/clock), a skew failure says so instead of blaming the client's
// zone; a timestamp the real clock does not explain either keeps the zone hint.
func TestCheckTimestampMoved(t *testing.T) {
	now := serverNow(t) // the moved server time
	for _, tt := range []struct {
		name  string
		ts    string
		moved time.Duration
		want  []string
		not   []string
	}{
		{name: "the real clock, the server moved ahead", ts: "2026-11-26 12:00:00", moved: 48 * time.Hour,
			want: []string{"is 48h0m0s behind the server time", "the server clock was moved 48h0m0s ahead of the real clock " +
				`with POST /__tsymock/clock, and real SDKs sign with the real clock: POST /__tsymock/clock {"set":"system"} puts it back`},
			not: []string{"time zone", "against the real clock"}},
		{name: "the real clock, the server moved behind", ts: "2026-11-28 13:00:00", moved: -time.Hour,
			want: []string{"moved 1h0m0s behind the real clock"}, not: []string{"UTC"}},
		{name: "a UTC client on a moved server: both", ts: "2026-11-26 04:00:00", moved: 48 * time.Hour,
			want: []string{"moved 48h0m0s ahead", "against the real clock the timestamp is 8h0m0s off; the gap is a whole number of hours: " +
				"the client probably formats its clock in UTC instead of China time"}},
		{name: "not moved: the zone hint alone", ts: "2026-11-28 04:00:00",
			want: []string{"formats its clock in UTC"}, not: []string{"moved"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckTimestampMoved(tt.ts, now, tt.moved, 10*time.Minute)
			require.NotNil(t, err)
			assert.Equal(t, CodeInvalidParam, err.Code)
			for _, s := range tt.want {
				assert.Contains(t, err.Message, s)
			}
			for _, s := range tt.not {
				assert.NotContains(t, err.Message, s)
			}
		})
	}
	assert.Nil(t, CheckTimestampMoved("2026-11-28 12:05:00", now, time.Hour, 10*time.Minute), "within the window of the moved clock")
}

func TestCheckTimestampNoHourHint(t *testing.T) {
	now := serverNow(t)
	// Years off saturate time.Duration (year 0, year 9999) or are whole days: the date is wrong.
	for _, ts := range []string{"2026-11-28 11:30:00", "2026-11-28 07:30:00", "2026-11-28 12:20:00",
		"0000-01-01 00:00:00", "9999-12-31 23:59:59", "2025-11-28 12:00:00"} {
		t.Run(ts, func(t *testing.T) {
			err := CheckTimestamp(ts, now, 10*time.Minute)
			require.NotNil(t, err)
			assert.NotContains(t, err.Message, "whole number of hours")
			assert.Contains(t, err.Message, "(allowed skew 10m0s)")
		})
	}
}

func TestCheckTimestampWindowOff(t *testing.T) {
	now := serverNow(t)
	assert.Nil(t, CheckTimestamp("2001-01-01 00:00:00", now, -1))
	assert.NotNil(t, CheckTimestamp("2001-01-01", now, -1), "the format is still checked")
	assert.NotNil(t, CheckTimestamp("2026-11-28 12:00:01", now, 0))
	assert.Nil(t, CheckTimestamp("2026-11-28 12:00:00", now, 0))
}

func TestParseTime(t *testing.T) {
	want := time.Date(2026, 11, 28, 4, 0, 0, 0, time.UTC)
	for _, text := range []string{"2026-11-28 12:00:00", "2026-11-28T04:00:00Z", "2026-11-28T12:00:00+08:00"} {
		got, err := ParseTime(text)
		require.NoError(t, err, text)
		assert.True(t, want.Equal(got), "%s: %v", text, got)
	}
	for _, text := range []string{"", "soon", "2026-11-28", "1/2/3"} {
		_, err := ParseTime(text)
		require.Error(t, err, text)
		assert.Contains(t, err.Error(), "nor RFC 3339")
	}
}

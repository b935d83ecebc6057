package soa

import (
	"fmt"
	"strings"
	"sync"
	"time"
	_ "time/tzdata" // Asia/Shanghai must load on a machine (or container) with no zoneinfo

	"github.com/tsymock/tsymock/internal/lang"
)

// TimestampLayout is the request timestamp format, "yyyy-MM-dd HH:mm:ss", as a Go layout.
const TimestampLayout = "2006-01-02 15:04:05"

// shanghai loads Asia/Shanghai once; it is a read-only value, never reassigned.
var shanghai = sync.OnceValue(func() *time.Location {
	loc, err := time.LoadLocation("Asia/Shanghai")
	if err != nil { // unreachable with time/tzdata linked in; China has no DST since 1991
		return time.FixedZone("CST", 8*60*60)
	}
	return loc
})

// Shanghai returns the Asia/Shanghai time zone, in which timestamps are written.
func Shanghai() *time.Location { return shanghai() }

// FormatTime formats t as a timestamp in China time, "yyyy-MM-dd HH:mm:ss".
func FormatTime(t time.Time) string { return t.In(Shanghai()).Format(TimestampLayout) }

// CheckTimestamp checks a request timestamp against the server's clock now: it must be exactly
// "yyyy-MM-dd HH:mm:ss" in China time and at most window away from now, in either direction
// (exactly ±window is accepted; now is truncated to the second, as timestamps are). A negative
// window turns the skew check off (the format is still checked), e.g. to replay recorded
// traffic. Every failure is a 10000 *Error saying what was wrong and the server's time, its
// detail in English and Chinese (Error.In).
func CheckTimestamp(ts string, now time.Time, window time.Duration) *Error {
	return CheckTimestampMoved(ts, now, 0, window)
}

// CheckTimestampMoved is CheckTimestamp on a server whose clock was moved by moved from the
// real one (tsymock's POST /__tsymock/clock). A skew failure then says so instead of blaming the
// client's time zone: real SDKs sign with the real clock, so every one of them fails once the
// clock is moved past the window. The zone hint stays for a timestamp the real clock does not
// explain either.
func CheckTimestampMoved(ts string, now time.Time, moved, window time.Duration) *Error {
	now = now.Truncate(time.Second)
	if ts == "" {
		return detailed(CodeInvalidParam, msgTimestampMissing, msg(msgTimestampFormat), FormatTime(now))
	}
	t, err := parseTimestamp(ts)
	if err != nil {
		return detailed(CodeInvalidParam, msgTimestampMalformed, quote(ts), malformedHint(ts), msg(msgTimestampFormat), FormatTime(now))
	}
	gap := now.Sub(t)
	if window < 0 || gap.Abs() <= window {
		return nil // the server time is formatted for the errors only: most calls have none
	}
	direction := msgBehind
	if t.After(now) {
		direction = msgAheadOf
	}
	hint := zoneHint(gap, window)
	if moved != 0 {
		hint = movedHint(t, now, moved, window)
	}
	return detailed(CodeInvalidParam, msgTimestampSkew, ts, describeGap(now, t), msg(direction), FormatTime(now), window, hint)
}

// movedHint says that the server's clock was moved, by how much, and how to put it back; and
// the zone hint against the real clock when the timestamp is off that one too.
func movedHint(t, now time.Time, moved, window time.Duration) lang.Message {
	way := msgAheadOf
	if moved < 0 {
		way = msgBehind
	}
	off := lang.Message{} // the timestamp against the real clock, when it is off that one too
	realNow := now.Add(-moved).Truncate(time.Second)
	if realGap := realNow.Sub(t); realGap.Abs() > window {
		off = msg(msgMovedReal, describeGap(realNow, t), zoneHint(realGap, window))
	}
	return msg(msgMoved, moved.Abs(), msg(way), off)
}

// describeGap is how far t is from now, in words a person reads: a
// duration under 100 days, else days (and years past two). A time.Duration holds
// only 292 years, so that a timestamp in year 0 would otherwise read as
// 2562047h47m16s.
func describeGap(now, t time.Time) lang.Message {
	secs := now.Unix() - t.Unix() // seconds hold any year a timestamp can write
	if secs < 0 {
		secs = -secs
	}
	days := secs / 86400
	if days < 100 {
		return lang.Value(time.Duration(secs) * time.Second) // 8h0m0s, in Chinese 8 小时
	}
	if days < 730 {
		return msg(msgDays, days)
	}
	return msg(msgDaysYears, days, days*100/36525)
}

// ParseTime reads a time as people type it into tsymock's admin API and
// filters: China time in the platform's layout ("2006-01-02 15:04:05"), or
// RFC 3339. Unlike a request's timestamp it is not held to the layout's
// exact length.
func ParseTime(text string) (time.Time, error) {
	if t, err := time.ParseInLocation(TimestampLayout, text, Shanghai()); err == nil {
		return t, nil
	}
	t, err := time.Parse(time.RFC3339Nano, text)
	if err != nil {
		return time.Time{}, fmt.Errorf(`%q is neither "2006-01-02 15:04:05" (China time) nor RFC 3339`, text)
	}
	return t, nil
}

// parseTimestamp parses exactly TimestampLayout in China time. The length check rejects what
// time.Parse would let through: unpadded hours such as "2026-11-28 9:00:00".
func parseTimestamp(ts string) (time.Time, error) {
	if len(ts) != len(TimestampLayout) {
		return time.Time{}, fmt.Errorf("length %d, want %d", len(ts), len(TimestampLayout))
	}
	return time.ParseInLocation(TimestampLayout, ts, Shanghai())
}

// malformedHint guesses which other format a malformed timestamp is in.
func malformedHint(ts string) lang.Message {
	switch {
	case strings.Trim(ts, "0123456789") == "":
		return msg(msgLooksUnix)
	case strings.ContainsAny(ts, "TZ"):
		return msg(msgLooksISO)
	case strings.Contains(ts, ".") && len(ts) > len(TimestampLayout):
		return msg(msgFractional)
	case strings.TrimSpace(ts) != ts:
		return msg(msgSpaces)
	}
	return lang.Message{}
}

// zoneHint explains a gap that is a whole number of hours give or take the window: the client
// most likely formats its clock in another time zone (UTC is 8 h behind China time). A gap of
// 100 days or more gets no hint: the date itself is wrong, and a gap past 292 years saturates
// time.Duration at a value that would read as a whole number of hours. The hint names where each
// stack takes its time zone from (msgZoneSettings): a PHP team that set TZ, as the CI recipes do,
// still signs in UTC, for PHP reads only its date.timezone setting.
func zoneHint(gap, window time.Duration) lang.Message {
	hours := gap.Round(time.Hour)
	if hours == 0 || gap.Abs() >= 100*24*time.Hour || (gap-hours).Abs() > window {
		return lang.Message{}
	}
	offset := 8 - int(hours/time.Hour) // the client's UTC offset if its clock is otherwise right
	zone := fmt.Sprintf("UTC%+d", offset)
	if offset == 0 {
		zone = "UTC"
	}
	if offset < -12 || offset > 14 {
		return msg(msgZoneUnknown)
	}
	return msg(msgZone, zone, msg(msgZoneSettings))
}

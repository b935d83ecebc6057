package emulator

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/internal/clock"
	"github.com/tsymock/tsymock/internal/ids"
)

// cardTest is an emulator with a manual clock and a real-named member p1
// of application a.
type cardTest struct {
	t     *testing.T
	e     *Emulator
	clock *clock.Manual
}

func newCardTest(t *testing.T) *cardTest {
	t.Helper()
	c := clock.NewManual(time.Date(2026, 11, 28, 4, 0, 0, 0, time.UTC))
	ct := &cardTest{t: t, e: New(Config{Clock: c, IDs: ids.NewSeeded(1)}), clock: c}
	ct.ok("createMember", map[string]any{"bizUserId": "p1", "memberType": 3, "source": 1})
	ct.ok("setRealName", map[string]any{"bizUserId": "p1", "name": "李四", "identityType": 1, "identityNo": "11010119900307803X"})
	return ct
}

// ok runs a MemberService call of p1's application that must succeed.
func (ct *cardTest) ok(method string, param map[string]any) map[string]any {
	ct.t.Helper()
	v, serr := memberCall(ct.t, ct.e, "a", method, param)
	require.Nil(ct.t, serr, method)
	return v
}

// apply starts binding cardNo for p1 with phone ("" for none) and returns
// the tranceNum.
func (ct *cardTest) apply(cardNo, phone string) string {
	ct.t.Helper()
	v := ct.ok("applyBindBankCard", map[string]any{"bizUserId": "p1", "cardNo": cardNo, "phone": phone,
		"name": "李四", "identityType": 1, "identityNo": "11010119900307803X"})
	return v["tranceNum"].(string)
}

// bound lists p1's bound card numbers.
func (ct *cardTest) bound() []string {
	ct.t.Helper()
	var out []string
	for _, c := range asList(ct.ok("queryBankCard", map[string]any{"bizUserId": "p1"})["bindCardList"]) {
		out = append(out, c["bankCardNo"].(string))
	}
	return out
}

const (
	cardA  = "6228480000000000001"
	cardB  = "6222020000000000002"
	phone1 = "13800000001"
	phone2 = "13900000002"
)

// TestBindBankCardWithoutTranceNum: tranceNum is optional; without it the
// member's latest pending application for the phone is confirmed.
func TestBindBankCardWithoutTranceNum(t *testing.T) {
	for _, tc := range []struct {
		name      string
		setup     func(ct *cardTest) (wantTrance string)
		phone     string
		transDate string
		code      string
		bound     []string
	}{
		{"the one pending application", func(ct *cardTest) string { return ct.apply(cardA, phone1) },
			phone1, "", "", []string{cardA}},
		{"the latest of two for the phone", func(ct *cardTest) string {
			ct.apply(cardA, phone1)
			ct.clock.Advance(time.Minute)
			return ct.apply(cardB, phone1)
		}, phone1, "", "", []string{cardB}},
		{"the latest, when the clock stood still", func(ct *cardTest) string {
			ct.apply(cardB, phone1)
			return ct.apply(cardA, phone1)
		}, phone1, "", "", []string{cardA}},
		{"the one for this phone, not a later one for another", func(ct *cardTest) string {
			want := ct.apply(cardA, phone1)
			ct.apply(cardB, phone2)
			return want
		}, phone1, "", "", []string{cardA}},
		{"an application without a phone", func(ct *cardTest) string { return ct.apply(cardA, "") },
			phone2, "", "", []string{cardA}},
		{"with its transDate", func(ct *cardTest) string { return ct.apply(cardA, phone1) },
			phone1, "20261128", "", []string{cardA}},
		{"none pending", func(*cardTest) string { return "" }, phone1, "", "30016", nil},
		{"only for another phone", func(ct *cardTest) string { ct.apply(cardA, phone2); return "" },
			phone1, "", "30016", nil},
		{"another transDate", func(ct *cardTest) string { ct.apply(cardA, phone1); return "" },
			phone1, "20261127", "30016", nil},
		{"expired", func(ct *cardTest) string {
			ct.apply(cardA, phone1)
			ct.clock.Advance(applyValidity + time.Second)
			return ""
		}, phone1, "", "30016", nil},
		{"the expired one is skipped for an older live one", func(ct *cardTest) string {
			want := ct.apply(cardA, phone1)
			ct.clock.Advance(10 * time.Minute)
			ct.apply(cardB, phone2)
			return want
		}, phone1, "", "", []string{cardA}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ct := newCardTest(t)
			want := tc.setup(ct)
			got, serr := memberCall(t, ct.e, "a", "bindBankCard", map[string]any{"bizUserId": "p1", "tranceNum": "",
				"transDate": tc.transDate, "phone": tc.phone, "verificationCode": "111111"})
			assert.Equal(t, tc.code, errCode(serr))
			if tc.code == "" {
				require.NotNil(t, got)
				assert.Equal(t, want, got["tranceNum"], "the application confirmed")
				assert.Equal(t, "20261128", got["transDate"])
			} else {
				assert.Contains(t, serr.Message, "no tranceNum sent")
			}
			assert.Equal(t, tc.bound, ct.bound())
		})
	}
}

// TestBindBankCardWithoutTranceNumOnce: the confirmed application is used
// up; the earlier one stays pending and is confirmed next.
func TestBindBankCardWithoutTranceNumOnce(t *testing.T) {
	ct := newCardTest(t)
	first := ct.apply(cardA, phone1)
	ct.apply(cardB, phone1)
	bind := func(code string) (map[string]any, string) {
		v, serr := memberCall(t, ct.e, "a", "bindBankCard", map[string]any{"bizUserId": "p1", "phone": phone1, "verificationCode": code})
		return v, errCode(serr)
	}
	_, code := bind("000000")
	assert.Equal(t, "20011", code, "a wrong code")
	_, code = bind("111111")
	assert.Empty(t, code)
	v, code := bind("111111")
	require.Empty(t, code)
	assert.Equal(t, first, v["tranceNum"])
	_, code = bind("111111")
	assert.Equal(t, "30016", code, "nothing left")
	assert.ElementsMatch(t, []string{cardA, cardB}, ct.bound())
}

// TestBindBankCardWithTranceNum: a tranceNum sent still names its
// application, whatever else is pending.
func TestBindBankCardWithTranceNum(t *testing.T) {
	for _, tc := range []struct {
		name, tranceNum, transDate, code string
	}{
		{"its own", "first", "", ""},
		{"its own with its transDate", "first", "20261128", ""},
		{"another transDate", "first", "20261127", "30016"},
		{"unknown", "1000000000000000000", "", "30016"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ct := newCardTest(t)
			first := ct.apply(cardA, phone1)
			ct.apply(cardB, phone1)
			trance := tc.tranceNum
			if trance == "first" {
				trance = first
			}
			_, serr := memberCall(t, ct.e, "a", "bindBankCard", map[string]any{"bizUserId": "p1", "tranceNum": trance,
				"transDate": tc.transDate, "phone": phone1, "verificationCode": "111111"})
			assert.Equal(t, tc.code, errCode(serr))
			if tc.code == "" {
				assert.Equal(t, []string{cardA}, ct.bound())
			}
		})
	}
}

// TestTranceNumFormat: a binding's tranceNum is "D", its transDate and five
// digits, as the real test environment answers (captured 2018-2019:
// D2019101153546 with transDate 20191011), and bindBankCard confirms it.
// A log of RulesDec2026, whose tranceNums were 19-digit numbers, replays
// as it was answered.
func TestTranceNumFormat(t *testing.T) {
	ct := newCardTest(t)
	v := ct.ok("applyBindBankCard", map[string]any{"bizUserId": "p1", "cardNo": cardA, "phone": phone1,
		"name": "李四", "identityType": 1, "identityNo": "11010119900307803X"})
	assert.Regexp(t, `^D20261128\d{5}$`, v["tranceNum"])
	assert.Equal(t, "20261128", v["transDate"])
	ct.ok("bindBankCard", map[string]any{"bizUserId": "p1", "tranceNum": v["tranceNum"], "transDate": v["transDate"],
		"phone": phone1, "verificationCode": "111111"})
	assert.Equal(t, []string{cardA}, ct.bound())

	l := &memLog{}
	old := New(Config{Clock: clock.NewManual(time.Date(2026, 11, 28, 4, 0, 0, 0, time.UTC)), IDs: ids.NewSeeded(1), Recorder: l})
	old.answerAs = RulesDec2026
	mustCall := func(method string, p map[string]any) map[string]any {
		got, serr := memberCall(t, old, "a", method, p)
		require.Nil(t, serr, method)
		return got
	}
	mustCall("createMember", map[string]any{"bizUserId": "p1", "memberType": 3, "source": 1})
	mustCall("setRealName", map[string]any{"bizUserId": "p1", "name": "李四", "identityType": 1, "identityNo": "11010119900307803X"})
	got := mustCall("applyBindBankCard", map[string]any{"bizUserId": "p1", "cardNo": cardA, "phone": phone1,
		"name": "李四", "identityType": 1, "identityNo": "11010119900307803X"})
	assert.Regexp(t, `^\d{19}$`, got["tranceNum"], "then a 19-digit number")
	mustCall("bindBankCard", map[string]any{"bizUserId": "p1", "tranceNum": got["tranceNum"], "transDate": got["transDate"],
		"phone": phone1, "verificationCode": "111111"})
	r := l.replayInto(t) // fails on a divergence
	assert.Equal(t, snapshot(old, "a"), snapshot(r, "a"))
}

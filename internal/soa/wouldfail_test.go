package soa

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestWouldFailHeader(t *testing.T) {
	tests := []struct {
		name  string
		value string
		notes []WouldFail
	}{
		{"none", "", nil},
		{"one", "refund-list=10000", []WouldFail{{Rule: "refund-list", Code: "10000"}}},
		{"two", "member-prerequisite=30021, member-account-set=30018",
			[]WouldFail{{Rule: "member-prerequisite", Code: "30021"}, {Rule: "member-account-set", Code: "30018"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.value, FormatWouldFail(tt.notes))
			assert.Equal(t, tt.notes, ParseWouldFail(tt.value))
		})
	}
	assert.Equal(t, []WouldFail{{Rule: "a"}, {Rule: "b", Code: "1"}}, ParseWouldFail(" a ,, b = 1 ,"), "spaces and empty entries")
}

func FuzzParseWouldFail(f *testing.F) {
	for _, s := range []string{"", "a=1", "a=1, b=2", ",,=", "a==b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, v string) {
		notes := ParseWouldFail(v)
		assert.Equal(t, notes, ParseWouldFail(FormatWouldFail(notes)), "formatting what was parsed reads back the same")
	})
}

// TestWouldFailReasons: the reasons ride beside the notes, in order, and
// survive commas, Chinese and the section sign; a count that does not
// match leaves the notes alone.
func TestWouldFailReasons(t *testing.T) {
	reasons := []string{`receiver "shop1" lacks setRealName: spec §4.2.4 note 3, the real test environment refuses it`,
		"identityNo 110101********1234: 不是测试身份证"}
	notes := []WouldFail{{Rule: "member-prerequisite", Code: "30021", Reason: reasons[0]}, {Rule: "test-identity", Code: "30012", Reason: reasons[1]}}
	v := FormatWouldFailReasons(notes)
	assert.NotContains(t, v, "§")
	for _, tt := range []struct {
		name, value string
		want        []string
	}{
		{"both", v, reasons},
		{"none", "", []string{"", ""}},
		{"another count", "one", []string{"", ""}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := []WouldFail{{Rule: "member-prerequisite", Code: "30021"}, {Rule: "test-identity", Code: "30012"}}
			AddWouldFailReasons(got, tt.value)
			assert.Equal(t, tt.want, []string{got[0].Reason, got[1].Reason})
		})
	}
}

// FuzzWouldFailReasons: any two reasons come back from their header value.
func FuzzWouldFailReasons(f *testing.F) {
	f.Add("a, b", "§4.2.4 note 3，不是")
	f.Add("", "%2C")
	f.Fuzz(func(t *testing.T, a, b string) {
		notes := []WouldFail{{Rule: "x"}, {Rule: "y"}}
		AddWouldFailReasons(notes, FormatWouldFailReasons([]WouldFail{{Reason: a}, {Reason: b}}))
		if a != "" || b != "" {
			assert.Equal(t, []string{a, b}, []string{notes[0].Reason, notes[1].Reason})
		}
	})
}

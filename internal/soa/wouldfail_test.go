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
		{"one", "refund-list=10000", []WouldFail{{"refund-list", "10000"}}},
		{"two", "member-prerequisite=30021, member-account-set=30018",
			[]WouldFail{{"member-prerequisite", "30021"}, {"member-account-set", "30018"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.value, FormatWouldFail(tt.notes))
			assert.Equal(t, tt.notes, ParseWouldFail(tt.value))
		})
	}
	assert.Equal(t, []WouldFail{{"a", ""}, {"b", "1"}}, ParseWouldFail(" a ,, b = 1 ,"), "spaces and empty entries")
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

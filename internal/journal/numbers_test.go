package journal

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestReplaceLongRuns: card and identity numbers are found whole, written
// as one run or in the groups people write them in; dates, phones, amounts
// and longer numbers are left as they are.
func TestReplaceLongRuns(t *testing.T) {
	tests := []struct {
		name, text, want string
	}{
		{"plain card", "card 6222021234567890123 ok", "card 622202*********0123 ok"},
		{"card in fours", "card 6222 0212 3456 7890 123.", "card 622202*********0123."},
		{"card with dashes", "6222-0212-3456-7890", "622202******7890"},
		{"13 digits in fours", "4111 1111 1111 1", "411111***1111"},
		{"identity 6-8-4", "id 110101 19900307 8031", "id 110101********8031"},
		{"identity 6-8-3X", "id 110101-19900307-803X,", "id 110101********803X,"},
		{"plain identity with X", "11010119900307803x", "110101********803x"},
		{"mixed separators", "6222 0212-3456 7890", "6222 0212-3456 7890"},
		{"two spaces", "6222  0212  3456  7890", "6222  0212  3456  7890"},
		{"groups of three", "622 202 123 456 789", "622 202 123 456 789"},
		{"date and time", "2026-12-04 15:38:40", "2026-12-04 15:38:40"},
		{"phone", "+86 138 0013 8000", "+86 138 0013 8000"},
		{"twenty digits", "12345678901234567890", "12345678901234567890"},
		{"a word after the groups", "6222 0212 3456 7890a", "6222 0212 3456 7890a"},
		{"six groups", "1111 2222 3333 4444 5555 6", "1111 2222 3333 4444 5555 6"},
		{"12 digits", "1234 5678 9012", "1234 5678 9012"},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, replaceLongRuns(tt.text, func(string) bool { return true }))
			if tt.want != tt.text {
				assert.True(t, hasLongRun(tt.text), "the first look lets it through")
			}
		})
	}
}

// TestMaskNumbersGrouped: MaskNumbers (error messages, a req that is not
// JSON, extra form fields) finds grouped numbers too.
func TestMaskNumbersGrouped(t *testing.T) {
	assert.Equal(t, "卡号 622202*********0123 不存在", MaskNumbers("卡号 6222 0212 3456 7890 123 不存在"))
	assert.Equal(t, "622202*********0123/622202*********0123", MaskNumbers("6222021234567890123/6222-0212-3456-7890-123"))
}

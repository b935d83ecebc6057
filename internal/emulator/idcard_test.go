package emulator

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// idNow is the clock of the ID tests: birth dates after it are refused.
func idNow() time.Time { return time.Date(2026, 11, 28, 4, 0, 0, 0, time.UTC) }

func TestCheckIDCard(t *testing.T) {
	for _, tc := range []struct {
		name, no string
		want     error
	}{
		{"valid", "110101199001011237", nil},
		{"valid Shenzhen", "440304198511200419", nil},
		{"valid leap day", "310115200002290021", nil},
		{"check digit X", "11010119900307803X", nil},
		{"lower-case x is X", "11010119900307803x", nil},
		{"born today in China", "110101202611280009", nil},
		{"PROTOCOL.md's vector: wrong check digit accepted", "110101199001011234", nil},
		{"wrong check digit accepted", "110101199001011238", nil},
		{"X where a digit belongs accepted", "11010119900101123X", nil},
		{"17 characters", "11010119900101123", errIDLength},
		{"19 characters", "1101011990010112370", errIDLength},
		{"15-digit old format", "110101900101123", errIDLength},
		{"empty", "", errIDLength},
		{"letter inside", "1101011990A1011237", errIDDigits},
		{"bad last character", "11010119900101123Y", errIDDigits},
		{"space at the end", "11010119900101123 ", errIDDigits},
		{"full-width digits do not count", "１10101199001011237", errIDLength},
		{"no such province", "990101199001011237", errIDRegion},
		{"province 00", "000101199001011237", errIDRegion},
		{"February 30", "110101199002300000", errIDBirth},
		{"February 29 of a common year", "110101199902290000", errIDBirth},
		{"month 13", "110101199013010000", errIDBirth},
		{"before 1900", "110101189912310000", errIDBirth},
		{"born tomorrow", "110101202611290000", errIDUnborn},
		{"not yet born in China", "110101202611300000", errIDUnborn},
		{"born in 2099", "110101209912311237", errIDUnborn},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := checkIDCard(tc.no, idNow())
			if tc.want == nil {
				assert.NoError(t, err)
				return
			}
			assert.ErrorIs(t, err, tc.want)
			if len(tc.no) > 6 {
				assert.NotContains(t, err.Error(), tc.no, "the number is never repeated")
			}
		})
	}
}

// TestCheckIDCardMessages: each refusal says what is wrong, precisely
// enough to fix the test data without looking it up.
func TestCheckIDCardMessages(t *testing.T) {
	for _, tc := range []struct{ no, want string }{
		{"11010119900101123", "must be 18 characters, got 17"},
		{"1101011990A1011237", "the first 17 characters must be digits and the last a digit or X"},
		{"990101199001011237", "the first two digits are not a province code"},
		{"110101199002300000", "digits 7 to 14 are not a real birth date from 1900 on (yyyyMMdd)"},
		{"110101202611290000", "digits 7 to 14 are a birth date after today (China time)"},
	} {
		err := checkIDCard(tc.no, idNow())
		require.Error(t, err, tc.no)
		assert.Equal(t, tc.want, err.Error(), tc.no)
	}
}

func TestProvinceCodes(t *testing.T) {
	valid := strings.Fields("11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 61 62 63 64 65 71 81 82 83")
	for i := range 100 {
		code := string([]byte{byte('0' + i/10), byte('0' + i%10)})
		require.Equal(t, contains(valid, code), provinceCode(code), code)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// FuzzCheckIDCard: the validator never panics, accepts exactly the numbers
// of the right shape (18 characters, 17 ASCII digits then a digit or X, a
// province code, a birth date up to today) whatever their check digit, and
// never repeats the number in a refusal.
func FuzzCheckIDCard(f *testing.F) {
	for _, seed := range []string{"110101199001011237", "11010119900307803x", "", "1", "99999999999999999X",
		"110101199002300000", "\xff\xfe110101199001011", "110101190001011237", "110101199001011234"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, no string) {
		err := checkIDCard(no, idNow())
		up := strings.ToUpper(no)
		shaped := len(no) == 18 && allDigits(up[:17]) && strings.ContainsRune("0123456789X", rune(up[17])) &&
			provinceCode(up[:2]) && checkBirth(up[6:14], idNow()) == nil
		require.Equal(t, shaped, err == nil, "%q: %v", no, err)
		if err != nil && len(no) > 6 {
			require.NotContains(t, err.Error(), no)
		}
	})
}

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
		{"wrong check digit", "110101199001011238", errIDCheck},
		{"X where a digit belongs", "11010119900101123X", errIDCheck},
		{"17 characters", "11010119900101123", errIDLength},
		{"19 characters", "1101011990010112370", errIDLength},
		{"15-digit old format", "110101900101123", errIDLength},
		{"empty", "", errIDLength},
		{"letter inside", "1101011990A1011237", errIDDigits},
		{"bad last character", "11010119900101123Y", errIDDigits},
		{"full-width digits do not count", "１10101199001011237", errIDLength},
		{"no such province", "990101199001011237", errIDRegion},
		{"province 00", "000101199001011237", errIDRegion},
		{"February 30", "110101199002300000", errIDBirth},
		{"month 13", "110101199013010000", errIDBirth},
		{"before 1900", "110101189912310000", errIDBirth},
		{"born tomorrow", "110101202611290000", errIDBirth},
		{"not yet born in China", "110101202611300000", errIDBirth},
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

// TestIDCheckDigitMatchesISO7064 recomputes the check digit the long way
// (ISO 7064 MOD 11-2: weights 2^(17-i) mod 11, check (12 - sum mod 11) mod 11)
// for every prefix of a sample.
func TestIDCheckDigitMatchesISO7064(t *testing.T) {
	for _, first17 := range []string{"11010119900101123", "44030419851120041", "11010119900307803", "65010119700101000"} {
		sum := 0
		for i := range 17 {
			w := 1 << (17 - i) % 11
			sum += int(first17[i]-'0') * w
		}
		want := "0123456789X"[(12-sum%11)%11]
		assert.Equal(t, string(want), string(idCheckDigit(first17)), first17)
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

// FuzzCheckIDCard: the validator never panics, never accepts what is not 18
// characters with the right check digit, and accepts any plausible number
// once its check digit is fixed.
func FuzzCheckIDCard(f *testing.F) {
	for _, seed := range []string{"110101199001011237", "11010119900307803x", "", "1", "99999999999999999X",
		"110101199002300000", "\xff\xfe110101199001011", "110101190001011237"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, no string) {
		err := checkIDCard(no, idNow())
		if err == nil {
			require.Len(t, no, 18)
			require.Equal(t, idCheckDigit(no[:17]), strings.ToUpper(no)[17])
			return
		}
		if len(no) == 18 && allDigits(no[:17]) && provinceCode(no[:2]) && plausibleBirth(no[6:14], idNow()) {
			fixed := no[:17] + string(idCheckDigit(no[:17]))
			require.NoError(t, checkIDCard(fixed, idNow()))
		}
	})
}

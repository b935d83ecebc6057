package emulator

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/tsymock/tsymock/internal/soa"
)

// Why an identity card number is refused. The messages never repeat the
// number: it is personal data and ends up in logs.
var (
	errIDLength = errors.New("must be 18 characters")
	errIDDigits = errors.New("the first 17 characters must be digits and the last a digit or X")
	errIDRegion = errors.New("the first two digits are not a province code")
	errIDBirth  = errors.New("digits 7 to 14 are not a plausible birth date (yyyyMMdd)")
	errIDCheck  = errors.New("the check digit (the 18th character) is wrong")
)

// idWeights are the ISO 7064 MOD 11-2 weights of the first 17 digits
// (2^(17-i) mod 11), and idCheckDigits the check character for sum mod 11.
const idCheckDigits = "10X98765432"

func idWeights() [17]int {
	return [17]int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}
}

// checkIDCard reports why no is not a valid 18-digit resident identity card
// number of the People's Republic of China (GB 11643-1999), or nil. A lower
// case x is accepted as the check character X, as merchants' forms let users
// type either. now bounds the birth date.
func checkIDCard(no string, now time.Time) error {
	if len(no) != 18 {
		return fmt.Errorf("%w, got %d", errIDLength, len(no))
	}
	no = strings.ToUpper(no)
	if !allDigits(no[:17]) || !strings.ContainsRune("0123456789X", rune(no[17])) {
		return errIDDigits
	}
	if !provinceCode(no[:2]) {
		return errIDRegion
	}
	if !plausibleBirth(no[6:14], now) {
		return errIDBirth
	}
	if idCheckDigit(no[:17]) != no[17] {
		return errIDCheck
	}
	return nil
}

// idCheckDigit computes the 18th character of an ID number from its first 17
// digits.
func idCheckDigit(first17 string) byte {
	sum := 0
	for i, w := range idWeights() {
		sum += int(first17[i]-'0') * w
	}
	return idCheckDigits[sum%11]
}

// provinceCode reports whether code is a province-level division (GB/T 2260),
// Taiwan, Hong Kong and Macao included.
func provinceCode(code string) bool {
	switch code[0] {
	case '1':
		return code[1] >= '1' && code[1] <= '5'
	case '2':
		return code[1] >= '1' && code[1] <= '3'
	case '3':
		return code[1] >= '1' && code[1] <= '7'
	case '4':
		return code[1] >= '1' && code[1] <= '6'
	case '5':
		return code[1] >= '0' && code[1] <= '4'
	case '6':
		return code[1] >= '1' && code[1] <= '5'
	case '7':
		return code[1] == '1'
	case '8':
		return code[1] >= '1' && code[1] <= '3'
	}
	return false
}

// plausibleBirth reports whether s is a real calendar date (yyyyMMdd) from
// 1900 up to today in China.
func plausibleBirth(s string, now time.Time) bool {
	birth, err := time.Parse("20060102", s)
	if err != nil || birth.Year() < 1900 {
		return false
	}
	today := now.In(soa.Shanghai())
	return !birth.After(time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, time.UTC))
}

func allDigits(s string) bool {
	for i := range len(s) {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

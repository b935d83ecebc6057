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
	errIDBirth  = errors.New("digits 7 to 14 are not a real birth date from 1900 on (yyyyMMdd)")
	errIDUnborn = errors.New("digits 7 to 14 are a birth date after today (China time)")
)

// notReal reports whether checkIDCard refused a number shaped as an ID
// card number for its birth date alone, no calendar day from 1900 on:
// spec §6.18's test identities fail so (12345674, 19860000) and pass in
// the test environment. A province code or a day still to come has no
// such evidence and stays refused.
func notReal(err error) bool { return errors.Is(err, errIDBirth) }

// checkIDCard reports why no cannot be an 18-digit resident identity card
// number of the People's Republic of China (GB 11643-1999), or nil. A lower
// case x is accepted as the check character X, as merchants' forms let users
// type either. now bounds the birth date.
//
// The ISO 7064 check digit is deliberately not checked: merchants' test
// suites use made-up numbers (PROTOCOL.md's own vector 110101199001011234
// fails it), and what decides on the platform is the police database, which
// tsymock does not emulate. Only what is clearly not an ID number is refused.
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
	return checkBirth(no[6:14], now)
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

// checkBirth checks that s is a real calendar date (yyyyMMdd) from 1900 up
// to today in China: errIDBirth, or errIDUnborn for a day still to come.
func checkBirth(s string, now time.Time) error {
	birth, err := time.Parse("20060102", s)
	if err != nil || birth.Year() < 1900 {
		return errIDBirth
	}
	today := now.In(soa.Shanghai())
	if birth.After(time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, time.UTC)) {
		return errIDUnborn
	}
	return nil
}

func allDigits(s string) bool {
	for i := range len(s) {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// idCheckWeights are the ISO 7064 MOD 11-2 weights of GB 11643's first 17
// digits.
func idCheckWeights() [17]int {
	return [17]int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}
}

// idCheckChar is the check character GB 11643 gives the first 17 digits of
// an 18-character number that checkIDCard accepted.
func idCheckChar(no string) byte {
	w := idCheckWeights()
	sum := 0
	for i := range 17 {
		sum += int(no[i]-'0') * w[i]
	}
	return "10X98765432"[sum%11]
}

// idCheckDigitOK reports whether an accepted number's last character is its
// check character (x read as X).
func idCheckDigitOK(no string) bool {
	return strings.ToUpper(no)[17] == idCheckChar(no)
}

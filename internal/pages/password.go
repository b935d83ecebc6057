package pages

import (
	"net/url"
	"strings"

	"github.com/tsymock/tsymock/internal/soa"
)

// payPwdLen is the length of a payment password: six ASCII digits, all
// the platform's keypad lets a user type (spec §4.1.17: 6 位数字 on the
// pages that set it).
const payPwdLen = 6

// typedPassword is the payment password typed in field. One that is not
// six ASCII digits (empty, five or seven digits, letters, full-width
// digits, a megabyte) is a malformed field, 10000 naming it, refused before
// the emulator compares it: a wrong password costs one of the day's five
// tries (spec §4.1.17 note 7, 20010), a malformed one none, as the pages
// that set a password refuse the same values without counting a try
// (probe-Y 5). The value is never echoed: it is a secret.
func typedPassword(form url.Values, field string) (string, *soa.Error) {
	pwd := form.Get(field)
	if len(pwd) != payPwdLen || strings.Trim(pwd, "0123456789") != "" {
		return "", detailed("10000", msgPwdMalformed, field)
	}
	return pwd, nil
}

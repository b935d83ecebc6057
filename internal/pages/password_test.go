package pages

import (
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestTypedPassword: a typed payment password is six ASCII digits; any
// other value is 10000 naming the field, never echoing it (probe-Y 5: a
// malformed password cost one of the day's five tries on payOrder.html).
func TestTypedPassword(t *testing.T) {
	for _, tt := range []struct {
		name, pwd string
		ok        bool
	}{
		{"six digits", "012345", true},
		{"empty", "", false},
		{"five digits", "12345", false},
		{"seven digits", "1234567", false},
		{"letters", "abcdef", false},
		{"full-width digits", "１２３４５６", false},
		{"a space", " 12345", false},
		{"a megabyte", strings.Repeat("1", 1<<20), false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			for _, field := range []string{"password", "oldPassword"} {
				pwd, serr := typedPassword(url.Values{field: {tt.pwd}}, field)
				if tt.ok {
					require.Nil(t, serr)
					assert.Equal(t, tt.pwd, pwd)
					continue
				}
				require.NotNil(t, serr)
				assert.Equal(t, "10000", serr.Code)
				assert.Contains(t, serr.Message, field+": the payment password is six digits")
				if tt.pwd != "" {
					assert.NotContains(t, serr.Message, tt.pwd, "a password is not echoed")
				}
			}
		})
	}
}

// TestNewPassword: the new password typed twice is the same, then six
// digits.
func TestNewPassword(t *testing.T) {
	for _, tt := range []struct {
		name, pwd, pwd2, want string // want: the message's detail, "" for none
	}{
		{"the same six digits", "123456", "123456", ""},
		{"different", "123456", "654321", "the two new passwords differ"},
		{"the same, malformed", "12ab", "12ab", "password: the payment password is six digits"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			pwd, serr := newPassword(url.Values{"password": {tt.pwd}, "password2": {tt.pwd2}})
			if tt.want == "" {
				require.Nil(t, serr)
				assert.Equal(t, tt.pwd, pwd)
				return
			}
			require.NotNil(t, serr)
			assert.Equal(t, "10000", serr.Code)
			assert.Contains(t, serr.Message, tt.want)
		})
	}
}

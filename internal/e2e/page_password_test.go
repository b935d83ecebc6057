package e2e

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/client"
)

// TestMalformedPasswordCostsNoTry: a payment password typed on payOrder.html,
// updatePayPwd.html (oldPassword) or updatePhoneByPayPwd.html that is not six
// ASCII digits is a malformed field, 10000 naming it, the page shown again
// with its token valid, and none of the day's five tries is spent (spec
// §4.1.17 note 7 counts wrong passwords; probe-Y 5: six of them locked the
// payer): the wrong password typed after them is the first of five.
func TestMalformedPasswordCostsNoTry(t *testing.T) {
	c, rcv, jump, u := passwordOrderPage(t)
	c.withPhone("sia", phoneA)
	pwdPage := phonedPwdPage(t, c, rcv)
	malformed := []string{"", "12345", "abcdef", "1234567", "１２３４５６", strings.Repeat("1", 100_000)}
	for _, tc := range []struct {
		page, field string
		fields      url.Values
	}{
		{pwdPage(client.PageUpdatePayPwd, "updatePayPwd"), "oldPassword", url.Values{"password": {"654321"}, "password2": {"654321"}}},
		{pwdPage(client.PageUpdatePhoneByPayPwd, "updatePhoneByPayPwd"), "password",
			url.Values{"newPhone": {phoneB}, "verificationCode": {smsCode}}},
		{u, "password", nil},
	} {
		token := getPage(t, tc.page).token(t)
		for _, pwd := range malformed {
			form := url.Values{"token": {token}, "action": {"confirm"}, tc.field: {pwd}}
			for k, v := range tc.fields {
				form[k] = v
			}
			again := postPage(t, pageAt(t, tc.page), form)
			require.Equal(t, http.StatusOK, again.Status, "the page again: %s", again.Body)
			assert.Equal(t, "10000", again.Header.Get("X-Tsymock-Error-Code"), "%s %.20q", tc.field, pwd)
			assert.Contains(t, again.Body, tc.field+": the payment password is six digits (0-9); a malformed one costs no wrong try")
			token = again.token(t)
		}
	}

	wrong := postPage(t, pageAt(t, u), url.Values{"token": {getPage(t, u).token(t)}, "action": {"confirm"}, "password": {"999999"}})
	assert.Equal(t, "20010", wrong.Header.Get("X-Tsymock-Error-Code"))
	assert.Contains(t, wrong.Body, "wrong payment password (1 of 5 tries", "the malformed ones were no tries")
	returned(t, c.Client, postPage(t, pageAt(t, u), url.Values{"token": {wrong.token(t)}, "action": {"confirm"}, "password": {"123456"}}), jump)
	assert.Equal(t, client.OrderSucceeded, c.status("c1"))
}

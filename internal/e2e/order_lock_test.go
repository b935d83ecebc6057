package e2e

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/client"
)

// TestLockedPayerOverHTTP: pay and refund name their member first (spec
// §4.1.15: a locked member makes no orders and receives nothing, and every
// call but unlockMember answers 会员已锁定): a locked payer's pay and
// refund are 30022 with the spec's words, an unknown bizUserId 30001, and
// another member's order stays 40022; after unlockMember both go through.
func TestLockedPayerOverHTTP(t *testing.T) {
	c := orders(t)
	c.funded("payer", 10000)
	c.person("shop")
	c.consumed(consume("payer", "shop", "c1", 3000, 0))
	pending := consume("payer", "shop", "p1", 500, 0)
	pending.ValidateType = client.ValidateSMS
	got, err := c.ConsumeApply(c.ctx, pending)
	require.NoError(t, err)
	require.Equal(t, client.ValidateSMS, got.ValidateType, "waits for pay")

	_, err = c.pay("nobody", "p1", smsCode)
	assert.Equal(t, "30001", apiCode(t, err), "no such member")
	_, err = c.pay("shop", "p1", smsCode)
	assert.Equal(t, "40022", apiCode(t, err), "not the payer")
	_, err = c.Refund(c.ctx, refund("nobody", "r1", "c1", 100))
	assert.Equal(t, "30001", apiCode(t, err))

	_, err = c.LockMember(c.ctx, "payer")
	require.NoError(t, err)
	for name, call := range map[string]func() error{
		"pay":    func() error { _, err := c.pay("payer", "p1", smsCode); return err },
		"refund": func() error { _, err := c.Refund(c.ctx, refund("payer", "r1", "c1", 100)); return err },
	} {
		t.Run(name, func(t *testing.T) {
			code, msg := answerCode(t, call())
			assert.Equal(t, []string{"30022", "会员已锁定"}, []string{code, msg})
		})
	}

	_, err = c.UnlockMember(c.ctx, "payer")
	require.NoError(t, err)
	assert.Equal(t, []int64{7000, 3000}, c.balances("payer", "shop"), "nothing moved")
	paid, err := c.pay("payer", "p1", smsCode)
	require.NoError(t, err)
	assert.Equal(t, client.PayStatusSuccess, paid.PayStatus)
	_, err = c.Refund(c.ctx, refund("payer", "r1", "c1", 100))
	require.NoError(t, err)
	assert.Equal(t, []int64{6600, 3400}, c.balances("payer", "shop"))
}

// TestLockedMemberTerminalPaymentOverHTTP: a payment at the terminal of a
// locked member is not back-filled (spec §4.1.15: 也不能收款): POST
// /__tsymock/terminal-payment answers 400 with 30022, and nothing is queued;
// after unlockMember it is.
func TestLockedMemberTerminalPaymentOverHTTP(t *testing.T) {
	e, c := members(t)
	c.person("shop")
	_, err := c.VspTermidService(c.ctx, client.VspTermidRequest{BizUserID: "shop", OperationType: "set",
		VspCusID: "C1", AppID: "A1", VspTermID: "T1"})
	require.NoError(t, err)
	_, err = c.LockMember(c.ctx, "shop")
	require.NoError(t, err)
	a := admin{t: t, base: e.URL}
	body := `{"termid":"T1","amount":1500,"url":"http://merchant.test/backfill"}`
	code, got := a.do(http.MethodPost, "terminal-payment?sysid="+e.SysID, body)
	assert.Equal(t, http.StatusBadRequest, code)
	assert.Contains(t, string(got), `"errorCode": "30022"`)

	_, err = c.UnlockMember(c.ctx, "shop")
	require.NoError(t, err)
	code, got = a.do(http.MethodPost, "terminal-payment?sysid="+e.SysID, body)
	assert.Equal(t, http.StatusCreated, code, "%s", got)
}

package e2e

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/client"
	"github.com/tsymock/tsymock/mock"
)

// cardDeposit is buyer's deposit of 100 fen by a card method of specEnv,
// waiting for its SMS code (validateType 1) and returning to front.
func cardDeposit(t *testing.T, c *orderClient, no, key, front string) *client.OrderResponse {
	t.Helper()
	req := deposit("buyer", no, 100, 0)
	req.PayMethod = client.PayMethod{key: map[string]any{"bankCardNo": cardFor(key), "amount": 100}}
	req.ValidateType, req.FrontURL, req.BackURL = client.ValidateSMS, front, front+"/notify"
	got, err := c.DepositApply(c.ctx, req)
	require.NoError(t, err)
	require.Equal(t, client.ValidateSMS, got.ValidateType)
	return got
}

// TestFrontTransSignedCardCode: frontTrans.do opened with the signed
// verificationCode of an order confirmed by SMS (spec §4.2.9
// verificationCode 短信验证码: 交易验证方式为 1-短信验证码; a card's, as public
// merchant code opens it for a 实名付 deposit) pays it at once and returns
// to frontUrl, the code being the confirmation; a wrong code is 20011 on the
// error page, the order still payable; without a code the page asks for it.
// Such an order was answered no payInfo link, and its orderNo alone opens
// nothing (10001).
func TestFrontTransSignedCardCode(t *testing.T) {
	c, rcv := specEnv(t)
	front := rcv.URL + "/front"
	signed := func(no, code string) string {
		return mustPageURL(t, c, client.PageFrontTrans, "OrderService", "pay", client.PayPageParams{
			BizUserID: "buyer", BizOrderNo: no, ConsumerIP: consumerIP, VerificationCode: code})
	}
	for _, key := range []string{"REALNAMEPAY", "QUICKPAY_VSP"} {
		t.Run(key, func(t *testing.T) {
			no := "f-" + key
			got := cardDeposit(t, c, no, key, front)
			assert.Empty(t, got.PayInfo, "a card order is confirmed by SMS: no page link (spec §4.2.2 payInfo)")
			errorPage(t, getPage(t, c.env.URL+"/yungateway/frontTrans.do?orderNo="+got.OrderNo), "10001")

			errorPage(t, getPage(t, signed(no, "999999")), "20011")
			assert.Equal(t, client.OrderUnpaid, c.status(no), "a wrong code leaves the order payable")
			asks := getPage(t, signed(no, ""))
			require.Equal(t, http.StatusOK, asks.Status, "%s", asks.Body)
			assert.Contains(t, asks.Body, `name="verificationCode"`, "no code signed: the page asks for it")

			back := returned(t, c.Client, getPage(t, signed(no, smsCode)), front)
			assert.True(t, back.OK(), back.RPS)
			o, err := back.Order()
			require.NoError(t, err)
			assert.Equal(t, no, o.BizOrderNo)
			assert.Equal(t, client.OrderSucceeded, c.status(no))
			errorPage(t, getPage(t, signed(no, smsCode)), "40004")
		})
	}

	t.Run("a code older than 3 minutes (§6.16)", func(t *testing.T) {
		cardDeposit(t, c, "f-old", "REALNAMEPAY", front)
		c.env.Clock.Advance(3 * time.Minute)
		expired := getPage(t, signed("f-old", smsCode))
		errorPage(t, expired, "20011")
		assert.Contains(t, expired.Body, "resendPaySMS")
	})

	t.Run("a payer locked since the apply (§4.1.15)", func(t *testing.T) {
		cardDeposit(t, c, "f-locked", "REALNAMEPAY", front)
		_, err := c.LockMember(c.ctx, "buyer")
		require.NoError(t, err)
		t.Cleanup(func() { _, _ = c.UnlockMember(c.ctx, "buyer") })
		errorPage(t, getPage(t, signed("f-locked", smsCode)), "30022")
		assert.Equal(t, client.OrderUnpaid, c.status("f-locked"), "nothing paid")
	})

	t.Run("journaled as a confirm with its signed params", func(t *testing.T) {
		var page struct{ Entries []mock.JournalEntry }
		admin{t: t, base: c.env.URL}.get("journal?kind=page&action=confirm&outcome=OK", &page)
		require.Len(t, page.Entries, 2, "the two paid at once")
		for _, e := range page.Entries {
			assert.Equal(t, "/yungateway/frontTrans.do", e.Page)
			assert.Equal(t, "valid", e.Signature.Verdict)
			assert.Contains(t, e.Response, front+"?")
		}
	})
}

// TestNoPayInfoForPasswordPageOrders: a gateway or wallet H5 combined with
// BALANCE and confirmed with the password (validateType 2) is answered no
// payInfo link: frontTrans.do refuses such an order (40028), and only the
// signed payOrder.html pays it (spec §4.2.10). Its orderNo alone opens
// nothing (10001); the same order with validateType 1 still has its link.
func TestNoPayInfoForPasswordPageOrders(t *testing.T) {
	_, c, rcv := pagesEnv(t)
	jump := rcv.URL + "/jump"
	passwordPayer(t, c, rcv)
	for _, tc := range []struct {
		name string
		with client.PayMethod
	}{
		{"gateway", client.Gateway(1000)},
		{"wallet H5", client.PayWith("ALLINPAY_WALLET_H5", 1000)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			pm := client.PayMethod{"BALANCE": []client.BalanceItem{{AccountSetNo: escrowSet, Amount: 2000}}}
			for k, v := range tc.with {
				pm[k] = v
			}
			apply := func(no string, vt int64) *client.OrderResponse {
				req := consume("sia", "shop", no, 3000, 0)
				req.PayMethod, req.ValidateType, req.FrontURL, req.BackURL = pm, vt, jump, rcv.URL+"/notify"
				got, err := c.ConsumeApply(c.ctx, req)
				require.NoError(t, err)
				return got
			}
			pwd := apply(tc.name+"-2", client.ValidatePassword)
			assert.Empty(t, pwd.PayInfo, "no link that frontTrans.do would refuse")
			errorPage(t, getPage(t, c.env.URL+"/yungateway/frontTrans.do?orderNo="+pwd.OrderNo), "10001")
			back := returned(t, c.Client, press(t, payPage(t, c, client.PagePayOrder, tc.name+"-2", jump), "confirm",
				url.Values{"password": {"123456"}}), jump)
			assert.True(t, back.OK(), back.RPS)

			assert.NotEmpty(t, apply(tc.name+"-1", client.ValidateSMS).PayInfo, "confirmed on frontTrans.do: linked")
		})
	}
}

// TestPayPagesConsumerIPForms: a consumerIp that is no public IP (spec
// §4.2.9, §4.2.10: 用户公网 IP; 不能使用“127.0.0.1”“localhost”) is refused by a
// --strict server's payment pages, the loopback in any spelling, the
// unspecified address and a value that is no IP address at all; public
// addresses of either family open the page, and so do private and
// link-local ones, which Allinpay's own test-environment demo sends.
func TestPayPagesConsumerIPForms(t *testing.T) {
	e := newNotifyEnv(t, fastNotify(time.Second), func(cfg *mock.Config) { cfg.Strict = true })
	c := e.orders(t)
	rcv := newReceiver(t, c.Client, nil)
	c.funded("sia", 10000)
	c.realNamed("shop")
	c.pendingConsume("sia", "c1", client.ValidateSMS, rcv.URL+"/notify")
	at := func(ip string) string {
		return mustPageURL(t, c, client.PageFrontTrans, "OrderService", "pay",
			client.PayPageParams{BizUserID: "sia", BizOrderNo: "c1", JumpURL: rcv.URL + "/jump", ConsumerIP: ip})
	}
	for _, ip := range []string{"127.0.0.1", "LOCALHOST", "127.0.0.2", "::1", "::ffff:127.0.0.1", "0.0.0.0",
		"224.0.0.1", "not-an-ip", " 8.8.8.8"} {
		t.Run(ip, func(t *testing.T) {
			refused := getPage(t, at(ip))
			errorPage(t, refused, "10000")
			assert.Contains(t, refused.Body, "consumer-ip")
		})
	}
	for _, ip := range []string{"8.8.8.8", consumerIP, "2001:4860:4860::8888",
		"10.1.1.1", "172.16.0.9", "192.168.11.11", "fd00::1", "169.254.1.1", "fe80::1"} {
		assert.Equal(t, http.StatusOK, getPage(t, at(ip)).Status, ip)
	}
}

// TestPwdPagesNoteIdentityType: a payment-password page opened with a
// certificate other than the ID card, by a member real-named with it, is
// noted identity-type (spec §4.1.17: 证件类型 目前只支持身份证), as
// setRealName notes it.
func TestPwdPagesNoteIdentityType(t *testing.T) {
	_, c, rcv := pagesEnv(t)
	a := admin{t: t, base: c.env.URL}
	c.person("sia")
	_, err := c.SetRealName(c.ctx, client.SetRealNameRequest{BizUserID: "sia", Name: personName, IdentityType: 2,
		IdentityNo: "E12345678"})
	require.NoError(t, err)
	require.Len(t, notedCalls(a, "identity-type"), 1, "setRealName's")
	p := pwdParams(rcv)
	p.IdentityType, p.IdentityNo = 2, "E12345678"
	opened := getPage(t, mustPageURL(t, c, client.PageSetPayPwd, "MemberPwdService", "setPayPwd", p))
	require.Equal(t, http.StatusOK, opened.Status, "%s", opened.Body)
	noted := notedCalls(a, "identity-type")
	require.Len(t, noted, 2)
	page := noted[1]
	assert.Equal(t, []string{"page", "/yungateway/pwd/setPayPwd.html"}, []string{page.Kind, page.Page})
	assert.Equal(t, "20012", page.Portability[0].Code)
	assert.Contains(t, page.Portability[0].Message, "§4.1.17")
}

// TestFrontTransSignedCardCodeInChromium: a real browser sent to
// frontTrans.do with a card order's signed SMS code lands on the merchant's
// frontUrl with a result whose signature verifies, the order paid, with no
// page to act on in between.
func TestFrontTransSignedCardCodeInChromium(t *testing.T) {
	c, rcv := specEnv(t)
	front := rcv.URL + "/jump" // where the receiver draws the result it verified
	cardDeposit(t, c, "rp1", "REALNAMEPAY", front)
	page := mustPageURL(t, c, client.PageFrontTrans, "OrderService", "pay", client.PayPageParams{
		BizUserID: "buyer", BizOrderNo: "rp1", ConsumerIP: consumerIP, VerificationCode: smsCode})

	ctx := browser(t)
	require.NoError(t, chromedp.Do(ctx, chromedp.Navigate(page), chromedp.WaitVisible(chromedp.ID("verified"))))
	landed, err := chromedp.Run(ctx, chromedp.Location())
	require.NoError(t, err)
	verified, err := chromedp.Run(ctx, chromedp.Text(chromedp.ID("verified")))
	require.NoError(t, err)
	assert.Equal(t, "sign OK: OrderService.pay OK", verified)
	require.True(t, strings.HasPrefix(landed, front+"?"), landed)
	assert.Equal(t, client.OrderSucceeded, c.status("rp1"))
}

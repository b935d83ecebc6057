package e2e

import (
	"encoding/json"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/client"
	"github.com/tsymock/tsymock/mock"
)

// TestFrontTransSMSCode: frontTrans.do asks for no SMS code for a gateway
// or wallet H5 alone (spec §4.2.9 verificationCode: 1、网关支付，不填，不验短信
// 验证码; §5.2 note (2): 非组合支付，不发送短信验证码); combined with BALANCE it
// checks the verificationCode of the signed params (2、组合支付含网关支付，必
// 填，验证短信验证码): 10001 without, 20011 wrong, on the error page, the
// order still payable. The unsigned payInfo link of a combined order has
// the code typed on the page.
func TestFrontTransSMSCode(t *testing.T) {
	_, c, rcv := pagesEnv(t)
	jump := rcv.URL + "/jump"
	c.funded("sia", 10000)
	c.person("shop")
	apply := func(no string, pm client.PayMethod, vt int64) *client.OrderResponse {
		t.Helper()
		req := consume("sia", "shop", no, 3000, 0)
		req.PayMethod, req.ValidateType, req.FrontURL, req.BackURL = pm, vt, jump, rcv.URL+"/notify"
		got, err := c.ConsumeApply(c.ctx, req)
		require.NoError(t, err)
		return got
	}
	combined := client.PayMethod{"GATEWAY_VSP": map[string]any{"amount": 1000, "paytype": "B2C"},
		"BALANCE": []client.BalanceItem{{AccountSetNo: escrowSet, Amount: 2000}}}
	signed := func(no, code string) string {
		return mustPageURL(t, c, client.PageFrontTrans, "OrderService", "pay", client.PayPageParams{
			BizUserID: "sia", BizOrderNo: no, JumpURL: jump, ConsumerIP: "8.8.8.8", VerificationCode: code})
	}

	for _, tc := range []struct {
		name, no string
		pm       client.PayMethod
	}{
		{"gateway alone", "ga", client.Gateway(3000)},
		{"wallet H5 alone", "wa", client.PayWith("ALLINPAY_WALLET_H5", 3000)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			no := tc.no
			apply(no, tc.pm, client.ValidateSMS)
			u := signed(no, "")
			opened := getPage(t, u)
			require.Equal(t, http.StatusOK, opened.Status, "%s", opened.Body)
			assert.NotContains(t, opened.Body, `name="verificationCode"`)
			assert.Contains(t, opened.Body, "非组合支付，不发送短信验证码")
			back := returned(t, c.Client, postPage(t, pageAt(t, u), url.Values{"token": {opened.token(t)}, "action": {"confirm"}}), jump)
			assert.True(t, back.OK(), back.RPS)
			assert.Equal(t, client.OrderSucceeded, c.status(no))
		})
	}

	t.Run("gateway and balance", func(t *testing.T) {
		apply("cb", combined, client.ValidateSMS)
		errorPage(t, getPage(t, signed("cb", "")), "10001")
		errorPage(t, getPage(t, signed("cb", "000000")), "20011")
		u := signed("cb", smsCode)
		opened := getPage(t, u)
		require.Equal(t, http.StatusOK, opened.Status, "%s", opened.Body)
		assert.NotContains(t, opened.Body, `name="verificationCode"`, "the code came in the params")
		back := returned(t, c.Client, postPage(t, pageAt(t, u), url.Values{"token": {opened.token(t)}, "action": {"confirm"}}), jump)
		assert.True(t, back.OK(), back.RPS)
		assert.Equal(t, client.OrderSucceeded, c.status("cb"))
	})

	t.Run("a code older than 3 minutes (§6.16)", func(t *testing.T) {
		apply("ce", combined, client.ValidateSMS)
		c.env.Clock.Advance(3 * time.Minute)
		expired := getPage(t, signed("ce", smsCode))
		errorPage(t, expired, "20011")
		assert.Contains(t, expired.Body, "resendPaySMS")
		_, err := c.ResendPaySMS(c.ctx, "ce")
		require.NoError(t, err)
		u := signed("ce", smsCode)
		opened := getPage(t, u)
		require.Equal(t, http.StatusOK, opened.Status, "the resent code: %s", opened.Body)
		returned(t, c.Client, postPage(t, pageAt(t, u), url.Values{"token": {opened.token(t)}, "action": {"confirm"}}), jump)
		assert.Equal(t, client.OrderSucceeded, c.status("ce"))
	})

	t.Run("the payInfo link of a combined order", func(t *testing.T) {
		got := apply("cl", combined, client.ValidateSMS)
		require.NotEmpty(t, got.PayPageURL())
		opened := getPage(t, got.PayPageURL())
		require.Equal(t, http.StatusOK, opened.Status, "%s", opened.Body)
		assert.Contains(t, opened.Body, `name="verificationCode"`)
		wrong := postPage(t, pageAt(t, got.PayPageURL()), url.Values{"token": {opened.token(t)}, "action": {"confirm"},
			"verificationCode": {"000000"}})
		assert.Equal(t, "20011", wrong.Header.Get("X-Tsymock-Error-Code"))
		returned(t, c.Client, postPage(t, pageAt(t, got.PayPageURL()), url.Values{"token": {wrong.token(t)},
			"action": {"confirm"}, "verificationCode": {smsCode}}), jump)
		assert.Equal(t, client.OrderSucceeded, c.status("cl"))
	})
}

// TestPayPagesConsumerIP: a payment page opened with the loopback as
// consumerIp (spec §4.2.9, §4.2.10: 不能使用“127.0.0.1”“localhost”) is noted
// consumer-ip in the journal and the log, as OrderService.pay is; with
// --strict it is refused with 10000.
func TestPayPagesConsumerIP(t *testing.T) {
	lenientAndStrict(t, func(t *testing.T, strict bool, e *notifyEnv, c *orderClient, rcv *receiver, a admin) {
		c.funded("sia", 10000)
		c.realNamed("shop")
		c.pendingConsume("sia", "c1", client.ValidateSMS, rcv.URL+"/notify")
		at := func(path, ip string) string {
			return mustPageURL(t, c, path, "OrderService", "pay",
				client.PayPageParams{BizUserID: "sia", BizOrderNo: "c1", JumpURL: rcv.URL + "/jump", ConsumerIP: ip})
		}
		if strict {
			for _, ip := range []string{"127.0.0.1", "localhost"} {
				errorPage(t, getPage(t, at(client.PageFrontTrans, ip)), "10000")
			}
			assert.Equal(t, http.StatusOK, getPage(t, at(client.PageFrontTrans, "8.8.8.8")).Status)
			return
		}
		assert.Equal(t, http.StatusOK, getPage(t, at(client.PageFrontTrans, "localhost")).Status)
		assert.Equal(t, http.StatusOK, getPage(t, at(client.PageFrontTrans, "8.8.8.8")).Status)
		noted := notedCalls(a, "consumer-ip")
		require.Len(t, noted, 1)
		assert.Equal(t, "page", noted[0].Kind)
		assert.Equal(t, "10000", noted[0].Portability[0].Code)
		assert.Contains(t, noted[0].Portability[0].Message, `consumerIp "localhost"`)
		waitForLog(t, e.env, "would refuse this page")
		assert.Contains(t, e.Log.String(), `wouldFail="consumer-ip: consumerIp`)
	})
}

// lenientAndStrict runs test on a pages environment of a lenient server,
// then of a --strict one.
func lenientAndStrict(t *testing.T, test func(t *testing.T, strict bool, e *notifyEnv, c *orderClient, rcv *receiver, a admin)) {
	for _, strict := range []bool{false, true} {
		name := "lenient"
		if strict {
			name = "strict"
		}
		t.Run(name, func(t *testing.T) {
			e := newNotifyEnv(t, fastNotify(time.Second), func(cfg *mock.Config) { cfg.Strict = strict })
			c := e.orders(t)
			test(t, strict, e, c, newReceiver(t, c.Client, nil), admin{t: t, base: e.URL})
		})
	}
}

// TestPwdPagesWithoutPhone: a member that never bound a phone (spec
// §4.1.23: one that binds a payment account with applyBindAcct) resets its
// payment password with phone 88888888888 (note 5), typing the emulated
// code, and gets its first phone on updatePhoneByPayPwd with oldPhone
// 88888888888 (note 4), the code going to the new phone.
func TestPwdPagesWithoutPhone(t *testing.T) {
	_, c, rcv := pagesEnv(t)
	jump := rcv.URL + "/jump"
	c.realNamed("sia")
	_, err := callJSON(t, c.Client, "MemberService.applyBindAcct",
		`{"bizUserId":"sia","operationType":"set","acctType":"weChatPublic","acct":"oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"}`)
	require.NoError(t, err)
	page := func(path, method string) string {
		return mustPageURL(t, c, path, "MemberPwdService", method, pwdParams(rcv)) // phone and oldPhone 88888888888
	}
	returned(t, c.Client, press(t, page(client.PageSetPayPwd, "setPayPwd"), "confirm",
		url.Values{"password": {"123456"}, "password2": {"123456"}}), jump)

	reset := page(client.PageResetPayPwd, "resetPayPwd")
	opened := getPage(t, reset)
	require.Equal(t, http.StatusOK, opened.Status, "%s", opened.Body)
	assert.Contains(t, opened.Body, "has no bound phone")
	back := returned(t, c.Client, postPage(t, pageAt(t, reset), url.Values{"token": {opened.token(t)}, "action": {"confirm"},
		"verificationCode": {smsCode}, "password": {"654321"}, "password2": {"654321"}}), jump)
	assert.True(t, back.OK(), back.RPS)

	back = returned(t, c.Client, press(t, page(client.PageUpdatePhoneByPayPwd, "updatePhoneByPayPwd"), "confirm",
		url.Values{"password": {"654321"}, "newPhone": {phoneA}, "verificationCode": {smsCode}}), jump)
	var rv struct{ NewPhone string }
	require.NoError(t, json.Unmarshal(back.ReturnValue, &rv))
	assert.Equal(t, phoneA, rv.NewPhone)
	info, err := c.GetMemberInfo(c.ctx, "sia")
	require.NoError(t, err)
	assert.Equal(t, phoneA, info.MemberInfo.Phone)

	errorPage(t, getPage(t, page(client.PageResetPayPwd, "resetPayPwd")), "30021") // 88888888888 no more
}

// TestJSPayInfoJSON: a WeChat 公众号 or Alipay 生活号 deposit answers payInfo
// as JSON text (spec §4.2.2 payInfo: 微信公众号 JS 支付：返回 json 字符串。支付宝 JS
// 支付：返回 json 字符串), which a merchant's back end parses; tsymock's page
// for it, an absolute URL on this server, is under tsymockPayUrl, and
// completes the deposit.
func TestJSPayInfoJSON(t *testing.T) {
	_, c, rcv := pagesEnv(t)
	front := rcv.URL + "/jump"
	c.person("gina")
	for i, tc := range []struct {
		pm   client.PayMethod
		keys []string
	}{
		{client.PayMethod{"WECHAT_PUBLIC": map[string]any{"amount": 5000, "limitPay": "", "acct": "o1"}},
			[]string{"appId", "timeStamp", "signType", "package", "nonceStr", "paySign", client.PayURLKey}},
		{client.PayMethod{"ALIPAY_SERVICE": map[string]any{"amount": 5000, "acct": "2088"}}, []string{"tradeNO", client.PayURLKey}},
	} {
		req := deposit("gina", "j"+string(rune('1'+i)), 5000, 0)
		req.PayMethod, req.FrontURL, req.BackURL = tc.pm, front, rcv.URL+"/notify"
		got, err := c.DepositApply(c.ctx, req)
		require.NoError(t, err)
		var v map[string]string
		require.NoError(t, json.Unmarshal([]byte(got.PayInfo), &v), got.PayInfo)
		assert.ElementsMatch(t, tc.keys, slices.Collect(maps.Keys(v)))
		assert.Equal(t, c.env.URL+"/yungateway/frontTrans.do?orderNo="+got.OrderNo, v[client.PayURLKey])
		assert.Equal(t, v[client.PayURLKey], got.PayPageURL())
		returned(t, c.Client, press(t, got.PayPageURL(), "confirm", nil), front)
		assert.Equal(t, client.OrderSucceeded, c.status(req.BizOrderNo))
	}
}

// TestPayPwdLockEndsAtMidnight: five wrong payment passwords lock it
// (30033) for the rest of the China day; the lock is in the kept state, so
// it holds after a restart, and ends at the next 0:00 by the server's
// clock (spec §4.1.17 note 7: 24 小时内不允许错误 5 次，每天凌晨 0 点解锁).
func TestPayPwdLockEndsAtMidnight(t *testing.T) {
	dir := t.TempDir()
	e, c, stop := keptEnv(t, dir, fastSchedule(), mock.SnapshotConfig{Bytes: -1, Every: -1})
	rcv := newReceiver(t, c.Client, nil)
	jump := rcv.URL + "/jump"
	a := admin{t: t, base: e.URL}
	a.json(http.MethodPost, "clock", `{"set":"2026-12-05 10:00:00"}`, http.StatusOK, nil)
	pwdPage := phonedPwdPages(t, c, rcv)
	returned(t, c.Client, press(t, pwdPage(client.PageSetPayPwd, "setPayPwd"), "confirm",
		url.Values{"password": {"123456"}, "password2": {"123456"}}), jump)
	update := url.Values{"password": {"654321"}, "password2": {"654321"}}
	try := func(c *orderClient, old string) pageResp {
		p := pwdParams(rcv)
		p.Phone, p.OldPhone = phoneA, phoneA
		fields := url.Values{"oldPassword": {old}}
		for k, v := range update {
			fields[k] = v
		}
		return press(t, mustPageURL(t, c, client.PageUpdatePayPwd, "MemberPwdService", "updatePayPwd", p), "confirm", fields)
	}
	for range 5 {
		assert.Equal(t, "20010", try(c, "000000").Header.Get("X-Tsymock-Error-Code"))
	}
	errorPage(t, try(c, "123456"), "30033")
	stop()

	e2, c2, _ := keptEnv(t, dir, fastSchedule())
	a2 := admin{t: t, base: e2.URL}
	a2.json(http.MethodPost, "clock", `{"set":"2026-12-05 23:59:59"}`, http.StatusOK, nil)
	errorPage(t, try(c2, "123456"), "30033")
	a2.json(http.MethodPost, "clock", `{"set":"2026-12-06 00:00:00"}`, http.StatusOK, nil)
	returned(t, c2.Client, try(c2, "123456"), jump)
}

package e2e

import (
	"cmp"
	"encoding/json"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/client"
)

// pagesEnv is a server with a fast notifier, its client and a receiver for
// backUrl (/notify) and jumpUrl (/jump).
func pagesEnv(t *testing.T) (*notifyEnv, *orderClient, *receiver) {
	t.Helper()
	e := newNotifyEnv(t, fastNotify(time.Second))
	c := e.orders(t)
	return e, c, newReceiver(t, c.Client, nil)
}

// TestSignContractPages: the e-contract is signed in the browser; the
// browser returns to jumpUrl with a signed contractNo, backUrl gets the
// same rps, getMemberInfo shows the contract, and the query page shows it.
func TestSignContractPages(t *testing.T) {
	e, c, rcv := pagesEnv(t)
	c.realNamed("sia")
	jump := rcv.URL + "/jump"
	params := client.ContractPageParams{BizUserID: "sia", JumpURL: jump, BackURL: rcv.URL + "/notify", Source: client.SourceMobile}
	u, err := c.PageURL("", client.PageSignContract, "MemberService", "signContract", params)
	require.NoError(t, err)
	opened := getPage(t, u)
	require.Equal(t, http.StatusOK, opened.Status)
	assert.Contains(t, opened.Body, "电子协议签约")
	assert.Contains(t, opened.Body, "sia")

	back := returned(t, c.Client, press(t, u, "confirm", nil), jump)
	assert.Equal(t, []string{"MemberService", "signContract", "OK"}, []string{back.Service, back.Method, back.Status})
	assert.Regexp(t, `^CT\d+$`, back.ContractNo)
	notified := rcv.wait(t, 1)[0]
	assert.Equal(t, back.ContractNo, notified.ContractNo)
	top := rpsKeys(t, notified.RPS)
	assert.Equal(t, []string{`"` + back.ContractNo + `"`, `"` + back.ContractNo + `"`},
		[]string{string(top["contractNo"]), string(top["ContractNo"])}, "the notification spells contractNo both ways")
	assert.Equal(t, map[string]any{"ContractNo": back.ContractNo, "result": "OK"}, jumpExtras(t, back.RPS, notified.RPS),
		"backUrl gets what jumpUrl got, less the keys of the jumpUrl table (spec §4.1.4)")
	info, err := c.GetMemberInfo(c.ctx, "sia")
	require.NoError(t, err)
	assert.True(t, info.MemberInfo.IsSignContract)
	assert.Equal(t, back.ContractNo, info.MemberInfo.ContractNo)

	errorPage(t, getPage(t, mustPageURL(t, c, client.PageSignContract, "MemberService", "signContract", params)), "30043")

	query := client.ContractPageParams{BizUserID: "sia", JumpURL: jump}
	q := returned(t, c.Client, press(t, mustPageURL(t, c, client.PageSignContractQuery, "MemberService", "signContractQuery", query),
		"confirm", nil), jump)
	assert.Equal(t, []string{"signContractQuery", "OK", back.ContractNo}, []string{q.Method, q.Status, q.ContractNo})
	assert.Len(t, e.srv.Notifications(e.SysID), 1, "the query page notifies nothing")
}

// rpsKeys are the top-level keys of an rps text, values as sent.
func rpsKeys(t *testing.T, rps string) map[string]json.RawMessage {
	t.Helper()
	var top map[string]json.RawMessage
	require.NoError(t, json.Unmarshal([]byte(rps), &top))
	return top
}

// TestSignContractFail: the fail button returns the error to jumpUrl, with
// the errorCode the tester typed and the result of the jumpUrl table;
// nothing is signed and backUrl hears nothing (spec §4.1.4 note 3: 签约失败，
// 页面提示失败原因，不提供异步通知).
func TestSignContractFail(t *testing.T) {
	e, c, rcv := pagesEnv(t)
	c.realNamed("sia")
	jump := rcv.URL + "/jump"
	u := mustPageURL(t, c, client.PageSignContract, "MemberService", "signContract",
		client.ContractPageParams{BizUserID: "sia", JumpURL: jump, BackURL: rcv.URL + "/notify", Source: client.SourcePC})
	back := returned(t, c.Client, press(t, u, "fail", url.Values{"errorCode": {"30009"}, "message": {"不同意"}}), jump)
	assert.Equal(t, []string{"error", "30009", "不同意"}, []string{back.Status, back.ErrorCode, back.Message})
	var apiErr *client.Error
	require.ErrorAs(t, back.Err(), &apiErr)
	assert.Equal(t, "30009", apiErr.Code)
	assert.Equal(t, map[string]any{"bizUserId": "sia", "result": "error"}, returnValueOf(t, back))
	assert.Empty(t, e.srv.Notifications(e.SysID), "a refused contract is not notified")
	info, err := c.GetMemberInfo(c.ctx, "sia")
	require.NoError(t, err)
	assert.False(t, info.MemberInfo.IsSignContract)
}

// pwdParams are the params of a payment-password page for sia, who has no
// bound phone unless the test binds one: the spec's 88888888888 (§4.1.23).
func pwdParams(rcv *receiver) client.PayPwdPageParams {
	return client.PayPwdPageParams{BizUserID: "sia", Name: personName, IdentityType: client.IdentityIDCard,
		IdentityNo: personID, Phone: client.NoPhone, OldPhone: client.NoPhone, JumpURL: rcv.URL + "/jump", BackURL: rcv.URL + "/notify"}
}

// phonedPwdPages real-names sia with phoneA bound and returns the signed
// URL of a payment-password page for it.
func phonedPwdPages(t *testing.T, c *orderClient, rcv *receiver) func(path, method string) string {
	t.Helper()
	c.realNamed("sia")
	c.withPhone("sia", phoneA)
	return phonedPwdPage(t, c, rcv)
}

// phonedPwdPage is the signed URL of a payment-password page for sia,
// whose bound phone is phoneA.
func phonedPwdPage(t *testing.T, c *orderClient, rcv *receiver) func(path, method string) string {
	return func(path, method string) string {
		p := pwdParams(rcv)
		p.Phone, p.OldPhone = phoneA, phoneA
		return mustPageURL(t, c, path, "MemberPwdService", method, p)
	}
}

// TestPayPwdPages: set, update (a wrong old password is shown on the page
// and may be retyped), reset and change the phone, each returning to
// jumpUrl and notifying backUrl as PROTOCOL.md §5 says.
func TestPayPwdPages(t *testing.T) {
	_, c, rcv := pagesEnv(t)
	jump := rcv.URL + "/jump"
	pwdPage := phonedPwdPages(t, c, rcv)

	set := returned(t, c.Client, press(t, pwdPage(client.PageSetPayPwd, "setPayPwd"), "confirm",
		url.Values{"password": {"123456"}, "password2": {"123456"}}), jump)
	assert.Equal(t, []string{"MemberPwdService", "setPayPwd", "OK"}, []string{set.Service, set.Method, set.Status})
	info, err := c.GetMemberInfo(c.ctx, "sia")
	require.NoError(t, err)
	assert.True(t, info.MemberInfo.IsSetPayPwd)

	u := pwdPage(client.PageUpdatePayPwd, "updatePayPwd")
	opened := getPage(t, u)
	wrong := postPage(t, pageAt(t, u), url.Values{"token": {opened.token(t)}, "action": {"confirm"},
		"oldPassword": {"000000"}, "password": {"654321"}, "password2": {"654321"}})
	assert.Equal(t, http.StatusOK, wrong.Status, "the page again, with the error")
	assert.Equal(t, "20010", wrong.Header.Get("X-Tsymock-Error-Code"))
	assert.Contains(t, wrong.Body, "20010")
	returned(t, c.Client, postPage(t, pageAt(t, u), url.Values{"token": {wrong.token(t)}, "action": {"confirm"},
		"oldPassword": {"123456"}, "password": {"654321"}, "password2": {"654321"}}), jump)

	returned(t, c.Client, press(t, pwdPage(client.PageResetPayPwd, "resetPayPwd"), "confirm",
		url.Values{"verificationCode": {smsCode}, "password": {"111222"}, "password2": {"111222"}}), jump)

	phone := returned(t, c.Client, press(t, pwdPage(client.PageUpdatePhoneByPayPwd, "updatePhoneByPayPwd"), "confirm",
		url.Values{"password": {"111222"}, "newPhone": {phoneB}, "verificationCode": {smsCode}}), jump)
	var rv struct{ BizUserID, NewPhone string }
	require.NoError(t, phone.Decode(&rv))
	assert.Equal(t, "sia", rv.BizUserID)
	assert.Equal(t, phoneB, rv.NewPhone)
	info, err = c.GetMemberInfo(c.ctx, "sia")
	require.NoError(t, err)
	assert.Equal(t, phoneB, info.MemberInfo.Phone)

	var methods []string
	for _, n := range rcv.wait(t, 4) {
		methods = append(methods, n.Method)
	}
	assert.ElementsMatch(t, []string{"setPayPwd", "setPayPwd", "setPayPwd", "updatePhoneByPayPwd"}, methods,
		"set, update and reset all notify setPayPwd")
}

// TestMemberPageFailNotifiesNothing: the fail button of every member page
// returns the error to jumpUrl with result error, and backUrl hears of no
// failure (spec §4.1.4 note 3, §4.1.17 note 3, §4.1.20 note 3; update and
// reset notify as setPayPwd does); only the password set in between is.
func TestMemberPageFailNotifiesNothing(t *testing.T) {
	e, c, rcv := pagesEnv(t)
	jump := rcv.URL + "/jump"
	pwdPage := phonedPwdPages(t, c, rcv)
	contract := mustPageURL(t, c, client.PageSignContract, "MemberService", "signContract",
		client.ContractPageParams{BizUserID: "sia", JumpURL: jump, BackURL: rcv.URL + "/notify", Source: client.SourcePC})
	for _, tc := range []struct {
		name, url, code string
		before          func()
	}{
		{"signContract (§4.1.4)", contract, "9000", nil},
		{"setPayPwd (§4.1.17)", pwdPage(client.PageSetPayPwd, "setPayPwd"), "9000", nil},
		{"updatePayPwd (§4.1.18)", pwdPage(client.PageUpdatePayPwd, "updatePayPwd"), "30032", func() {
			returned(t, c.Client, press(t, pwdPage(client.PageSetPayPwd, "setPayPwd"), "confirm",
				url.Values{"password": {"123456"}, "password2": {"123456"}}), jump)
		}},
		{"resetPayPwd (§4.1.19)", pwdPage(client.PageResetPayPwd, "resetPayPwd"), "9000", nil},
		{"updatePhoneByPayPwd (§4.1.20)", pwdPage(client.PageUpdatePhoneByPayPwd, "updatePhoneByPayPwd"), "9000", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.before != nil {
				tc.before()
			}
			back := returned(t, c.Client, press(t, tc.url, "fail", url.Values{"errorCode": {tc.code}}), jump)
			assert.Equal(t, []string{"error", tc.code}, []string{back.Status, back.ErrorCode})
			assert.Equal(t, map[string]any{"bizUserId": "sia", "result": "error"}, returnValueOf(t, back))
		})
	}
	var methods []string
	for _, n := range e.srv.Notifications(e.SysID) {
		methods = append(methods, n.Method+" "+n.Status)
	}
	assert.Equal(t, []string{"setPayPwd OK"}, methods, "the password set, and no failure")
	info, err := c.GetMemberInfo(c.ctx, "sia")
	require.NoError(t, err)
	assert.False(t, info.MemberInfo.IsSignContract)
	assert.Equal(t, phoneA, info.MemberInfo.Phone)
}

// TestMemberPageFailCodes: a member page's fail form takes a code of spec
// §7 only: another (12345) shows the page again with 10000 naming the
// field, its token still valid, as the pages' other form errors; a code
// typed without a message returns §7's text (30033 支付密码错误超限制), as a
// scenario's error does, and the page's own 9000 its own message.
func TestMemberPageFailCodes(t *testing.T) {
	_, c, rcv := pagesEnv(t)
	jump := rcv.URL + "/jump"
	pwdPage := phonedPwdPages(t, c, rcv)
	for _, tc := range []struct {
		name, code, message, wantMessage string
	}{
		{"a code of §7 without a message", "30033", "", "支付密码错误超限制"},
		{"a code of §7 with a message", "30033", "密码错了", "密码错了"},
		{"the page's own code", "9000", "", "用户取消操作"},
		{"no code", "", "", "用户取消操作"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			u := pwdPage(client.PageSetPayPwd, "setPayPwd")
			opened := getPage(t, u)
			require.Equal(t, http.StatusOK, opened.Status, "%s", opened.Body)
			bad := postPage(t, pageAt(t, u), url.Values{"token": {opened.token(t)}, "action": {"fail"}, "errorCode": {"12345"}})
			require.Equal(t, http.StatusOK, bad.Status, "shown again: %s", bad.Body)
			require.Equal(t, "10000", bad.Header.Get("X-Tsymock-Error-Code"))
			assert.Contains(t, bad.Body, "errorCode &#34;12345&#34; of the fail form")
			form := url.Values{"token": {bad.token(t)}, "action": {"fail"}, "errorCode": {tc.code}, "message": {tc.message}}
			back := returned(t, c.Client, postPage(t, pageAt(t, u), form), jump)
			want := cmp.Or(tc.code, "9000")
			assert.Equal(t, []string{"error", want, tc.wantMessage}, []string{back.Status, back.ErrorCode, back.Message})
		})
	}
}

// TestPayPwdPageRefusals: the page refuses what the platform would, as an
// HTML error page: a phone other than the bound one, or than 88888888888
// for a member without one (spec §4.1.17, §4.1.19, §4.1.20, §4.1.23), is
// 30021.
func TestPayPwdPageRefusals(t *testing.T) {
	_, c, rcv := pagesEnv(t)
	c.realNamed("sia")
	c.person("bob")
	other := pwdParams(rcv)
	other.IdentityNo = otherID
	bob := pwdParams(rcv)
	bob.BizUserID = "bob"
	withPhone := func(bizUserID, phone, oldPhone string) client.PayPwdPageParams {
		p := pwdParams(rcv)
		p.BizUserID, p.Phone, p.OldPhone = bizUserID, phone, oldPhone
		return p
	}
	c.realNamed("pia")
	c.withPhone("pia", phoneA)
	for _, tc := range []struct {
		name, path, method string
		params             client.PayPwdPageParams
		code               string
	}{
		{"update before set", client.PageUpdatePayPwd, "updatePayPwd", pwdParams(rcv), "30032"},
		{"another identity", client.PageSetPayPwd, "setPayPwd", other, "30009"},
		{"not real-named", client.PageSetPayPwd, "setPayPwd", bob, "30008"},
		{"set with a phone the member never bound", client.PageSetPayPwd, "setPayPwd", withPhone("sia", phoneA, ""), "30021"},
		{"reset with another phone than the bound one", client.PageResetPayPwd, "resetPayPwd", withPhone("pia", phoneB, ""), "30021"},
		{"set with 88888888888 by a member with a phone", client.PageSetPayPwd, "setPayPwd", withPhone("pia", client.NoPhone, ""), "30021"},
		{"change the phone with a wrong oldPhone", client.PageUpdatePhoneByPayPwd, "updatePhoneByPayPwd",
			withPhone("pia", "", phoneB), "30021"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			errorPage(t, getPage(t, mustPageURL(t, c, tc.path, "MemberPwdService", tc.method, tc.params)), tc.code)
		})
	}
}

func mustPageURL(t *testing.T, c *orderClient, path, service, method string, param any) string {
	t.Helper()
	u, err := c.PageURL("", path, service, method, param)
	require.NoError(t, err)
	return u
}

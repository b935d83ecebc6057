package e2e

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/client"
	"github.com/tsymock/tsymock/keys"
)

// TestSDKPageURLs opens the payment-password page with the URLs the
// clients build, confirms it and checks where the browser is sent back, as
// the merchant's jumpUrl handler reads it: sysid + rps + timestamp signed
// by the platform (spec §3.4), and the notification to backUrl.
//
// The official Java SDK's demo builds these URLs with YunClient.encodeTwice,
// every value URL-encoded twice (himiddleman/springboot
// src/main/java/com/allinpay/controller/yunst/member/SetPayPwdTest.java,
// UpdatePayPwdTest.java, ResetPayPwdTest.java, UpdatePhoneByPayPwdTest.java),
// later demos with encodeOnce (…/yunst2/member/SetPayPwdTest.java); PHP
// clients write urlencode(urlencode($v)) for these pages "to match Java"
// (index files 16194644742, namespace Tl; 45519954698, Allinyun::PayPWD).
func TestSDKPageURLs(t *testing.T) {
	e, c, rcv := pagesEnv(t)
	jump := rcv.URL + "/jump"
	ts := vectorTime
	// The page's req as PHP's json_encode writes it: '/' and non-ASCII escaped.
	pageReq := func(bizUserID string) string {
		id, err := keys.EncryptField(&e.Platform.PublicKey, personID)
		require.NoError(t, err)
		esc := func(u string) string { return strings.ReplaceAll(u, "/", `\/`) }
		return `{"service":"MemberPwdService","method":"setPayPwd","param":{"bizUserId":"` + bizUserID +
			`","phone":"` + client.NoPhone + `","name":"\u5f20\u4e09","identityType":1,"identityNo":"` + id +
			`","jumpUrl":"` + esc(jump) + `","backUrl":"` + esc(rcv.URL+"/notify") + `"}}`
	}
	javaTwice := func(s string) string { return phpEncode(phpEncode(s)) }
	tests := []struct {
		name, bizUserID string
		query           func(req, sign string) string
	}{
		{"encoded once (YunClient.encodeOnce, http_build_query)", "sdk-once", func(req, sign string) string {
			return "req=" + phpEncode(req) + "&sysid=" + e.SysID + "&timestamp=" + phpEncode(ts) + "&sign=" + phpEncode(sign) + "&v=2.0&"
		}},
		{"YunClient.encodeTwice: every value twice", "sdk-java-twice", func(req, sign string) string {
			return "sysid=" + javaTwice(e.SysID) + "&sign=" + javaTwice(sign) + "&timestamp=" + javaTwice(ts) +
				"&v=" + javaTwice("2.0") + "&req=" + javaTwice(req)
		}},
		{"PHP urlencode(urlencode()) of req, timestamp and sign only", "sdk-php-twice", func(req, sign string) string {
			return "req=" + javaTwice(req) + "&sysid=" + e.SysID + "&timestamp=" + javaTwice(ts) + "&sign=" + javaTwice(sign) + "&v=2.0"
		}},
		{"encoded twice with %20 and lower-case escapes", "sdk-twice-lower", func(req, sign string) string {
			enc := func(s string) string { return lowerEscapes(strings.ReplaceAll(url.QueryEscape(s), "+", "%20")) }
			return "sysid=" + e.SysID + "&v=2.0&timestamp=" + enc(enc(ts)) + "&sign=" + enc(enc(sign)) + "&req=" + enc(enc(req))
		}},
	}
	for i, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c.realNamed(tc.bizUserID)
			req := pageReq(tc.bizUserID)
			u := e.URL + client.PageSetPayPwd + "?" + tc.query(req, signAt(t, e.env, req, ts))
			opened := getPage(t, u)
			require.Equal(t, http.StatusOK, opened.Status, "%s", opened.Body)
			assert.Contains(t, opened.Body, tc.bizUserID)

			back := postPage(t, pageAt(t, u), url.Values{"token": {opened.token(t)}, "action": {"confirm"},
				"password": {"123456"}, "password2": {"123456"}})
			require.Equal(t, http.StatusSeeOther, back.Status, "%s", back.Body)
			require.True(t, strings.HasPrefix(back.Location, jump+"?"), back.Location)
			loc, err := url.Parse(back.Location)
			require.NoError(t, err)
			q := loc.Query()
			// The merchant's jumpUrl handler: its own sysid, rps and timestamp (spec §3.4).
			require.NoError(t, keys.Verify(&e.Platform.PublicKey, e.SysID+q.Get("rps")+q.Get("timestamp"), q.Get("sign")))
			rps := rpsKeys(t, q.Get("rps"))
			assert.JSONEq(t, `"setPayPwd"`, string(rps["method"]))
			assert.JSONEq(t, `"OK"`, string(rps["status"]))

			info, err := c.GetMemberInfo(c.ctx, tc.bizUserID)
			require.NoError(t, err)
			assert.True(t, info.MemberInfo.IsSetPayPwd)
			assert.Len(t, rcv.wait(t, i+1), i+1, "backUrl is notified")
		})
	}
}

// TestSDKPageTwiceStillVerified: a page URL encoded twice is decoded once
// more and then verified like any other: a changed req is still 20019.
func TestSDKPageTwiceStillVerified(t *testing.T) {
	e, c, rcv := pagesEnv(t)
	c.realNamed("sdk-forged")
	id, err := keys.EncryptField(&e.Platform.PublicKey, personID)
	require.NoError(t, err)
	req := `{"service":"MemberPwdService","method":"setPayPwd","param":{"bizUserId":"sdk-forged","phone":"` + client.NoPhone +
		`","name":"张三","identityType":1,"identityNo":"` + id + `","jumpUrl":"` + rcv.URL + `/jump","backUrl":"` + rcv.URL + `/notify"}}`
	sign := signAt(t, e.env, req, vectorTime)
	forged := strings.Replace(req, "sdk-forged", "sdk-forgeD", 1)
	twice := func(s string) string { return phpEncode(phpEncode(s)) }
	u := e.URL + client.PageSetPayPwd + "?sysid=" + e.SysID + "&v=2.0&timestamp=" + twice(vectorTime) + "&sign=" + twice(sign) +
		"&req=" + twice(forged)
	errorPage(t, getPage(t, u), "20019")
}

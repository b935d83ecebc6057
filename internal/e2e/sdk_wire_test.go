package e2e

import (
	"crypto/rsa"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/keys"
)

// The requests of this file are the bytes public Tongshangyun clients put
// on the wire, built by hand from reading them (each case names the
// client's repository and file), and each answer is read as that client
// reads it: every top-level value a string, the sign verified over
// signedValue, errors included. They are regression tests of what tsymock
// accepted already, and of v=2, which it accepts because a client sends it.

// wireCall is one HTTP request exactly as a client library sends it.
type wireCall struct {
	method string
	// target is the path and query after the server's address.
	target      string
	contentType string
	body        string
	header      map[string]string
}

// rawAnswer is an answer as it came off the wire.
type rawAnswer struct {
	Status int
	Header http.Header
	Body   []byte
}

// do sends c to the env's server.
func (c wireCall) do(t *testing.T, e *env) rawAnswer {
	t.Helper()
	var body io.Reader
	if c.method == http.MethodPost {
		body = strings.NewReader(c.body) // a POST with an empty body still says Content-Length: 0
	}
	req, err := http.NewRequest(c.method, e.URL+c.target, body)
	require.NoError(t, err)
	if c.contentType != "" {
		req.Header.Set("Content-Type", c.contentType)
	}
	for k, v := range c.header {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return rawAnswer{Status: resp.StatusCode, Header: resp.Header, Body: b}
}

// signAt is the merchant's sign of req at ts, as every client computes it
// (spec §3.4).
func signAt(t *testing.T, e *env, req, ts string) string {
	t.Helper()
	sign, err := keys.Sign(e.Merchant, e.SysID+req+ts)
	require.NoError(t, err)
	return sign
}

// phpEncode is PHP's urlencode and http_build_query's encoding (and
// java.net.URLEncoder's but for '*'): space as '+', '~' escaped.
func phpEncode(s string) string { return strings.ReplaceAll(url.QueryEscape(s), "~", "%7E") }

// joinForm writes key=value pairs in the order given, each value through
// enc, joined by '&' (the keys are plain ASCII).
func joinForm(enc func(string) string, pairs ...string) string {
	parts := make([]string, 0, len(pairs)/2)
	for i := 0; i+1 < len(pairs); i += 2 {
		parts = append(parts, pairs[i]+"="+enc(pairs[i+1]))
	}
	return strings.Join(parts, "&")
}

// uriComponent is JavaScript's encodeURIComponent.
func uriComponent(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("-_.!~*'()", c) >= 0 {
			b.WriteByte(c)
			continue
		}
		fmt.Fprintf(&b, "%%%02X", c)
	}
	return b.String()
}

// goURIComponent is hhjpin/allinpay's EncodeURIComponent (utils.go):
// url.QueryEscape with %20 for a space.
func goURIComponent(s string) string { return strings.ReplaceAll(url.QueryEscape(s), "+", "%20") }

// axiosEncode is how axios writes a params value into the query: what
// encodeURIComponent gives, with ':', '$', ',', '[' and ']' put back and
// '+' for a space.
func axiosEncode(s string) string {
	return strings.NewReplacer("%3A", ":", "%24", "$", "%2C", ",", "%20", "+", "%5B", "[", "%5D", "]").Replace(uriComponent(s))
}

// lowerEscapes writes the hex digits of every %XX in lower case, as
// Rellopn/yunst2 does to the sign (caseTranslate).
func lowerEscapes(s string) string {
	b := []byte(s)
	for i := 0; i+2 < len(b); i++ {
		if b[i] == '%' {
			b[i+1], b[i+2] = lower(b[i+1]), lower(b[i+2])
			i += 2
		}
	}
	return string(b)
}

func lower(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// envelope is the answer as the strictly typed clients read it: every
// top-level value a string (Rellopn/yunst2 unmarshals into
// map[string]string, hhjpin/allinpay into a struct of strings).
type envelope struct {
	Status, Sign, SignedValue, ErrorCode, Message, SysID string
}

// readEnvelope decodes the answer as map[string]string and as the struct,
// and checks that sign verifies over signedValue with the platform
// certificate, as they all do (the PHP clients before they look at status).
func readEnvelope(t *testing.T, e *env, a rawAnswer) envelope {
	t.Helper()
	require.Equal(t, http.StatusOK, a.Status, "%s", a.Body)
	var strs map[string]string
	require.NoError(t, json.Unmarshal(a.Body, &strs), "every top-level value is a string: %s", a.Body)
	env := envelope{Status: strs["status"], Sign: strs["sign"], SignedValue: strs["signedValue"],
		ErrorCode: strs["errorCode"], Message: strs["message"], SysID: strs["sysid"]}
	require.NotEmpty(t, env.SignedValue, "%s", a.Body)
	require.NoError(t, keys.Verify(e.Cert.PublicKey.(*rsa.PublicKey), env.SignedValue, env.Sign), "%s", a.Body)
	return env
}

// okValue checks an OK answer and decodes its signedValue into v.
func okValue(t *testing.T, e *env, a rawAnswer, v any) {
	t.Helper()
	env := readEnvelope(t, e, a)
	require.Equal(t, "OK", env.Status, "%s", a.Body)
	require.Equal(t, e.SysID, env.SysID)
	require.NoError(t, json.Unmarshal([]byte(env.SignedValue), v), "%s", env.SignedValue)
}

// createdMember is createMember's answer.
type createdMember struct {
	BizUserID string `json:"bizUserId"`
	UserID    string `json:"userId"`
}

// TestSDKRequestShapes sends createMember as each client sends it and reads
// the answer as that client does.
func TestSDKRequestShapes(t *testing.T) {
	e := demoEnv(t)
	ts := vectorTime
	// PHP's json_encode without flags escapes '/' and non-ASCII; Go's
	// json.Marshal sorts keys and escapes '&' as \u0026. The signature is
	// over these exact texts.
	phpReq := func(bizUserID string) string {
		return `{"service":"MemberService","method":"createMember","param":{"bizUserId":"` + bizUserID +
			`","memberType":"3","source":"1","extendParam":{"shop":"https:\/\/shop.example\/a","name":"\u5f20\u4e09"}}}`
	}
	goReq := func(bizUserID string) string {
		return `{"method":"createMember","param":{"bizUserId":"` + bizUserID +
			`","extendParam":{"note":"a\u0026b c"},"memberType":3,"source":1},"service":"MemberService"}`
	}
	jsReq := func(bizUserID string) string {
		return `{"service":"MemberService","method":"createMember","param":{"bizUserId":"` + bizUserID +
			`","memberType":3,"source":1,"extendParam":{"tags":["a b","c:d"]}}}`
	}
	tests := []struct {
		name, bizUserID string
		call            func(bizUserID string) wireCall
	}{
		{
			// The official PHP demo's SOAClient (PHP_DEMO.zip, as vendored by merchants, e.g. Allinyun\SOAClient.php):
			// req, ssoid, sysid, timestamp, sign, v, each urlencode'd and followed by '&', POSTed by curl
			// (its default Content-Type), v 1.0 by default.
			name: "PHP demo SOAClient", bizUserID: "sdk-php-demo",
			call: func(id string) wireCall {
				req := phpReq(id)
				return wireCall{method: http.MethodPost, target: "/service/soa", contentType: "application/x-www-form-urlencoded",
					body: joinForm(phpEncode, "req", req, "ssoid", "ime_public_ssoid", "sysid", e.SysID, "timestamp", ts,
						"sign", signAt(t, e, req, ts), "v", "1.0") + "&"}
			},
		},
		{
			// A production PHP client against fintech.allinpay.com keeps `$version = 2` and sends it as v=2 to a
			// server URL ending in '?' (index file 16874077876, Allinpay\AllinpayService\Allinpay).
			name: "PHP client with v=2", bizUserID: "sdk-php-v2",
			call: func(id string) wireCall {
				req := phpReq(id)
				return wireCall{method: http.MethodPost, target: "/service/soa?", contentType: "application/x-www-form-urlencoded",
					body: joinForm(phpEncode, "req", req, "sysid", e.SysID, "timestamp", ts, "sign", signAt(t, e, req, ts), "v", "2") + "&"}
			},
		},
		{
			// huangjinbing/allinpay src/Common/AllinpayClient.php (AllinpayCurl, requestYSTAPI): req, sysid,
			// timestamp, sign, v, each urlencode'd and followed by '&', POSTed by curl (its default Content-Type).
			name: "huangjinbing/allinpay curl form", bizUserID: "sdk-huangjinbing",
			call: func(id string) wireCall {
				req := phpReq(id)
				return wireCall{method: http.MethodPost, target: "/service/soa", contentType: "application/x-www-form-urlencoded",
					body: joinForm(phpEncode, "req", req, "sysid", e.SysID, "timestamp", ts, "sign", signAt(t, e, req, ts), "v", "2.0") + "&"}
			},
		},
		{
			// LazyBenches/allInPay src/Pay.php + src/Util/Curl.php: a GET whose query is req, sysid, timestamp,
			// sign, v (urlencode), sent with the header Content-Type: application/json.
			name: "LazyBenches/allInPay GET with a JSON Content-Type", bizUserID: "sdk-lazybench",
			call: func(id string) wireCall {
				req := phpReq(id)
				return wireCall{method: http.MethodGet, contentType: "application/json",
					target: "/service/soa?" + joinForm(phpEncode, "req", req, "sysid", e.SysID, "timestamp", ts, "sign", signAt(t, e, req, ts), "v", "2.0")}
			},
		},
		{
			// lawyersoa/easyallinpay src/Kernel/Http/Client.php: Guzzle form_params (http_build_query) of req,
			// sysid, timestamp, v, sign with Content-type application/x-www-form-urlencoded;charset=UTF-8.
			name: "lawyersoa/easyallinpay Guzzle form", bizUserID: "sdk-easyallinpay",
			call: func(id string) wireCall {
				req := phpReq(id)
				return wireCall{method: http.MethodPost, target: "/service/soa", contentType: "application/x-www-form-urlencoded;charset=UTF-8",
					body: joinForm(phpEncode, "req", req, "sysid", e.SysID, "timestamp", ts, "v", "2.0", "sign", signAt(t, e, req, ts))}
			},
		},
		{
			// hhjpin/allinpay client.go (doGet) and utils.go: GET sysid (as is), v, timestamp, req, sign, each
			// url.QueryEscape'd with '+' turned into %20, and a trailing '&'.
			name: "hhjpin/allinpay GET", bizUserID: "sdk-hhjpin",
			call: func(id string) wireCall {
				req := goReq(id)
				return wireCall{method: http.MethodGet,
					target: "/service/soa?" + joinForm(goURIComponent, "sysid", e.SysID, "v", "2.0", "timestamp", ts, "req", req, "sign", signAt(t, e, req, ts)) + "&"}
			},
		},
		{
			// Rellopn/yunst2 yunClient.go (Request, buildPostBody): a POST with no body whose query is
			// url.PathEscape("sysid=…&timestamp=…&v=…&req=…&") + "sign=" + the sign's QueryEscape with
			// lower-case hex; the configured server URL ends in '?'.
			name: "Rellopn/yunst2 POST with the parameters in the query", bizUserID: "sdk-yunst2",
			call: func(id string) wireCall {
				req := goReq(id)
				up := "sysid=" + e.SysID + "&timestamp=" + ts + "&v=2.0&req=" + req + "&"
				return wireCall{method: http.MethodPost, contentType: "application/x-www-form-urlencoded;charset=utf-8",
					target: "/service/soa?" + url.PathEscape(up) + "sign=" + lowerEscapes(url.QueryEscape(signAt(t, e, req, ts)))}
			},
		},
		{
			// coajs/coa-allin-pay src/libs/AllinPayBin.ts (service_soa, getParams): axios.get with params
			// {sysid, v, timestamp, sign, req}.
			name: "coajs/coa-allin-pay axios GET", bizUserID: "sdk-coa",
			call: func(id string) wireCall {
				req := jsReq(id)
				return wireCall{method: http.MethodGet,
					target: "/service/soa?" + joinForm(axiosEncode, "sysid", e.SysID, "v", "2.0", "timestamp", ts, "sign", signAt(t, e, req, ts), "req", req)}
			},
		},
		{
			// The legacy Java YunClient merchants copied (index file 19147556830, com.xmyy.pay.core.YunClient):
			// HashMap order, URLEncoder, "&\r\n" at the end, ssoid, the session cookie it keeps, v from its
			// config, and HttpURLConnection's default Content-Type.
			name: "legacy Java YunClient", bizUserID: "sdk-java-legacy",
			call: func(id string) wireCall {
				req := phpReq(id)
				return wireCall{method: http.MethodPost, target: "/service/soa", contentType: "application/x-www-form-urlencoded",
					header: map[string]string{"Cookie": "JSESSIONID=0123456789ABCDEF;"},
					body: joinForm(phpEncode, "sign", signAt(t, e, req, ts), "v", "1.0", "req", req, "ssoid", "ime_public_ssoid",
						"sysid", e.SysID, "timestamp", ts) + "&\r\n"}
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var got createdMember
			okValue(t, e, tc.call(tc.bizUserID).do(t, e), &got)
			assert.Equal(t, tc.bizUserID, got.BizUserID)
			assert.NotEmpty(t, got.UserID)

			// Again: 30000, signed, errorCode a string that the PHP clients intval() and Go reads as
			// a string.
			again := readEnvelope(t, e, tc.call(tc.bizUserID).do(t, e))
			assert.Equal(t, []string{"error", "30000"}, []string{again.Status, again.ErrorCode})
			assert.Equal(t, "errorCode="+again.ErrorCode+"&message="+again.Message, again.SignedValue)
		})
	}
}

// TestSDKVersions: v as the clients send it. 2.0 is the spec's (§3.1),
// 1.0 the legacy clients' default, 2 a PHP client's that keeps the version
// as a number; anything else is 10000 naming it.
func TestSDKVersions(t *testing.T) {
	e := demoEnv(t)
	for i, tc := range []struct {
		v, code string
	}{
		{"2.0", ""}, {"1.0", ""}, {"2", ""}, {"1", ""},
		{"2.1", "10000"}, {"3.0", "10000"}, {"2.00", "10000"}, {"V2.0", "10000"},
	} {
		t.Run("v="+tc.v, func(t *testing.T) {
			req := createReq(fmt.Sprintf("sdk-v%d", i))
			body := url.Values{"sysid": {e.SysID}, "v": {tc.v}, "timestamp": {vectorTime}, "req": {req},
				"sign": {signAt(t, e, req, vectorTime)}}.Encode()
			a := wireCall{method: http.MethodPost, target: "/service/soa", contentType: "application/x-www-form-urlencoded", body: body}.do(t, e)
			env := readEnvelope(t, e, a)
			if tc.code == "" {
				assert.Equal(t, "OK", env.Status, "%s", a.Body)
				return
			}
			assert.Equal(t, tc.code, env.ErrorCode)
			assert.Contains(t, env.Message, fmt.Sprintf("got %q", tc.v))
		})
	}
}

// TestSDKTypedAnswers: hhjpin/allinpayapi (service/*.go) sends every field
// of its request structs, zero values included (""/0/false/null, which
// spec §2.4 lets a client send for a param it leaves out), and unmarshals
// signedValue into typed structs: amounts and codes must be JSON numbers,
// ids strings.
func TestSDKTypedAnswers(t *testing.T) {
	e := demoEnv(t)
	ts := vectorTime
	enc := func(s string) string {
		out, err := keys.EncryptField(e.Cert.PublicKey.(*rsa.PublicKey), s)
		require.NoError(t, err)
		return out
	}
	call := func(method, service, param string) rawAnswer {
		req := `{"method":"` + method + `","param":` + param + `,"service":"` + service + `"}`
		return wireCall{method: http.MethodGet,
			target: "/service/soa?" + joinForm(goURIComponent, "sysid", e.SysID, "v", "2.0", "timestamp", ts, "req", req, "sign", signAt(t, e, req, ts)) + "&"}.do(t, e)
	}

	var member createdMember
	okValue(t, e, call("createMember", "MemberService", `{"bizUserId":"typed","memberType":3,"source":1,"extendParam":{}}`), &member)

	var bin struct {
		CardBinInfo struct {
			CardBin   string `json:"cardBin"`
			CardType  int    `json:"cardType"`
			BankCode  string `json:"bankCode"`
			CardLenth int    `json:"cardLenth"`
			CardState int    `json:"cardState"`
		} `json:"cardBinInfo"`
	}
	okValue(t, e, call("getBankCardBin", "MemberService", `{"cardNo":"`+enc("6228480000000000000")+`"}`), &bin)
	assert.Equal(t, []int{1, 19, 1}, []int{bin.CardBinInfo.CardType, bin.CardBinInfo.CardLenth, bin.CardBinInfo.CardState})

	var deposit struct {
		PayStatus    string         `json:"payStatus"`
		BizUserID    string         `json:"bizUserId"`
		OrderNo      string         `json:"orderNo"`
		BizOrderNo   string         `json:"bizOrderNo"`
		TradeNo      string         `json:"tradeNo"`
		PayInfo      string         `json:"payInfo"`
		ValidateType int            `json:"validateType"`
		ExtendInfo   string         `json:"extendInfo"`
		WeChatInfo   map[string]any `json:"weChatAPPInfo"`
	}
	okValue(t, e, call("depositApply", "OrderService", `{"bizOrderNo":"typed-d1","bizUserId":"typed","accountSetNo":"200126",`+
		`"amount":100,"fee":0,"validateType":0,"frontUrl":"","backUrl":"http://127.0.0.1:9/notify","orderExpireDatetime":"",`+
		`"payMethod":{"GATEWAY_VSP":{"amount":100,"paytype":"B2C","gateid":""}},"goodsName":"","industryCode":"1910",`+
		`"industryName":"其他","source":2,"summary":"","extendInfo":""}`), &deposit)
	assert.Equal(t, []string{"pending", "typed", "typed-d1"}, []string{deposit.PayStatus, deposit.BizUserID, deposit.BizOrderNo})
	assert.NotEmpty(t, deposit.OrderNo)

	var balance struct {
		AllAmount     int `json:"allAmount"`
		FreezenAmount int `json:"freezenAmount"`
	}
	okValue(t, e, call("queryBalance", "OrderService", `{"bizUserId":"typed","accountSetNo":"200126"}`), &balance)

	var reserve struct {
		AccountNo   string `json:"account_no"`
		AccountName string `json:"account_name"`
		Balance     int    `json:"balance"`
		DefClr      int    `json:"def_clr"`
	}
	okValue(t, e, call("queryReserveFundBalance", "MerchantService", `{}`), &reserve)
	assert.NotEmpty(t, reserve.AccountNo)

	var merchant struct {
		AllAmount    int `json:"allAmount"`
		FreezeAmount int `json:"freezeAmount"`
	}
	okValue(t, e, call("queryMerchantBalance", "MerchantService", `{"accountSetNo":"100001"}`), &merchant)
	assert.Positive(t, merchant.AllAmount)
}

// TestSDKOpenGatewayNotServed: the clients of Allinpay's open-platform
// gateway (appId, bizContent, signType=SHA256WithRSA; e.g. cnbattle/allinpay
// client.go) speak another protocol than /service/soa, which tsymock does
// not emulate; docs/sdks.md says they get HTTP 404, whose text says so.
func TestSDKOpenGatewayNotServed(t *testing.T) {
	e := demoEnv(t)
	a := wireCall{method: http.MethodPost, target: "/op/gateway", contentType: "application/x-www-form-urlencoded;charset=utf-8",
		body: joinForm(url.QueryEscape, "appId", "1581648210684", "bizContent", `{"bizUserId":"x"}`, "charset", "utf-8", "format", "JSON",
			"method", "allinpay.yunst.memberService.createMember", "sign", "x", "signType", "SHA256WithRSA",
			"timestamp", vectorTime, "version", "1.0")}.do(t, e)
	assert.Equal(t, http.StatusNotFound, a.Status)
	assert.Contains(t, string(a.Body), "open-platform gateway (appId, bizContent, signType=SHA256WithRSA) is not emulated")
}

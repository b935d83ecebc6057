package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/client"
	"github.com/tsymock/tsymock/keys/demo"
)

// TestCallEncryptsRequestFields: "tsymock call" encrypts with --cert the
// request fields the platform takes encrypted (spec §3.5 and the params
// marked RSA 加密: identityNo §4.1.5, companyBasicInfo.legalIds and
// accountNo §5.4, payMethod's bankCardNo §5.2), nested ones too,
// leaves ciphertext alone, and says on 20017 what to check.
func TestCallEncryptsRequestFields(t *testing.T) {
	url := startCallServer(t)
	m, err := demo.Load()
	require.NoError(t, err)
	c, err := client.New(url, demo.SysID, m.MerchantKey, m.PlatformCert)
	require.NoError(t, err)
	sealed, err := c.Encrypt("610422198600000000")
	require.NoError(t, err)
	for _, args := range [][]string{
		{"MemberService", "createMember", `{"bizUserId":"enc-p","memberType":3,"source":1}`},
		{"MemberService", "createMember", `{"bizUserId":"enc-q","memberType":3,"source":1}`},
		{"MemberService", "createMember", `{"bizUserId":"enc-c","memberType":2,"source":1}`},
		{"MemberService", "createMember", `{"bizUserId":"enc-c2","memberType":2,"source":1}`},
	} {
		var stdout, stderr bytes.Buffer
		require.Equal(t, callOK, run(t.Context(), append([]string{"call", "--url", url}, args...), &stdout, &stderr), stderr.String())
	}
	realName := func(user, identityNo string) string {
		return `{"bizUserId":"` + user + `","name":"王小二","identityType":1,"identityNo":"` + identityNo + `"}`
	}
	company := func(user string) string {
		return `{"bizUserId":"` + user + `","backUrl":"http://127.0.0.1:1/n","isAuth":true,"companyBasicInfo":{"companyName":"通商云科技有限公司",` +
			`"authType":2,"uniCredit":"91310000MA1K000001","legalName":"王小二","identityType":1,"legalIds":"610422198600000000",` +
			`"legalPhone":"13800000000","accountNo":"6228480000000000001","parentBankName":"中国工商银行","bankName":"中国工商银行上海分行",` +
			`"unionBank":"102290000001"}}`
	}
	deposit := `{"bizOrderNo":"enc-d1","bizUserId":"enc-p","accountSetNo":"200126","amount":100,"fee":0,"validateType":0,` +
		`"backUrl":"http://127.0.0.1:1/n","payMethod":{"QUICKPAY_VSP":{"bankCardNo":"6228480000000000001","amount":100}},` +
		`"industryCode":"1910","industryName":"其他","source":1}`
	for _, tc := range []struct {
		name     string
		args     []string
		code     int
		stderr   []string
		noStderr []string
	}{
		{name: "a top-level field the catalogue encrypts, by default",
			args: []string{"MemberService", "setRealName", realName("enc-p", "610422198600000000")},
			code: callOK, stderr: []string{"encrypted with the platform certificate (--cert): identityNo"}},
		{name: "nested fields of an object",
			args: []string{"MemberService", "setCompanyInfo", company("enc-c")},
			code: callOK, stderr: []string{"encrypted with the platform certificate (--cert): companyBasicInfo.legalIds, companyBasicInfo.accountNo"}},
		{name: "a field under a pay method (payMethod.*.bankCardNo): decrypted, so the card is what is refused",
			args: []string{"OrderService", "depositApply", deposit},
			code: callErrorCode, stderr: []string{"payMethod.QUICKPAY_VSP.bankCardNo", "errorCode 30045"}, noStderr: []string{"20017"}},
		{name: "a value already encrypted is sent as it is",
			args: []string{"MemberService", "setRealName", realName("enc-q", sealed)},
			code: callOK, noStderr: []string{"encrypted with"}},
		{name: "--no-encrypt sends it as given: 20017 and what to check",
			args: []string{"--no-encrypt", "MemberService", "setRealName", realName("enc-p", "610422198600000000")},
			code: callErrorCode, stderr: []string{"errorCode 20017", "check: the encrypted fields: this field is sent encrypted", "without --no-encrypt"}},
		{name: "--no-encrypt with --encrypt, a dotted path: only that one",
			args: []string{"--no-encrypt", "--encrypt", "companyBasicInfo.legalIds", "MemberService", "setCompanyInfo", company("enc-c2")},
			code: callErrorCode, stderr: []string{"(--cert): companyBasicInfo.legalIds\n", "errorCode 20017", "companyBasicInfo.accountNo"}},
		{name: "--encrypt, a name the catalogue has nested (legalIds), as before",
			args: []string{"--no-encrypt", "--encrypt", "legalIds,accountNo", "MemberService", "setCompanyInfo", company("enc-c2")},
			code: callOK, stderr: []string{"companyBasicInfo.legalIds, companyBasicInfo.accountNo"}},
		{name: "--encrypt, a name matching nothing: exit 2, what the catalogue encrypts",
			args: []string{"--encrypt", "identityNumber", "MemberService", "setRealName", realName("enc-p", "610422198600000000")},
			code: callUsage, stderr: []string{"--encrypt identityNumber: PARAM-JSON has no value at identityNumber", "MemberService.setRealName", "identityNo"}},
		{name: "--encrypt on a method with nothing encrypted, a field that is not there",
			args: []string{"--encrypt", "cardNo", "MemberService", "createMember", `{"bizUserId":"enc-x","memberType":3,"source":1}`},
			code: callUsage, stderr: []string{"the catalogue encrypts no field of MemberService.createMember"}},
		{name: "an encrypted field holding an object: exit 2",
			args: []string{"MemberService", "setRealName", `{"bizUserId":"enc-p","name":"王小二","identityType":1,"identityNo":{"a":1}}`},
			code: callUsage, stderr: []string{"identityNo", "--no-encrypt sends PARAM-JSON as given"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := run(t.Context(), append([]string{"call", "--url", url}, tc.args...), &stdout, &stderr)
			assert.Equal(t, tc.code, code, "stderr: %s", stderr.String())
			for _, s := range tc.stderr {
				assert.Contains(t, stderr.String(), s)
			}
			for _, s := range tc.noStderr {
				assert.NotContains(t, stderr.String(), s)
			}
		})
	}
}

// TestLooksEncrypted: only long upper-case hex of whole bytes is taken for
// ciphertext; card and identity numbers, digits only, are far shorter.
func TestLooksEncrypted(t *testing.T) {
	for _, tc := range []struct {
		value string
		want  bool
	}{
		{"6228480000000000001", false},
		{"61042219860000000X", false},
		{strings.Repeat("0A", 256), true},
		{strings.Repeat("0a", 256), false},
		{strings.Repeat("A", 511), false},
		{strings.Repeat("9", 254), false},
		{"", false},
	} {
		t.Run(tc.value[:min(len(tc.value), 20)], func(t *testing.T) {
			assert.Equal(t, tc.want, looksEncrypted(tc.value))
		})
	}
}

// TestEncryptPaths: an --encrypt name is a catalogue path, the last part
// of catalogue paths, or else a dotted path of its own.
func TestEncryptPaths(t *testing.T) {
	catalogue := []string{"companyBasicInfo.legalIds", "companyBasicInfo.accountNo", "payMethod.*.bankCardNo"}
	for _, tc := range []struct {
		name string
		want []string
	}{
		{"legalIds", []string{"companyBasicInfo.legalIds"}},
		{"companyBasicInfo.accountNo", []string{"companyBasicInfo.accountNo"}},
		{"bankCardNo", []string{"payMethod.*.bankCardNo"}},
		{"payMethod.QUICKPAY_VSP.bankCardNo", []string{"payMethod.QUICKPAY_VSP.bankCardNo"}},
		{"Ids", []string{"Ids"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, encryptPaths(tc.name, catalogue))
		})
	}
}

// TestClientsFollowAddr: call, load, coverage and health take their default
// --url from $TSYMOCK_ADDR, serve's --addr, and their --help says so.
func TestClientsFollowAddr(t *testing.T) {
	url := startCallServer(t)
	t.Setenv(addrEnv, strings.TrimPrefix(url, "http://"))
	for _, command := range []string{"call", "load", "coverage", "health"} {
		t.Run(command+" --help", func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			run(t.Context(), []string{command, "--help"}, &stdout, &stderr)
			assert.Contains(t, stderr.String()+stdout.String(), `(default "`+url+`")`)
			assert.Contains(t, stderr.String()+stdout.String(), "the default follows $"+addrEnv)
		})
	}
	t.Run("call without --url", func(t *testing.T) {
		var stdout, stderr bytes.Buffer
		code := run(t.Context(), []string{"call", "MemberService", "createMember", `{"bizUserId":"addr-1","memberType":3,"source":1}`}, &stdout, &stderr)
		assert.Equal(t, callOK, code, stderr.String())
		assert.Contains(t, stdout.String(), `"bizUserId": "addr-1"`)
	})
}

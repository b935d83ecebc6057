package e2e

import (
	"crypto"
	"crypto/md5"
	"crypto/rsa"
	"crypto/sha1"
	"encoding/base64"
	"encoding/hex"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/tsymock/tsymock/keys"
	"github.com/tsymock/tsymock/keys/demo"
	"github.com/tsymock/tsymock/mock"
)

const memberReq = `{"service":"MemberService","method":"createMember","param":{"bizUserId":"d1","memberType":3,"source":1}}`

// TestDiagnosisLogLine: a request signed with the platform key is answered
// with the platform's exact text, and the log line says what was verified
// and which key made the signature.
func TestDiagnosisLogLine(t *testing.T) {
	e := demoEnv(t)
	a := postForm(t, e, signed(t, e.Platform, e.SysID, memberReq, vectorTime))
	assert.Equal(t, "20019", a.errorCode(t, e))
	assert.Equal(t, "签名验证失败", a.str(t, "message"))

	log := e.Log.String()
	assert.Contains(t, log, "sysid="+e.SysID)
	assert.Contains(t, log, `timestamp="`+vectorTime+`"`)
	assert.Contains(t, log, keys.MD5Base64(e.SysID+memberReq+vectorTime))
	assert.Contains(t, log, keys.Fingerprint(&e.Merchant.PublicKey))
	assert.Contains(t, log, "signed with the platform private key")
}

// TestSignHints: with the flag, the diagnosis is appended on the wire.
func TestSignHints(t *testing.T) {
	e := demoEnv(t, func(c *mock.Config) { c.SignHints = true })
	// Signed over sysid+req only, sent with a timestamp.
	v := signed(t, e.Merchant, e.SysID, memberReq, "")
	v.Set("timestamp", vectorTime)
	a := postForm(t, e, v)
	assert.Equal(t, "20019", a.errorCode(t, e))
	assert.Contains(t, a.str(t, "message"), "签名验证失败 (tsymock: timestamp is not in the signed text")
}

// TestSignHintsPHPReserialised: a PHP client that signs json_encode's
// default output (service, method, param in the order set; "/" and Chinese
// escaped) and sends the JSON_UNESCAPED_SLASHES|JSON_UNESCAPED_UNICODE one,
// or the other way round, is told so on the wire (probe-R finding 4).
func TestSignHintsPHPReserialised(t *testing.T) {
	e := demoEnv(t, func(c *mock.Config) { c.SignHints = true })
	const (
		plain = `{"service":"MemberService","method":"createMember","param":{"bizUserId":"php/张三","memberType":3,"source":1}}`
		php   = `{"service":"MemberService","method":"createMember","param":{"bizUserId":"php\/\u5f20\u4e09","memberType":3,"source":1}}`
	)
	for _, tc := range []struct{ name, signed, sent, want string }{
		{"signed escaped, sent unescaped", php, plain, "with / and non-ASCII escaped as PHP json_encode writes it"},
		{"signed unescaped, sent escaped", plain, php, "with / and non-ASCII unescaped (PHP JSON_UNESCAPED_SLASHES|JSON_UNESCAPED_UNICODE)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v := signed(t, e.Merchant, e.SysID, tc.signed, vectorTime)
			v.Set("req", tc.sent)
			a := postForm(t, e, v)
			assert.Equal(t, "20019", a.errorCode(t, e))
			assert.Contains(t, a.str(t, "message"), "signed a differently serialised req ("+tc.want)
		})
	}
}

// TestSignHintsCommonSignerMistakes: the two mistakes a Chinese team's
// signer makes most (probe-X A2, A3) are named on the wire with --sign-hints,
// with the fix: PHP's base64_encode(md5($source)) without binary=true, and
// Java's getBytes() without a charset on a Chinese Windows (GBK bytes); in
// Chinese with --lang zh.
func TestSignHintsCommonSignerMistakes(t *testing.T) {
	const req = `{"service":"MemberService","method":"createMember","param":{"bizUserId":"张三","memberType":3,"source":1}}`
	hexMD5 := func(b []byte) string { s := md5.Sum(b); return hex.EncodeToString(s[:]) }
	gbkMD5Base64 := func(b []byte) string {
		g, err := simplifiedchinese.GBK.NewEncoder().Bytes(b)
		require.NoError(t, err)
		s := md5.Sum(g)
		return base64.StdEncoding.EncodeToString(s[:])
	}
	for _, tc := range []struct {
		name, signedText, lang, want string
	}{
		{"php hex md5 in base64", base64.StdEncoding.EncodeToString([]byte(hexMD5([]byte(demo.SysID + req + vectorTime)))), "en",
			"base64_encode(md5($source, true))"},
		{"php hex md5 in base64, zh", base64.StdEncoding.EncodeToString([]byte(hexMD5([]byte(demo.SysID + req + vectorTime)))), "zh",
			"PHP 的 md5() 默认返回十六进制文本"},
		{"java GBK bytes", gbkMD5Base64([]byte(demo.SysID + req + vectorTime)), "en", `source.getBytes("UTF-8")`},
		{"java GBK bytes, zh", gbkMD5Base64([]byte(demo.SysID + req + vectorTime)), "zh", "按 GBK 编码"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := demoEnv(t, func(c *mock.Config) { c.SignHints, c.Lang = true, tc.lang })
			v := signed(t, e.Merchant, e.SysID, req, vectorTime)
			digest := sha1.Sum([]byte(tc.signedText))
			sig, err := rsa.SignPKCS1v15(nil, e.Merchant, crypto.SHA1, digest[:])
			require.NoError(t, err)
			v.Set("sign", base64.StdEncoding.EncodeToString(sig))
			a := postForm(t, e, v)
			assert.Equal(t, "20019", a.errorCode(t, e))
			assert.Contains(t, a.str(t, "message"), tc.want)
		})
	}
}

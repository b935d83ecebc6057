package diagnose

import (
	"crypto"
	"crypto/md5"
	"crypto/rsa"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/internal/lang"
	"github.com/tsymock/tsymock/keys"
)

// TestMessagesHaveBothTexts: every id of the diagnosis's table has its
// English and Chinese text, with the same verbs.
func TestMessagesHaveBothTexts(t *testing.T) {
	texts := messages()
	assert.NoError(t, lang.CheckTable(texts[:]))
}

// TestKeysWordsKept: the diagnosis says in English exactly what
// keys.Diagnose's Message says, for every cause, so that the two cannot
// drift apart and the default log stays as it was.
func TestKeysWordsKept(t *testing.T) {
	merchant := load(t, "merchant-1024.pkcs8.pem")
	platform := load(t, "platform-1024.pkcs8.pem")
	big := load(t, "merchant-2048.pkcs8.pem")
	source := sysid + req + ts
	causes := map[keys.Cause]bool{}
	for _, s := range []string{
		rawSign(t, merchant, crypto.SHA256, keys.MD5Base64(source)),
		rawSign(t, merchant, crypto.SHA256, "x"),
		rawSign(t, merchant, crypto.SHA1, source),
		sign(t, merchant, "another text"),
		sign(t, platform, source),
		sign(t, big, source),
		"%%%",
		strings.ReplaceAll(sign(t, platform, source), "+", " "),
		rawSignNone(t, merchant, keys.MD5Base64(source)),
		rawSign(t, merchant, crypto.SHA1, base64.StdEncoding.EncodeToString([]byte(hex.EncodeToString(md5Of(source))))),
	} {
		in := Input{SysID: sysid, Req: req, Timestamp: ts, Sign: s, Key: &merchant.PublicKey}
		d := keys.Diagnose(in.Key, source, s)
		causes[d.Cause] = true
		assert.Equal(t, d.Message, keysWords(in, d).In(lang.English), d.Cause)
		assert.NotEqual(t, d.Message, keysWords(in, d).In(lang.Chinese), d.Cause)
	}
	for _, c := range []keys.Cause{keys.CauseMalformed, keys.CauseKeySize, keys.CauseOtherKey, keys.CauseWrongHash,
		keys.CauseNoMD5Step, keys.CauseRawRSA, keys.CauseSourceDiffers, keys.CauseHexMD5Base64} {
		assert.True(t, causes[c], "no signature above gives %s", c)
	}
}

// TestRunInChinese: with Lang Chinese the Cause is in the spec's terms,
// identifiers (sysid, req, timestamp, SHA1withRSA, key names) as they are.
func TestRunInChinese(t *testing.T) {
	merchant := load(t, "merchant-1024.pkcs8.pem")
	platform := load(t, "platform-1024.pkcs8.pem")
	source := sysid + req + ts
	others := []NamedKey{{Name: "平台私钥", Key: &platform.PublicKey}}
	fp, platformFP := keys.Fingerprint(&merchant.PublicKey), keys.Fingerprint(&platform.PublicKey)
	for _, tc := range []struct {
		name, req, sign, want string
	}{
		{"platform key", req, sign(t, platform, source),
			"签名用的密钥是「平台私钥」（" + platformFP + "），而不是 sysid " + sysid + " 登记的商户证书（" + fp + "）对应的商户私钥"},
		{"no timestamp", req, sign(t, merchant, sysid+req), "签名源串中没有 timestamp：签名源串应为 sysid + req + timestamp（规范 §3.4）"},
		{"sha256", req, rawSign(t, merchant, crypto.SHA256, keys.MD5Base64(source)),
			"用 SHA256withRSA 签了名，签的是：Base64(MD5(签名源串))；请用 SHA1withRSA 对 Base64(MD5(签名源串)) 签名"},
		{"no md5 step", req, rawSign(t, merchant, crypto.SHA1, source),
			"用 SHA1withRSA 签了名，签的是：签名源串本身（跳过了 Base64(MD5()) 这一步）；请对 Base64(MD5(签名源串)) 这段文本签名"},
		{"re-serialised", req, sign(t, merchant, sysid+`{"method":"createMember","param":{"bizUserId":"a\u0026b/张","memberType":3,"source":1},"service":"MemberService"}`+ts),
			"签名源串里的 req 与发送的 req 序列化方式不同（键已排序，且 <、>、& 按 Go encoding/json 的写法转义）；请对实际发送的 req 字符串签名"},
		{"missing", req, "", "sign（签名）参数缺失或为空"},
		{"plus sent as space", req, strings.ReplaceAll(sign(t, platform, source), "+", " "),
			"sign 不是标准的（带 = 填充的）Base64（其中有空格，多半是 sign 里的 '+' 没有做 URL 编码，被解码成了空格）：从偏移 "},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := Run(Input{SysID: sysid, Req: tc.req, Timestamp: ts, Sign: tc.sign, Key: &merchant.PublicKey, Others: others, Lang: lang.Chinese})
			assert.Contains(t, r.Cause, tc.want)
			en := Run(Input{SysID: sysid, Req: tc.req, Timestamp: ts, Sign: tc.sign, Key: &merchant.PublicKey, Others: others})
			assert.Equal(t, en.Reason, r.Reason, "the reason is a word for counting, in no language")
		})
	}
	unknown := Run(Input{SysID: sysid, Req: req, Timestamp: ts, Sign: sign(t, platform, source), Key: &merchant.PublicKey, Lang: lang.Chinese})
	require.Equal(t, "other-key", unknown.Reason)
	assert.Equal(t, "sign 是用另一个私钥生成的，不是证书 "+fp+" 对应的私钥：请检查该 sysid 配置的是哪个密钥文件；"+
		"这把密钥不是 tsymock 知道的任何一把（sysid "+sysid+" 登记的商户证书是 "+fp+"）", unknown.Cause)
}

// TestCorruptAtAsBase64Says: a sign that stops being Base64 is said in
// encoding/base64's own English words, and in Chinese.
func TestCorruptAtAsBase64Says(t *testing.T) {
	_, err := base64.StdEncoding.DecodeString("ab c")
	require.Error(t, err)
	m := base64Error(err)
	assert.Equal(t, err.Error(), m.In(lang.English))
	assert.Equal(t, "从偏移 2 处起无法按 Base64 解码", m.In(lang.Chinese))
	assert.Equal(t, "plain", base64Error(errors.New("plain")).In(lang.Chinese), "another error as it is")
}

// rawSignNone signs text as NONEwithRSA does: no DigestInfo inside.
func rawSignNone(t *testing.T, k *rsa.PrivateKey, text string) string {
	t.Helper()
	s, err := rsa.SignPKCS1v15(nil, k, 0, []byte(text))
	require.NoError(t, err)
	return base64.StdEncoding.EncodeToString(s)
}

// md5Of is MD5(text)'s 16 bytes.
func md5Of(text string) []byte {
	sum := md5.Sum([]byte(text))
	return sum[:]
}

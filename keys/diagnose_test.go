package keys

import (
	"crypto"
	"crypto/md5"
	"crypto/rsa"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// negativeFinding is what the signer of a negative vector did, found with RecoverDigest.
type negativeFinding struct {
	cause  Cause
	hash   crypto.Hash
	digest func(source string) []byte // nil: over no text we can name
}

func sha1Of(text string) []byte   { s := sha1.Sum([]byte(text)); return s[:] }
func sha256Of(text string) []byte { s := sha256.Sum256([]byte(text)); return s[:] }

// negativeFindings covers every negative vector by name, so a new one needs a finding here.
func negativeFindings() map[string]negativeFinding {
	return map[string]negativeFinding{
		"req-changed-after-signing":    {CauseSourceDiffers, crypto.SHA1, nil},
		"req-reserialised-with-spaces": {CauseSourceDiffers, crypto.SHA1, nil},
		"signed-without-md5-step":      {CauseNoMD5Step, crypto.SHA1, sha1Of},
		"signed-with-sha256":           {CauseWrongHash, crypto.SHA256, func(s string) []byte { return sha256Of(MD5Base64(s)) }},
	}
}

func TestNegativeVectors(t *testing.T) {
	v := loadVectors(t)
	findings := negativeFindings()
	require.Len(t, v.Negative, len(findings))
	for _, n := range v.Negative {
		t.Run(n.Name, func(t *testing.T) {
			want, ok := findings[n.Name]
			require.True(t, ok, "no expected finding for this vector")
			orig, source, sign := negativeCase(t, v, n)
			pub := vectorPublicKey(t, orig.MerchantCert)
			require.ErrorIs(t, Verify(pub, source, sign), ErrVerify)

			hash, digest, err := RecoverDigest(pub, sign)
			require.NoError(t, err, "made with the merchant key")
			assert.Equal(t, want.hash, hash)
			if want.digest != nil {
				assert.Equal(t, want.digest(source), digest)
			} else {
				assert.Equal(t, sha1Of(MD5Base64(orig.Sysid+orig.Req+orig.Timestamp)), digest, "the original request's digest")
			}
			d := Diagnose(pub, source, sign)
			assert.Equal(t, want.cause, d.Cause, d.Message)
			assert.Equal(t, want.hash, d.Hash)
			assert.NotEmpty(t, d.Message)
		})
	}
}

func TestRecoverDigestOtherKey(t *testing.T) {
	v := loadVectors(t)
	r := v.Request[0]
	source := r.Sysid + r.Req + r.Timestamp
	sign, err := Sign(vectorPrivateKey(t, "platform-1024.pkcs8.pem"), source)
	require.NoError(t, err)
	pub := vectorPublicKey(t, r.MerchantCert)

	_, _, err = RecoverDigest(pub, sign)
	require.ErrorIs(t, err, ErrNotThisKey)
	assert.Equal(t, CauseOtherKey, Diagnose(pub, source, sign).Cause)
	require.ErrorIs(t, Verify(pub, source, sign), ErrVerify)

	_, _, err = RecoverDigest(pub, v.Request[3].Sign) // a 2048-bit signature
	require.ErrorIs(t, err, ErrNotThisKey)
	assert.Contains(t, err.Error(), "signed with a 2048-bit key?")

	_, _, err = RecoverDigest(pub, "not base64!")
	require.Error(t, err)
	assert.NotErrorIs(t, err, ErrNotThisKey)
}

func TestRecoverDigestValid(t *testing.T) {
	v := loadVectors(t)
	for _, c := range signCases(v) {
		t.Run(c.name, func(t *testing.T) {
			hash, digest, err := RecoverDigest(vectorPublicKey(t, c.cert), c.sign)
			require.NoError(t, err)
			assert.Equal(t, crypto.SHA1, hash)
			assert.Equal(t, sha1Of(MD5Base64(c.source)), digest)
		})
	}
}

// signRaw signs digest (or, with hash 0, raw bytes) with the merchant 1024 key.
func signRaw(t *testing.T, priv *rsa.PrivateKey, hash crypto.Hash, digest []byte) string {
	t.Helper()
	sig, err := rsa.SignPKCS1v15(nil, priv, hash, digest)
	require.NoError(t, err)
	return base64.StdEncoding.EncodeToString(sig)
}

func TestDiagnoseMistakes(t *testing.T) {
	v := loadVectors(t)
	r := v.Request[0]
	source := r.Sysid + r.Req + r.Timestamp
	priv := vectorPrivateKey(t, r.MerchantKey)
	pub := &priv.PublicKey
	md5Sum := md5.Sum([]byte(source))
	md5Hex := hex.EncodeToString(md5Sum[:])
	md5Of := func(s string) []byte { m := md5.Sum([]byte(s)); return m[:] }
	tests := []struct {
		name string
		sign string
		want Cause
		hash crypto.Hash
	}{
		{"php md5() hex", signRaw(t, priv, crypto.SHA1, sha1Of(md5Hex)), CauseNoBase64Step, crypto.SHA1},
		{"raw md5 bytes", signRaw(t, priv, crypto.SHA1, sha1Of(string(md5Sum[:]))), CauseNoBase64Step, crypto.SHA1},
		{"php base64_encode(md5()) of the hex", signRaw(t, priv, crypto.SHA1, sha1Of(base64.StdEncoding.EncodeToString([]byte(md5Hex)))),
			CauseHexMD5Base64, crypto.SHA1},
		{"MD5withRSA over the source", signRaw(t, priv, crypto.MD5, md5Of(source)), CauseWrongHash, crypto.MD5},
		{"SHA256withRSA over the source", signRaw(t, priv, crypto.SHA256, sha256Of(source)), CauseWrongHash, crypto.SHA256},
		{"SHA256withRSA over another text", signRaw(t, priv, crypto.SHA256, sha256Of("x")), CauseWrongHash, crypto.SHA256},
		{"NONEwithRSA", signRaw(t, priv, 0, []byte(MD5Base64(source))), CauseRawRSA, 0},
		{"2048-bit key", v.Request[3].Sign, CauseKeySize, 0},
		{"not base64", "%%%", CauseMalformed, 0},
		{"empty", "", CauseMalformed, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := Diagnose(pub, source, tt.sign)
			assert.Equal(t, tt.want, d.Cause, d.Message)
			assert.Equal(t, tt.hash, d.Hash)
			assert.NotEmpty(t, d.Message)
		})
	}
}

func TestRecoverDigestRawPayload(t *testing.T) {
	priv := vectorPrivateKey(t, "merchant-1024.pkcs1.pem")
	hash, payload, err := RecoverDigest(&priv.PublicKey, signRaw(t, priv, 0, []byte("raw payload")))
	require.NoError(t, err)
	assert.Equal(t, crypto.Hash(0), hash)
	assert.Equal(t, []byte("raw payload"), payload)
}

// TestDiagnoseCharset: a source with Chinese in it hashed as GBK bytes
// (Java's getBytes() without a charset on a Chinese Windows) is named, with
// the UTF-8 fix; an ASCII source, the same bytes in GBK, is valid as ever.
func TestDiagnoseCharset(t *testing.T) {
	v := loadVectors(t)
	r := v.Request[0]
	priv := vectorPrivateKey(t, r.MerchantKey)
	source := r.Sysid + `{"service":"MemberService","method":"setRealName","param":{"name":"张三"}}` + r.Timestamp
	gbk, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(source))
	require.NoError(t, err)
	sum := md5.Sum(gbk)
	d := Diagnose(&priv.PublicKey, source, signRaw(t, priv, crypto.SHA1, sha1Of(base64.StdEncoding.EncodeToString(sum[:]))))
	assert.Equal(t, CauseCharset, d.Cause, d.Message)
	assert.Equal(t, SignedGBK, d.Signed)
	assert.Contains(t, d.Message, `getBytes("UTF-8")`)

	ascii := r.Sysid + r.Req + r.Timestamp
	assert.Equal(t, CauseOK, Diagnose(&priv.PublicKey, ascii, r.Sign).Cause)
	_, ok := gbkBytes(ascii)
	assert.False(t, ok, "no GBK candidate for ASCII")
}

package keys

import (
	"crypto"
	"crypto/md5"
	"encoding/hex"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestDiagnoseSigned: the diagnosis names the text a recognised signature
// was made over, so that tsymock's Chinese diagnosis tells the mistakes
// apart without reading the English Message.
func TestDiagnoseSigned(t *testing.T) {
	v := loadVectors(t)
	r := v.Request[0]
	source := r.Sysid + r.Req + r.Timestamp
	priv := vectorPrivateKey(t, r.MerchantKey)
	md5Sum := md5.Sum([]byte(source))
	for _, tc := range []struct {
		name string
		sign string
		want Signed
	}{
		{"valid", r.Sign, SignedMD5Base64},
		{"the source itself", signRaw(t, priv, crypto.SHA1, sha1Of(source)), SignedSource},
		{"raw md5 bytes", signRaw(t, priv, crypto.SHA1, sha1Of(string(md5Sum[:]))), SignedRawMD5},
		{"php md5() hex", signRaw(t, priv, crypto.SHA1, sha1Of(hex.EncodeToString(md5Sum[:]))), SignedHexMD5},
		{"SHA256withRSA over Base64(MD5)", signRaw(t, priv, crypto.SHA256, sha256Of(MD5Base64(source))), SignedMD5Base64},
		{"another text", signRaw(t, priv, crypto.SHA1, sha1Of(MD5Base64("x"))), ""},
		{"not base64", "%%%", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := Diagnose(&priv.PublicKey, source, tc.sign)
			assert.Equal(t, tc.want, d.Signed, d.Message)
		})
	}
	assert.Equal(t, "SHA256", JavaName(crypto.SHA256))
}

package keys

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSignVectors(t *testing.T) {
	v := loadVectors(t)
	for _, c := range signCases(v) {
		t.Run(c.name, func(t *testing.T) {
			if c.md5Base64 != "" {
				assert.Equal(t, c.md5Base64, MD5Base64(c.source))
			}
			sign, err := Sign(vectorPrivateKey(t, c.key), c.source)
			require.NoError(t, err)
			assert.Equal(t, c.sign, sign, "byte-for-byte as openssl")
			pub := vectorPublicKey(t, c.cert)
			require.NoError(t, Verify(pub, c.source, c.sign))
			assert.Equal(t, CauseOK, Diagnose(pub, c.source, c.sign).Cause)
		})
	}
}

func TestSignLength(t *testing.T) {
	tests := []struct {
		key  string
		want int
	}{
		{"merchant-1024.pkcs1.pem", 172},
		{"merchant-2048.pkcs1.pem", 344},
	}
	for _, tt := range tests {
		t.Run(tt.key, func(t *testing.T) {
			sign, err := Sign(vectorPrivateKey(t, tt.key), "x")
			require.NoError(t, err)
			assert.Len(t, sign, tt.want)
		})
	}
}

func TestVerifyRejects(t *testing.T) {
	v := loadVectors(t)
	r := v.Request[0]
	source := r.Sysid + r.Req + r.Timestamp
	pub := vectorPublicKey(t, r.MerchantCert)
	other := requestByName(t, v, strings.Replace(r.Name, "1024", "2048", 1))
	tests := []struct {
		name, source, sign, reason string
	}{
		{"empty sign", source, "", "empty"},
		{"not base64", source, "***", "Base64"},
		{"plus sent unescaped", source, strings.ReplaceAll(r.Sign, "+", " "), "'+' was probably not URL-encoded"},
		{"truncated", source, r.Sign[:len(r.Sign)-4], "bytes"},
		{"2048-bit sign for a 1024-bit cert", source, other.Sign, "signed with a 2048-bit key?"},
		{"other source", source + " ", r.Sign, "not a signature"},
		{"other timestamp", r.Sysid + r.Req + "2026-11-28 12:00:01", r.Sign, "not a signature"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Verify(pub, tt.source, tt.sign)
			require.ErrorIs(t, err, ErrVerify)
			assert.Contains(t, err.Error(), tt.reason)
			assert.True(t, strings.HasPrefix(err.Error(), "keys: "), err.Error())
		})
	}
}

func TestVerifyAcceptsLineBreaks(t *testing.T) {
	v := loadVectors(t)
	r := v.Request[0]
	wrapped := r.Sign[:76] + "\r\n" + r.Sign[76:152] + "\r\n" + r.Sign[152:]
	require.NoError(t, Verify(vectorPublicKey(t, r.MerchantCert), r.Sysid+r.Req+r.Timestamp, wrapped))
}

func TestSignVerifyNilKeys(t *testing.T) {
	_, err := Sign(nil, "x")
	require.Error(t, err)
	require.ErrorIs(t, Verify(nil, "x", "AAAA"), ErrVerify)
}

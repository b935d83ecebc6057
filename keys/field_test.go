package keys

import (
	"encoding/hex"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/internal/testtool"
)

func TestDecryptVectors(t *testing.T) {
	v := loadVectors(t)
	for _, d := range v.Decrypt {
		t.Run(d.Name, func(t *testing.T) {
			priv := vectorPrivateKey(t, d.PrivateKey)
			for _, text := range []string{d.Hex, strings.ToLower(d.Hex)} {
				got, err := DecryptField(priv, text)
				require.NoError(t, err)
				assert.Equal(t, d.Plaintext, got)
			}
			assert.Equal(t, strings.ToUpper(d.Hex), d.Hex, "vectors are upper-case hex")
		})
	}
}

func TestEncryptFieldRoundTrip(t *testing.T) {
	tests := []struct {
		name, cert, key, plaintext string
		blocks                     int
	}{
		{"empty stays empty", "platform-1024.cer", "platform-1024.pkcs8.pem", "", 0},
		{"identity number", "platform-1024.cer", "platform-1024.pkcs8.pem", "110101199001011234", 1},
		{"chinese", "merchant-2048.cer", "merchant-2048.pkcs8.pem", "张三的银行卡", 1},
		{"exactly one block", "platform-1024.cer", "platform-1024.pkcs8.pem", strings.Repeat("a", 117), 1},
		{"one byte over", "platform-1024.cer", "platform-1024.pkcs8.pem", strings.Repeat("a", 118), 2},
		{"three blocks", "platform-1024.cer", "platform-1024.pkcs8.pem", strings.Repeat("0123456789", 30), 3},
		{"long 2048", "merchant-2048.cer", "merchant-2048.pkcs8.pem", strings.Repeat("x", 500), 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pub := vectorPublicKey(t, tt.cert)
			text, err := EncryptField(pub, tt.plaintext)
			require.NoError(t, err)
			assert.Len(t, text, 2*pub.Size()*tt.blocks)
			assert.Equal(t, strings.ToUpper(text), text)
			got, err := DecryptField(vectorPrivateKey(t, tt.key), text)
			require.NoError(t, err)
			assert.Equal(t, tt.plaintext, got)
		})
	}
}

// TestEncryptFieldOpenSSL decrypts a multi-block field block by block with openssl, an
// independent implementation of PKCS#1 v1.5.
func TestEncryptFieldOpenSSL(t *testing.T) {
	openssl := testtool.Need(t, "apt-get install -y openssl", "openssl")
	pub := vectorPublicKey(t, "platform-1024.cer")
	plaintext := strings.Repeat("6228480402564890018;", 10)
	text, err := EncryptField(pub, plaintext)
	require.NoError(t, err)
	ct, err := hex.DecodeString(text)
	require.NoError(t, err)
	var got []byte
	for i := 0; i < len(ct); i += pub.Size() {
		in := filepath.Join(t.TempDir(), "block")
		require.NoError(t, os.WriteFile(in, ct[i:i+pub.Size()], 0o600))
		out, err := exec.Command(openssl, "pkeyutl", "-decrypt", "-inkey", keyPath("platform-1024.pkcs8.pem"),
			"-pkeyopt", "rsa_padding_mode:pkcs1", "-in", in).Output()
		require.NoError(t, err)
		got = append(got, out...)
	}
	assert.Equal(t, plaintext, string(got))
}

func TestDecryptFieldRejects(t *testing.T) {
	v := loadVectors(t)
	d := v.Decrypt[0] // made for platform-1024
	tests := []struct {
		name, key, text, reason string
	}{
		{"wrong key of the same size", "merchant-1024.pkcs8.pem", d.Hex, "another key"},
		{"wrong key size", "platform-2048.pkcs8.pem", d.Hex, "not whole 256-byte blocks"},
		{"not hex", d.PrivateKey, "ZZ" + d.Hex[2:], "not hex"},
		{"odd length", d.PrivateKey, d.Hex[1:], "not hex"},
		{"truncated", d.PrivateKey, d.Hex[2:], "not whole"},
		{"plaintext sent unencrypted", d.PrivateKey, "110101199001011234", "not whole"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := DecryptField(vectorPrivateKey(t, tt.key), tt.text)
			require.ErrorIs(t, err, ErrDecrypt)
			assert.Empty(t, got)
			assert.Contains(t, err.Error(), tt.reason)
			assert.NotContains(t, err.Error(), d.Plaintext)
		})
	}
}

func TestFieldNilKeys(t *testing.T) {
	_, err := EncryptField(nil, "x")
	require.Error(t, err)
	_, err = DecryptField(nil, "AB")
	require.ErrorIs(t, err, ErrDecrypt)
	got, err := DecryptField(nil, " ")
	require.NoError(t, err)
	assert.Empty(t, got)
}

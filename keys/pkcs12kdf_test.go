package keys

import (
	"encoding/hex"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// unhex decodes hex with optional colons, as openssl kdf prints it.
func unhex(t *testing.T, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(strings.ReplaceAll(s, ":", ""))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestPKCS12KDFKnownAnswers(t *testing.T) {
	// Known answers from OpenSSL 3.0: openssl kdf -keylen N -kdfopt digest:SHA1
	//   -kdfopt hexpass:0031003200330034003500360000 -kdfopt hexsalt:0102030405060708
	//   -kdfopt iter:I -kdfopt id:ID PKCS12KDF
	tests := []struct {
		name       string
		iterations int
		id         byte
		size       int
		want       string
	}{
		{"3DES key", 2048, kdfKey, 24, "F2:30:EE:D5:3E:14:C0:BE:99:5B:F3:D5:02:80:58:5A:DD:02:BD:6D:A7:36:54:33"},
		{"3DES IV", 2048, kdfIV, 8, "2B:E5:C5:0D:39:D8:2A:F0"},
		{"MAC key", 2048, kdfMAC, 20, "CE:70:8C:B8:9B:8B:D2:66:27:9D:CA:BA:3A:F7:DC:E6:29:F3:FA:4A"},
		{"five blocks (carry between blocks)", 1, kdfKey, 100, "64:2D:6F:0A:80:F9:6A:FA:AD:C8:60:3D:A2:B6:90:1A:24:4A:50:3D:" +
			"B6:EE:DF:A5:8C:D0:CC:04:F6:76:86:5F:97:EF:4A:33:46:1E:26:0C:B2:45:C3:02:9D:BB:C8:A2:27:4C:4D:D6:37:A0:2F:10:" +
			"E4:F8:13:20:FB:B2:00:81:62:8A:77:32:9F:23:A3:7F:07:15:2E:C2:67:8E:8E:36:58:23:64:0D:7C:94:D0:6D:0C:CC:B8:8B:" +
			"BF:31:EB:EA:F9:6B:74:DA"},
	}
	password := bmpPassword("123456")
	assert.Equal(t, unhex(t, "0031003200330034003500360000"), password)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := pkcs12KDF(password, unhex(t, "0102030405060708"), tt.iterations, tt.id, tt.size)
			assert.Equal(t, unhex(t, tt.want), got)
		})
	}
}

func TestBMPString(t *testing.T) {
	assert.Equal(t, unhex(t, "0031003900300032"), bmpString("1902"))
	assert.Equal(t, unhex(t, "5f204e09"), bmpString("张三"))
	assert.Equal(t, unhex(t, "0000"), bmpPassword(""))
}

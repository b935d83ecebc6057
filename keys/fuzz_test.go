package keys

import (
	"bytes"
	"encoding/base64"
	"os"
	"strings"
	"testing"
)

// The fuzz targets only require that the parsers never panic; errors are expected.

func FuzzDecryptField(f *testing.F) {
	for _, d := range loadVectors(f).Decrypt {
		if d.PrivateKey == "platform-1024.pkcs8.pem" {
			f.Add(d.Hex)
			f.Add(strings.ToLower(d.Hex) + d.Hex)
		}
	}
	for _, seed := range []string{"", " ", "0", "zz", "00", strings.Repeat("00", 128), strings.Repeat("FF", 128)} {
		f.Add(seed)
	}
	priv := vectorPrivateKey(f, "platform-1024.pkcs8.pem")
	f.Fuzz(func(t *testing.T, hexText string) {
		if _, err := DecryptField(priv, hexText); err != nil && !strings.HasPrefix(err.Error(), "keys: ") {
			t.Fatalf("error without the package prefix: %v", err)
		}
	})
}

// addKeyFileSeeds adds every file of the vectors' key folder as a seed.
func addKeyFileSeeds(f *testing.F) {
	for _, name := range []string{"merchant-1024.pkcs1.pem", "merchant-1024.pkcs8.pem", "merchant-1024.cer",
		"merchant-1024.legacy.pfx", "platform-2048.pkcs8.pem", "platform-2048.cer"} {
		f.Add(readSeed(f, name))
	}
	f.Add([]byte("-----BEGIN PRIVATE KEY-----\nMA==\n-----END PRIVATE KEY-----\n"))
	f.Add([]byte{0x30, 0x80, 0x00, 0x00})
}

func readSeed(f *testing.F, name string) []byte {
	data, err := os.ReadFile(keyPath(name))
	if err != nil {
		f.Fatal(err)
	}
	return data
}

func FuzzParsePrivateKey(f *testing.F) {
	addKeyFileSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		key, err := ParsePrivateKey(data)
		if err == nil && key == nil {
			t.Fatal("nil key without error")
		}
	})
}

func FuzzParseCertificate(f *testing.F) {
	addKeyFileSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		cert, err := ParseCertificate(data)
		if err == nil && cert == nil {
			t.Fatal("nil certificate without error")
		}
		_, _ = ParsePublicKey(data)
	})
}

func FuzzVerify(f *testing.F) {
	v := loadVectors(f)
	r := v.Request[0]
	for _, seed := range []string{r.Sign, v.Request[3].Sign, v.Negative[3].Sign, "", "====", "A", strings.Repeat("/", 172)} {
		f.Add(seed)
	}
	pub := vectorPublicKey(f, r.MerchantCert)
	source := r.Sysid + r.Req + r.Timestamp
	want, err := base64.StdEncoding.DecodeString(r.Sign)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, sign string) {
		if err := Verify(pub, source, sign); err == nil {
			if got, _ := base64.StdEncoding.DecodeString(sign); !bytes.Equal(got, want) {
				t.Fatalf("accepted a signature that is not the vector's: %q", sign)
			}
		}
		_, _, _ = RecoverDigest(pub, sign)
		_ = Diagnose(pub, source, sign)
	})
}

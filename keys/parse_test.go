package keys

import (
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/pem"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// keyNames are the four TESTING key pairs of the vectors.
func keyNames() []string {
	return []string{"merchant-1024", "merchant-2048", "platform-1024", "platform-2048"}
}

// readKeyFile reads a file of the vectors' key folder.
func readKeyFile(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(keyPath(name))
	require.NoError(t, err)
	return data
}

// pemBody returns the DER of the single PEM block in data.
func pemBody(t *testing.T, data []byte) []byte {
	t.Helper()
	b, _ := pem.Decode(data)
	require.NotNil(t, b)
	return b.Bytes
}

// crlf turns LF line ends into CRLF and adds text around, as Windows tools and mails do.
func crlf(data []byte) []byte {
	return []byte("Subject: test\r\n\r\n  " + strings.ReplaceAll(string(data), "\n", "\r\n") + "\r\n \t\r\n")
}

func TestParsePrivateKeyFormats(t *testing.T) {
	for _, name := range keyNames() {
		cert, err := ParseCertificate(readKeyFile(t, name+".cer"))
		require.NoError(t, err)
		pkcs1, pkcs8 := readKeyFile(t, name+".pkcs1.pem"), readKeyFile(t, name+".pkcs8.pem")
		inputs := map[string][]byte{
			"pkcs1 pem":       pkcs1,
			"pkcs8 pem":       pkcs8,
			"pkcs1 pem crlf":  crlf(pkcs1),
			"pkcs8 pem crlf":  crlf(pkcs8),
			"pkcs1 der":       pemBody(t, pkcs1),
			"pkcs8 der":       pemBody(t, pkcs8),
			"pkcs8 bare b64":  []byte(base64.StdEncoding.EncodeToString(pemBody(t, pkcs8)) + "\n"),
			"cert then key":   append(readKeyFile(t, name+".cer"), pkcs8...),
			"indented (yaml)": []byte(strings.ReplaceAll(string(pkcs1), "\n", "\n    ")),
		}
		for kind, data := range inputs {
			t.Run(name+"/"+kind, func(t *testing.T) {
				key, err := ParsePrivateKey(data)
				require.NoError(t, err)
				assert.True(t, key.PublicKey.Equal(cert.PublicKey), "key matches its certificate")
			})
		}
	}
}

func TestParseCertificateFormats(t *testing.T) {
	for _, name := range keyNames() {
		data := readKeyFile(t, name+".cer")
		der := pemBody(t, data)
		inputs := map[string][]byte{
			"pem":               data,
			"pem crlf":          crlf(data),
			"der":               der,
			"der trailing junk": append(append([]byte{}, der...), "\r\n"...),
			"bare b64":          []byte(base64.StdEncoding.EncodeToString(der)),
			"x509 label":        []byte(strings.ReplaceAll(string(data), " CERTIFICATE", " X509 CERTIFICATE")),
		}
		for kind, in := range inputs {
			t.Run(name+"/"+kind, func(t *testing.T) {
				cert, err := ParseCertificate(in)
				require.NoError(t, err)
				assert.Equal(t, name, cert.Subject.CommonName)
				assert.Contains(t, cert.Subject.OrganizationalUnit[0], "TESTING KEY")
				pub, err := ParsePublicKey(in)
				require.NoError(t, err)
				assert.True(t, pub.Equal(cert.PublicKey))
			})
		}
	}
}

func TestParsePublicKeyFormats(t *testing.T) {
	key := vectorPrivateKey(t, "merchant-1024.pkcs8.pem")
	spki, err := x509.MarshalPKIXPublicKey(&key.PublicKey)
	require.NoError(t, err)
	pkcs1 := x509.MarshalPKCS1PublicKey(&key.PublicKey)
	inputs := map[string][]byte{
		"PUBLIC KEY pem":     pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: spki}),
		"RSA PUBLIC KEY pem": pem.EncodeToMemory(&pem.Block{Type: "RSA PUBLIC KEY", Bytes: pkcs1}),
		"spki der":           spki,
		"pkcs1 der":          pkcs1,
		"spki bare b64":      []byte(base64.StdEncoding.EncodeToString(spki)),
	}
	for kind, in := range inputs {
		t.Run(kind, func(t *testing.T) {
			pub, err := ParsePublicKey(in)
			require.NoError(t, err)
			assert.True(t, pub.Equal(&key.PublicKey))
		})
	}
}

func TestParseRejects(t *testing.T) {
	cer := readKeyFile(t, "merchant-1024.cer")
	key := readKeyFile(t, "merchant-1024.pkcs8.pem")
	encrypted := pem.EncodeToMemory(&pem.Block{Type: "ENCRYPTED PRIVATE KEY", Bytes: []byte{0x30, 0}})
	tests := []struct {
		name   string
		parse  func([]byte) error
		data   []byte
		reason string
	}{
		{"private key from a certificate", parsePriv, cer, "certificate, not a private key"},
		{"private key from der certificate", parsePriv, pemBody(t, cer), "certificate, not a private key"},
		{"encrypted private key", parsePriv, encrypted, "encrypted"},
		{"private key from nothing", parsePriv, nil, "empty"},
		{"private key from junk", parsePriv, []byte("hello"), "neither DER nor Base64"},
		{"certificate from a key", parseCert, key, "no CERTIFICATE block"},
		{"certificate from junk", parseCert, []byte{0x30, 0x03, 1, 2}, "neither DER"},
		{"public key from a private key", parsePub, key, "this is a private key"},
		{"public key from der private key", parsePub, pemBody(t, key), "this is a private key"},
		{"broken pem", parseCert, []byte("-----BEGIN CERTIFICATE-----\nAAAA\n"), "no PEM block"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.parse(tt.data)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.reason)
			assert.True(t, strings.HasPrefix(err.Error(), "keys: "), err.Error())
		})
	}
}

func parsePriv(data []byte) error { _, err := ParsePrivateKey(data); return err }
func parseCert(data []byte) error { _, err := ParseCertificate(data); return err }
func parsePub(data []byte) error  { _, err := ParsePublicKey(data); return err }

func TestLoadFiles(t *testing.T) {
	for _, name := range keyNames() {
		pub := vectorPublicKey(t, name+".cer")
		files := []string{name + ".pkcs1.pem", name + ".pkcs8.pem"}
		if strings.HasPrefix(name, "merchant") {
			files = append(files, name+".legacy.pfx", name+".aes.pfx")
		}
		for _, f := range files {
			t.Run(f, func(t *testing.T) {
				key, err := LoadPrivateKeyFile(keyPath(f), "123456")
				require.NoError(t, err)
				assert.True(t, key.PublicKey.Equal(pub), "key matches its certificate")
			})
		}
	}
}

func TestParsePFXVectors(t *testing.T) {
	for _, f := range []string{"merchant-1024.legacy.pfx", "merchant-1024.aes.pfx", "merchant-2048.legacy.pfx", "merchant-2048.aes.pfx"} {
		t.Run(f, func(t *testing.T) {
			data := readKeyFile(t, f)
			key, cert, err := ParsePFX(data, "123456")
			require.NoError(t, err)
			name := strings.SplitN(f, ".", 2)[0]
			assert.Equal(t, name, cert.Subject.CommonName)
			assert.True(t, key.Equal(vectorPrivateKey(t, name+".pkcs8.pem")))

			_, _, err = ParsePFX(data, "654321")
			require.ErrorIs(t, err, ErrPassword)
			_, err = LoadPrivateKeyFile(keyPath(f), "")
			require.ErrorIs(t, err, ErrPassword)
			assert.Contains(t, err.Error(), f)
		})
	}
}

func TestLoadFileErrors(t *testing.T) {
	_, err := LoadPrivateKeyFile(filepath.Join(t.TempDir(), "missing.pem"), "")
	require.ErrorIs(t, err, fs.ErrNotExist)
	_, err = LoadPublicKeyFile(filepath.Join(t.TempDir(), "missing.cer"))
	require.ErrorIs(t, err, fs.ErrNotExist)
	_, err = LoadPublicKeyFile(keyPath("merchant-1024.legacy.pfx"))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "give its certificate")
	_, err = LoadPrivateKeyFile(keyPath("merchant-1024.cer"), "")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "merchant-1024.cer")
	_, _, err = ParsePFX([]byte("not a pfx"), "123456")
	require.Error(t, err)
}

func TestFingerprint(t *testing.T) {
	// Known answers: openssl x509 -pubkey -noout -in X.cer | openssl pkey -pubin -outform DER | sha256sum
	tests := map[string]string{
		"merchant-1024": "SHA256:cbe1476a3f12fe87",
		"merchant-2048": "SHA256:ac79d889486b180e",
		"platform-1024": "SHA256:ff686a7db28b5d7f",
		"platform-2048": "SHA256:406252d7dd25aa64",
	}
	for name, want := range tests {
		t.Run(name, func(t *testing.T) {
			assert.Equal(t, want, Fingerprint(vectorPublicKey(t, name+".cer")))
			assert.Equal(t, want, Fingerprint(&vectorPrivateKey(t, name+".pkcs1.pem").PublicKey))
		})
	}
	assert.Empty(t, Fingerprint(nil))
	assert.Empty(t, Fingerprint(&rsa.PublicKey{}))
}

package keys

import (
	"crypto/rand"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// testAlias is the sysid that merchants' keystores use as alias.
const testAlias = "1902271423530473681"

// testNotBefore is a fixed clock for generated certificates.
func testNotBefore() time.Time {
	return time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC)
}

// generate1024 makes a fresh 1024-bit TESTING key set (fast enough for -race).
func generate1024(t testing.TB) *KeySet {
	t.Helper()
	ks, err := Generate(rand.Reader, 1024, "tsymock-test", testNotBefore())
	require.NoError(t, err)
	return ks
}

func TestGenerate(t *testing.T) {
	ks := generate1024(t)
	c := ks.Cert
	assert.Equal(t, 1024, ks.Key.N.BitLen())
	assert.Equal(t, "tsymock-test", c.Subject.CommonName)
	assert.Equal(t, testNotBefore(), c.NotBefore)
	assert.Equal(t, testNotBefore().AddDate(20, 0, 0), c.NotAfter)
	assert.Positive(t, c.SerialNumber.Sign())
	assert.LessOrEqual(t, c.SerialNumber.BitLen(), 128)
	assert.True(t, ks.Key.PublicKey.Equal(c.PublicKey))
	require.NoError(t, c.CheckSignature(c.SignatureAlgorithm, c.RawTBSCertificate, c.Signature), "self-signed")
}

// writeFile writes data to a new file in dir and returns its path.
func writeFile(t *testing.T, dir, name string, data []byte) string {
	t.Helper()
	path := filepath.Join(dir, name)
	require.NoError(t, os.WriteFile(path, data, 0o600))
	return path
}

func TestGenerateWriteLoadRoundTrip(t *testing.T) {
	ks := generate1024(t)
	dir := t.TempDir()
	pkcs8, err := ks.PKCS8PEM()
	require.NoError(t, err)
	pfx, err := ks.LegacyPFX(testAlias, "123456")
	require.NoError(t, err)
	keyFiles := map[string]string{
		"pkcs8": writeFile(t, dir, "key.pkcs8.pem", pkcs8),
		"pkcs1": writeFile(t, dir, "key.pkcs1.pem", ks.PKCS1PEM()),
		"pfx":   writeFile(t, dir, "key.pfx", pfx),
	}
	pub, err := LoadPublicKeyFile(writeFile(t, dir, "cert.cer", ks.CertPEM()))
	require.NoError(t, err)
	assert.Equal(t, Fingerprint(&ks.Key.PublicKey), Fingerprint(pub))
	for kind, path := range keyFiles {
		t.Run(kind, func(t *testing.T) {
			key, err := LoadPrivateKeyFile(path, "123456")
			require.NoError(t, err)
			assert.True(t, key.Equal(ks.Key))
			sign, err := Sign(key, "source")
			require.NoError(t, err)
			require.NoError(t, Verify(pub, "source", sign))
		})
	}
}

// failingReader fails every read, to show that Generate reports a broken random source.
type failingReader struct{}

func (failingReader) Read([]byte) (int, error) { return 0, errors.New("no entropy") }

func TestGenerateRejects(t *testing.T) {
	tests := []struct {
		name      string
		random    func() *failingReader
		bits      int
		notBefore time.Time
		reason    string
	}{
		{"too small", nil, 512, testNotBefore(), "insecure"},
		{"zero clock", nil, 1024, time.Time{}, "notBefore is zero"},
		{"broken random", func() *failingReader { return &failingReader{} }, 1024, testNotBefore(), "no entropy"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			random := rand.Reader
			if tt.random != nil {
				random = tt.random()
			}
			_, err := Generate(random, tt.bits, "x", tt.notBefore)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.reason)
		})
	}
}

func TestKeySetEmpty(t *testing.T) {
	var ks *KeySet
	_, err := ks.PKCS8PEM()
	require.Error(t, err)
	assert.Nil(t, ks.PKCS1PEM())
	assert.Nil(t, ks.CertPEM())
	_, err = (&KeySet{}).LegacyPFX(testAlias, "123456")
	require.Error(t, err)
}

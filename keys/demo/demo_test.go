package demo_test

import (
	"crypto"
	"io/fs"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/keys"
	"github.com/tsymock/tsymock/keys/demo"
)

// TestFilesAgree: every file of a key pair holds the same key, so that a
// server reading the .cer (MerchantPublicKey) verifies what a merchant signs
// with the .pfx or the .key.pem, and the platform's .cer is the key that
// signs the answers.
func TestFilesAgree(t *testing.T) {
	m, err := demo.Load()
	require.NoError(t, err)
	pub, err := demo.MerchantPublicKey()
	require.NoError(t, err)
	pemKey, err := keys.ParsePrivateKey(readFile(t, demo.MerchantKeyFile))
	require.NoError(t, err)
	platform, err := demo.PlatformKey()
	require.NoError(t, err)
	for _, tc := range []struct {
		name      string
		got, want any
	}{
		{"merchant .cer = the .pfx's key", pub, &m.MerchantKey.PublicKey},
		{"merchant .cer = the .pfx's certificate", pub, m.MerchantCert.PublicKey},
		{"merchant .cer = the .key.pem", pub, &pemKey.PublicKey},
		{"platform .cer = the platform .key.pem", m.PlatformCert.PublicKey, &platform.PublicKey},
		{"Load's platform key = PlatformKey", &m.PlatformKey.PublicKey, &platform.PublicKey},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.True(t, tc.want.(interface{ Equal(crypto.PublicKey) bool }).Equal(tc.got), "the keys differ")
		})
	}
}

func readFile(t *testing.T, name string) []byte {
	t.Helper()
	b, err := fs.ReadFile(demo.Files(), name)
	require.NoError(t, err)
	return b
}

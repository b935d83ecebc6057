package keys

import (
	"crypto/rsa"
	"os/exec"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"software.sslmate.com/src/go-pkcs12"

	"github.com/tsymock/tsymock/internal/testtool"
)

func TestLegacyPFXGoPKCS12(t *testing.T) {
	ks := generate1024(t)
	for _, alias := range []string{testAlias, "测试商户 №1"} {
		t.Run(alias, func(t *testing.T) {
			pfx, err := ks.LegacyPFX(alias, "123456")
			require.NoError(t, err)
			key, cert, err := pkcs12.Decode(pfx, "123456")
			require.NoError(t, err)
			priv, ok := key.(*rsa.PrivateKey)
			require.True(t, ok, "%T", key)
			// Equal compares the key; assert.Equal would also compare crypto/rsa's
			// precomputation, which is not the key and not always built alike (a flaky test).
			assert.True(t, priv.Equal(ks.Key), "the key read back is the one written")
			assert.Equal(t, ks.Cert.Raw, cert.Raw)

			// ToPEM is go-pkcs12's only reader of bag attributes; its deprecation is about the
			// key blocks it makes, and only the attribute headers are read here.
			//lint:ignore SA1019 the one go-pkcs12 API that shows friendlyName and localKeyId
			blocks, err := pkcs12.ToPEM(pfx, "123456")
			require.NoError(t, err)
			require.Len(t, blocks, 2)
			for _, b := range blocks {
				assert.Equal(t, alias, b.Headers["friendlyName"], b.Type)
			}
			assert.Equal(t, blocks[0].Headers["localKeyId"], blocks[1].Headers["localKeyId"])
			assert.NotEmpty(t, blocks[0].Headers["localKeyId"])

			_, _, err = ParsePFX(pfx, "wrong")
			require.ErrorIs(t, err, ErrPassword)
		})
	}
}

func TestLegacyPFXEmptyPassword(t *testing.T) {
	ks := generate1024(t)
	pfx, err := ks.LegacyPFX(testAlias, "")
	require.NoError(t, err)
	key, _, err := ParsePFX(pfx, "")
	require.NoError(t, err)
	assert.True(t, key.Equal(ks.Key))
	_, err = ks.LegacyPFX("", "123456")
	require.Error(t, err)
}

// TestLegacyPFXOpenSSL reads the file with OpenSSL 3 without its legacy provider: the
// algorithms must be 3DES and SHA-1 and both bags must carry the alias. The key is written
// encrypted (-passout) so that no private key ever reaches the test output.
func TestLegacyPFXOpenSSL(t *testing.T) {
	openssl := testtool.Need(t, "apt-get install -y openssl", "openssl")
	ks := generate1024(t)
	pfx, err := ks.LegacyPFX(testAlias, "123456")
	require.NoError(t, err)
	path := writeFile(t, t.TempDir(), "merchant.pfx", pfx)

	info, err := exec.Command(openssl, "pkcs12", "-info", "-nokeys", "-passin", "pass:123456", "-in", path).CombinedOutput()
	require.NoError(t, err, string(info))
	for _, want := range []string{
		"MAC: sha1, Iteration 2048",
		"PKCS7 Encrypted data: pbeWithSHA1And3-KeyTripleDES-CBC, Iteration 2048",
		"Shrouded Keybag: pbeWithSHA1And3-KeyTripleDES-CBC, Iteration 2048",
		"friendlyName: " + testAlias,
		"CN = tsymock-test",
	} {
		assert.Contains(t, string(info), want)
	}

	keyOut, err := exec.Command(openssl, "pkcs12", "-nocerts", "-passin", "pass:123456", "-passout", "pass:x", "-in", path).Output()
	require.NoError(t, err)
	attrs := bagAttributeLines(string(keyOut))
	require.Len(t, attrs, 2)
	assert.Contains(t, attrs, "friendlyName: "+testAlias, "the key bag carries the alias")
	for _, line := range attrs {
		assert.Contains(t, string(info), line, "the certificate bag has the same attribute")
	}

	_, err = exec.Command(openssl, "pkcs12", "-info", "-nokeys", "-passin", "pass:wrong", "-in", path).CombinedOutput()
	require.Error(t, err, "openssl checks the MAC")
}

// bagAttributeLines keeps the attribute lines of openssl's output and drops any key material.
func bagAttributeLines(out string) []string {
	var lines []string
	for _, l := range strings.Split(out, "\n") {
		l = strings.TrimSpace(l)
		if strings.HasPrefix(l, "friendlyName:") || strings.HasPrefix(l, "localKeyID:") {
			lines = append(lines, l)
		}
	}
	return lines
}

// TestLegacyPFXKeytool checks that Java's keytool (as merchants' JDKs do) finds the key entry
// under the alias. It needs a JDK (keytool) on PATH.
func TestLegacyPFXKeytool(t *testing.T) {
	keytool := testtool.Need(t, "apt-get install -y openjdk-17-jre-headless", "keytool")
	ks := generate1024(t)
	pfx, err := ks.LegacyPFX(testAlias, "123456")
	require.NoError(t, err)
	path := writeFile(t, t.TempDir(), "merchant.pfx", pfx)
	out, err := exec.Command(keytool, "-list", "-v", "-keystore", path, "-storetype", "PKCS12", "-storepass", "123456").CombinedOutput()
	require.NoError(t, err, string(out))
	assert.Contains(t, string(out), "Your keystore contains 1 entry")
	assert.Contains(t, string(out), "Alias name: "+testAlias)
	assert.Contains(t, string(out), "Entry type: PrivateKeyEntry")
}

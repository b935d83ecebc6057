package keys

import (
	"crypto"
	"crypto/rsa"
	"crypto/sha256"
	"os"
	"os/exec"
	"testing"

	"github.com/stretchr/testify/require"
)

// fipsChildEnv marks the child process of TestVerifierUnderFIPS140Only.
const fipsChildEnv = "TSYMOCK_KEYS_FIPS140_CHILD"

// TestVerifierUnderFIPS140Only runs checkFIPS140Only in a child process with
// GODEBUG=fips140=only, which can only be set when a program starts. In that mode crypto/rsa
// refuses SHA-1 and keys below 2048 bits, so the Verifier must hand over to it.
func TestVerifierUnderFIPS140Only(t *testing.T) {
	if os.Getenv(fipsChildEnv) == "1" {
		checkFIPS140Only(t)
		return
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestVerifierUnderFIPS140Only$", "-test.count=1", "-test.v")
	cmd.Env = append(os.Environ(), "GODEBUG=fips140=only", fipsChildEnv+"=1")
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "%s", out)
	require.Contains(t, string(out), "fips140=only checked", "the child must have run the checks")
}

// checkFIPS140Only runs in the child. No MD5 (the scheme's digest) and no signing with SHA-1 or
// a 1024-bit key are allowed there, so the refused cases use signatures that are merely the
// right length: crypto/rsa refuses them for the hash or the key before looking at them.
func checkFIPS140Only(t *testing.T) {
	require.False(t, fastPathAllowed())
	sum := sha256.Sum256([]byte(benchSource))
	for _, name := range []string{"merchant-1024.pkcs8.pem", "platform-2048.pkcs8.pem"} {
		pub := &vectorPrivateKey(t, name).PublicKey
		sig := allFFBytes(pub.Size())
		sig[0] = 0
		require.Error(t, rsa.VerifyPKCS1v15(pub, crypto.SHA1, sum[:20], sig))
		requireSameAnswer(t, NewVerifier(pub), pub, crypto.SHA1, sum[:20], sig)
		requireSameAnswer(t, NewVerifier(pub), pub, crypto.SHA256, sum[:], sig)
	}
	priv := vectorPrivateKey(t, "platform-2048.pkcs8.pem")
	valid, err := rsa.SignPKCS1v15(nil, priv, crypto.SHA256, sum[:])
	require.NoError(t, err)
	requireSameAnswer(t, NewVerifier(&priv.PublicKey), &priv.PublicKey, crypto.SHA256, sum[:], valid)
	require.NoError(t, NewVerifier(&priv.PublicKey).VerifyPKCS1v15(crypto.SHA256, sum[:], valid))
	t.Log("fips140=only checked")
}

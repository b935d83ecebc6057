package keys

import (
	"crypto"
	"crypto/rsa"
	"crypto/sha256"
	"fmt"
	"math/big"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestVerifierAnswersAsVerify: a Verifier accepts every signature vector and answers every
// negative vector and mangled sign with the error text of Verify.
func TestVerifierAnswersAsVerify(t *testing.T) {
	v := loadVectors(t)
	for _, c := range signCases(v) {
		t.Run(c.name, func(t *testing.T) {
			pub := vectorPublicKey(t, c.cert)
			verifier := NewVerifier(pub)
			require.NoError(t, verifier.Verify(c.source, c.sign))
			for _, sign := range mangledSigns(c.sign) {
				want := Verify(pub, c.source, sign)
				require.ErrorIs(t, want, ErrVerify, "%q", sign)
				require.Equal(t, want.Error(), verifier.Verify(c.source, sign).Error(), "%q", sign)
			}
			require.ErrorIs(t, verifier.Verify(c.source+" ", c.sign), ErrVerify)
		})
	}
	for _, n := range v.Negative {
		t.Run("negative/"+n.Name, func(t *testing.T) {
			orig, source, sign := negativeCase(t, v, n)
			pub := vectorPublicKey(t, orig.MerchantCert)
			assert.Equal(t, fmt.Sprint(Verify(pub, source, sign)), fmt.Sprint(NewVerifier(pub).Verify(source, sign)))
		})
	}
}

// mangledSigns are the ways a sign arrives broken: truncated, doubled, with a '+' turned into
// a space, in the URL-safe alphabet, without padding, with one character changed, empty.
func mangledSigns(sign string) []string {
	swapped := []byte(sign)
	swapped[len(swapped)/2] ^= 0x01
	return []string{
		sign[:len(sign)-4], sign + sign, strings.ReplaceAll(sign, "+", " "),
		strings.NewReplacer("+", "-", "/", "_").Replace(sign), strings.TrimRight(sign, "="), string(swapped), "", "====",
	}
}

// TestVerifierKeepsItsKey: a Verifier is not changed by changes to the key it was made from.
func TestVerifierKeepsItsKey(t *testing.T) {
	priv := vectorPrivateKey(t, "merchant-1024.pkcs8.pem")
	pub := &rsa.PublicKey{N: new(big.Int).Set(priv.N), E: priv.E}
	v := NewVerifier(pub)
	sign, err := Sign(priv, benchSource)
	require.NoError(t, err)
	pub.N.Add(pub.N, big.NewInt(2))
	pub.E = 3
	require.NoError(t, v.Verify(benchSource, sign))
	require.ErrorIs(t, Verify(pub, benchSource, sign), ErrVerify)
}

func TestVerifierNilKey(t *testing.T) {
	for name, pub := range map[string]*rsa.PublicKey{"nil": nil, "no modulus": {E: 65537}} {
		t.Run(name, func(t *testing.T) {
			v := NewVerifier(pub)
			err := v.Verify("x", "AAAA")
			require.ErrorIs(t, err, ErrVerify)
			assert.Contains(t, err.Error(), "no public key")
			require.ErrorIs(t, v.VerifyPKCS1v15(crypto.SHA1, make([]byte, 20), make([]byte, 128)), errNoKey)
		})
	}
}

// TestVerifierPKCS1v15: the raw verification takes any hash crypto/rsa takes and answers
// rsa.ErrVerification for a signature that does not check.
func TestVerifierPKCS1v15(t *testing.T) {
	priv := vectorPrivateKey(t, "platform-2048.pkcs8.pem")
	v := NewVerifier(&priv.PublicKey)
	sum := sha256.Sum256([]byte(benchSource))
	tests := []struct {
		name   string
		hash   crypto.Hash
		hashed []byte
	}{
		{"SHA-1 scheme digest", crypto.SHA1, signedDigest(benchSource)},
		{"SHA-256", crypto.SHA256, sum[:]},
		{"raw, no DigestInfo", 0, sum[:20]},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sig, err := rsa.SignPKCS1v15(nil, priv, tt.hash, tt.hashed)
			require.NoError(t, err)
			require.NoError(t, v.VerifyPKCS1v15(tt.hash, tt.hashed, sig))
			sig[len(sig)-1] ^= 1
			require.ErrorIs(t, v.VerifyPKCS1v15(tt.hash, tt.hashed, sig), rsa.ErrVerification)
		})
	}
}

package keys

import (
	"crypto"
	"crypto/rsa"
	"fmt"
	"testing"
)

// verifyCryptoRSA is Verify as it was before the Verifier, word for word: crypto/rsa on every
// call, which rebuilds the key's modulus precomputation each time. It is the baseline of the
// benchmarks and the reference of TestVerifierVerifyMatchesOldVerify.
func verifyCryptoRSA(pub *rsa.PublicKey, source, sign string) error {
	sig, _, err := decodeSign(pub, sign)
	if err != nil {
		return fmt.Errorf("%w: %w", ErrVerify, err)
	}
	if err := rsa.VerifyPKCS1v15(pub, crypto.SHA1, signedDigest(source), sig); err != nil {
		return fmt.Errorf("%w: not a signature of this source under this key", ErrVerify)
	}
	return nil
}

func BenchmarkVerify1024(b *testing.B) { benchVerifyPaths(b, 1024) }

func BenchmarkVerify2048(b *testing.B) { benchVerifyPaths(b, 2048) }

// benchVerifyPaths compares the old path (crypto/rsa), Verify (the fast path with the key's
// constants computed on each call) and a Verifier made once (the mock's case).
func benchVerifyPaths(b *testing.B, bits int) {
	priv := vectorPrivateKey(b, fmt.Sprintf("merchant-%d.pkcs8.pem", bits))
	pub := &priv.PublicKey
	sign, err := Sign(priv, benchSource)
	if err != nil {
		b.Fatal(err)
	}
	v := NewVerifier(pub)
	paths := []struct {
		name   string
		verify func() error
	}{
		{"crypto-rsa", func() error { return verifyCryptoRSA(pub, benchSource, sign) }},
		{"Verify", func() error { return Verify(pub, benchSource, sign) }},
		{"Verifier", func() error { return v.Verify(benchSource, sign) }},
	}
	for _, p := range paths {
		b.Run(p.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := p.verify(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

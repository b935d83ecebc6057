package keys

import (
	"crypto"
	"crypto/rsa"
	"errors"
	"fmt"
	"math/big"
)

// Verifier verifies signatures under one RSA public key, keeping the per-key precomputation
// (the modulus' Montgomery constants) that rsa.VerifyPKCS1v15 redoes on every call, about a
// third of its cost. Build one per key and reuse it: it verifies in about three quarters of the
// time of crypto/rsa, without its allocations (see BenchmarkVerify2048).
//
// It accepts and rejects exactly what crypto/rsa does: keys, hashes or modes the fast path does
// not handle (keys below 1024 or above 4096 bits, exponents that are even or above 2^31-1,
// hashes other than SHA-1 and SHA-256, GODEBUG=fips140=only, BoringCrypto) are verified by
// crypto/rsa itself.
//
// A Verifier keeps a copy of the key, so changing the key afterwards does not change the
// Verifier. It is safe for concurrent use.
type Verifier struct {
	pub  *rsa.PublicKey // the copy; nil for a nil key
	mont *montKey       // nil when crypto/rsa verifies
}

// NewVerifier makes the Verifier of pub. A nil key, or one without a modulus, gives a Verifier
// whose every verification fails, as [Verify] does for such a key.
func NewVerifier(pub *rsa.PublicKey) *Verifier {
	return verifierOf(copyKey(pub))
}

// verifierOf makes the Verifier of pub without copying it, for a Verifier that does not
// outlive the call that makes it (as in [Verify]).
func verifierOf(pub *rsa.PublicKey) *Verifier {
	if pub == nil {
		return &Verifier{}
	}
	return &Verifier{pub: pub, mont: newMontKey(pub)}
}

// copyKey returns a copy of pub that shares nothing with it.
func copyKey(pub *rsa.PublicKey) *rsa.PublicKey {
	if pub == nil {
		return nil
	}
	cp := &rsa.PublicKey{E: pub.E}
	if pub.N != nil {
		cp.N = new(big.Int).Set(pub.N)
	}
	return cp
}

// Verify checks that sign is a valid signature of source, with the semantics and the errors of
// [Verify]: every error wraps [ErrVerify].
func (v *Verifier) Verify(source, sign string) error {
	sig, _, err := decodeSign(v.pub, sign)
	if err != nil {
		return fmt.Errorf("%w: %w", ErrVerify, err)
	}
	if err := v.VerifyPKCS1v15(crypto.SHA1, signedDigest(source), sig); err != nil {
		return fmt.Errorf("%w: not a signature of this source under this key", ErrVerify)
	}
	return nil
}

// errNoKey answers a verification with a Verifier of no key, where crypto/rsa would panic.
var errNoKey = errors.New("keys: verify: no public key")

// VerifyPKCS1v15 is rsa.VerifyPKCS1v15(pub, hash, hashed, sig) for the Verifier's key: it
// accepts exactly the same signatures, and it returns rsa.ErrVerification where crypto/rsa does.
func (v *Verifier) VerifyPKCS1v15(hash crypto.Hash, hashed, sig []byte) error {
	if v.pub == nil {
		return errNoKey
	}
	prefix, ok := digestInfoPrefix(hash)
	if v.mont == nil || !ok || len(hashed) != hash.Size() || !fastPathAllowed() {
		return rsa.VerifyPKCS1v15(v.pub, hash, hashed, sig)
	}
	return v.mont.verifyPKCS1v15(prefix, hashed, sig)
}

package keys

import (
	"crypto"
	"crypto/rsa"
	"errors"
	"math/big"
)

// Verifier verifies signatures under one RSA public key with crypto/rsa. It holds its own copy
// of the key, so changing the key afterwards does not change what it accepts, and it is a
// value with an identity: a server can remember verdicts per Verifier and forget them all by
// making a new one when a key is registered again. It computes nothing ahead: a verification
// costs what [Verify] costs. It is safe for concurrent use.
type Verifier struct {
	pub *rsa.PublicKey // the copy; nil for a nil key
}

// NewVerifier makes the Verifier of pub. A nil key, or one without a modulus, gives a Verifier
// whose every verification fails, as [Verify] does for such a key.
func NewVerifier(pub *rsa.PublicKey) *Verifier {
	return &Verifier{pub: copyKey(pub)}
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
	return Verify(v.pub, source, sign)
}

// errNoKey answers a verification with a Verifier of no key, where crypto/rsa would panic.
var errNoKey = errors.New("keys: verify: no public key")

// VerifyPKCS1v15 is rsa.VerifyPKCS1v15(pub, hash, hashed, sig) for the Verifier's key, except
// that a Verifier of no key answers with an error where crypto/rsa would panic.
func (v *Verifier) VerifyPKCS1v15(hash crypto.Hash, hashed, sig []byte) error {
	if v.pub == nil || v.pub.N == nil {
		return errNoKey
	}
	return rsa.VerifyPKCS1v15(v.pub, hash, hashed, sig)
}

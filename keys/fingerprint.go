package keys

import (
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
)

// Fingerprint names a key in logs and error messages without revealing it: "SHA256:" and the
// first 16 hex characters of SHA-256 over the DER SubjectPublicKeyInfo (the same digest as
// `openssl x509 -pubkey -noout | openssl pkey -pubin -outform DER | sha256sum`). It is "" for
// a nil or malformed key.
func Fingerprint(pub *rsa.PublicKey) string {
	if pub == nil || pub.N == nil {
		return ""
	}
	der, err := x509.MarshalPKIXPublicKey(pub)
	if err != nil {
		return ""
	}
	sum := sha256.Sum256(der)
	return "SHA256:" + hex.EncodeToString(sum[:])[:16]
}

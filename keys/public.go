package keys

import (
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"encoding/pem"
	"errors"
	"fmt"
	"strings"
)

// ParsePublicKey parses an RSA public key from a certificate (PEM or DER, as
// [ParseCertificate]) or from a PEM "PUBLIC KEY" (SPKI) or "RSA PUBLIC KEY" (PKCS#1) block, or
// their DER. A private key is refused with a hint: give the certificate.
func ParsePublicKey(data []byte) (*rsa.PublicKey, error) {
	blocks := pemBlocks(data)
	if len(blocks) == 0 {
		der, err := derOf(data)
		if err != nil {
			return nil, fmt.Errorf("keys: public key: %w", err)
		}
		return publicKeyFromDER(der)
	}
	for _, b := range blocks {
		if pub, known, err := publicKeyFromBlock(b); known {
			return pub, err
		}
	}
	return nil, fmt.Errorf("keys: public key: no CERTIFICATE or PUBLIC KEY block in PEM (found %s)", blockTypes(blocks))
}

// publicKeyFromBlock parses a PEM block; known is false for a block type it does not know.
func publicKeyFromBlock(b *pem.Block) (pub *rsa.PublicKey, known bool, err error) {
	switch {
	case isCertBlock(b):
		cert, err := certificateFromDER(b.Bytes)
		if err != nil {
			return nil, true, err
		}
		pub, err := rsaPublic(cert.PublicKey)
		return pub, true, err
	case b.Type == "PUBLIC KEY" || b.Type == "RSA PUBLIC KEY":
		pub, err := publicKeyFromDER(b.Bytes)
		return pub, true, err
	case strings.HasSuffix(b.Type, "PRIVATE KEY"):
		return nil, true, errPrivateGiven
	}
	return nil, false, nil
}

// errPrivateGiven answers a private key where a public one was expected.
var errPrivateGiven = errors.New("keys: public key: this is a private key; give the certificate (.cer) instead")

// publicKeyFromDER tries a certificate, an SPKI and a PKCS#1 public key.
func publicKeyFromDER(der []byte) (*rsa.PublicKey, error) {
	if cert, err := x509.ParseCertificate(der); err == nil {
		return rsaPublic(cert.PublicKey)
	}
	if key, err := x509.ParsePKIXPublicKey(der); err == nil {
		return rsaPublic(key)
	}
	if key, err := x509.ParsePKCS1PublicKey(der); err == nil {
		return key, nil
	}
	if _, err := privateKeyFromDER(der); err == nil {
		return nil, errPrivateGiven
	}
	return nil, errors.New("keys: public key: DER that is neither a certificate, an SPKI nor a PKCS#1 public key")
}

func rsaPublic(key any) (*rsa.PublicKey, error) {
	pub, ok := key.(*rsa.PublicKey)
	if !ok {
		return nil, fmt.Errorf("keys: public key: a %T, not an RSA key", key)
	}
	return pub, nil
}

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

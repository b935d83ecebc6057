package keys

import (
	"crypto/rsa"
	"crypto/x509"
	"errors"
	"fmt"

	"software.sslmate.com/src/go-pkcs12"
)

// ParsePFX reads a PKCS#12 (.pfx/.p12) file holding one RSA private key and its certificate, in
// the legacy encryption (3DES or RC2-40, SHA-1 MAC, as Allinpay's own files) or the modern one
// (AES/PBES2). A wrong password gives an error wrapping [ErrPassword]. Further (CA)
// certificates in the file are ignored; the certificate returned is the one of the key.
func ParsePFX(data []byte, password string) (*rsa.PrivateKey, *x509.Certificate, error) {
	key, leaf, chain, err := pkcs12.DecodeChain(data, password)
	if errors.Is(err, pkcs12.ErrIncorrectPassword) {
		return nil, nil, fmt.Errorf("%w (the MAC does not check with this password)", ErrPassword)
	}
	if err != nil {
		return nil, nil, fmt.Errorf("keys: pfx: %w", err)
	}
	priv, ok := key.(*rsa.PrivateKey)
	if !ok {
		return nil, nil, fmt.Errorf("keys: pfx: the key is a %T, not an RSA key", key)
	}
	for _, cert := range append([]*x509.Certificate{leaf}, chain...) {
		if priv.PublicKey.Equal(cert.PublicKey) {
			return priv, cert, nil
		}
	}
	return nil, nil, errors.New("keys: pfx: no certificate in the file matches the private key")
}

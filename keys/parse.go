package keys

import (
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"strings"

	"software.sslmate.com/src/go-pkcs12"
)

// ParsePrivateKey parses an RSA private key: PEM "RSA PRIVATE KEY" (PKCS#1) or "PRIVATE KEY"
// (PKCS#8), with LF or CRLF line ends and text around the block; or DER PKCS#1/PKCS#8, raw or
// as bare Base64. Encrypted PEM is refused with a hint. Error messages never contain key bytes.
func ParsePrivateKey(data []byte) (*rsa.PrivateKey, error) {
	blocks := pemBlocks(data)
	if len(blocks) == 0 {
		der, err := derOf(data)
		if err != nil {
			return nil, fmt.Errorf("keys: private key: %w", err)
		}
		return privateKeyFromDER(der)
	}
	for _, b := range blocks {
		switch {
		case b.Type == "ENCRYPTED PRIVATE KEY" || strings.Contains(b.Headers["Proc-Type"], "ENCRYPTED"):
			return nil, errors.New("keys: private key: the PEM key is encrypted; " +
				"decrypt it first (openssl pkey -in enc.pem -out key.pem) or use the .pfx")
		case b.Type == "RSA PRIVATE KEY" || b.Type == "PRIVATE KEY":
			return privateKeyFromDER(b.Bytes)
		}
	}
	hint := ""
	if isCertBlock(blocks[0]) {
		hint = ": this is a certificate, not a private key"
	}
	return nil, fmt.Errorf("keys: private key: no PRIVATE KEY block in PEM (found %s)%s", blockTypes(blocks), hint)
}

// privateKeyFromDER parses PKCS#1 or PKCS#8 DER, whatever the PEM label said.
func privateKeyFromDER(der []byte) (*rsa.PrivateKey, error) {
	if key, err := x509.ParsePKCS1PrivateKey(der); err == nil {
		return key, nil
	}
	key, err := x509.ParsePKCS8PrivateKey(der)
	if err != nil {
		if _, cerr := x509.ParseCertificate(der); cerr == nil {
			return nil, errors.New("keys: private key: this is a certificate, not a private key")
		}
		return nil, fmt.Errorf("keys: private key: neither PKCS#1 nor PKCS#8: %w", err)
	}
	rsaKey, ok := key.(*rsa.PrivateKey)
	if !ok {
		return nil, fmt.Errorf("keys: private key: a %T, not an RSA key", key)
	}
	return rsaKey, nil
}

// ParseCertificate parses an X.509 certificate: PEM "CERTIFICATE" (the first one; LF or CRLF
// line ends, text around it), DER, or bare Base64 of DER.
func ParseCertificate(data []byte) (*x509.Certificate, error) {
	blocks := pemBlocks(data)
	if len(blocks) == 0 {
		der, err := derOf(data)
		if err != nil {
			return nil, fmt.Errorf("keys: certificate: %w", err)
		}
		return certificateFromDER(der)
	}
	for _, b := range blocks {
		if isCertBlock(b) {
			return certificateFromDER(b.Bytes)
		}
	}
	return nil, fmt.Errorf("keys: certificate: no CERTIFICATE block in PEM (found %s)", blockTypes(blocks))
}

func isCertBlock(b *pem.Block) bool {
	return b.Type == "CERTIFICATE" || b.Type == "X509 CERTIFICATE"
}

func certificateFromDER(der []byte) (*x509.Certificate, error) {
	if first, err := firstElement(der); err == nil {
		der = first // "TRUSTED CERTIFICATE" and some DER files carry bytes after the certificate
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		return nil, fmt.Errorf("keys: certificate: %w", err)
	}
	return cert, nil
}

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

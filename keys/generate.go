package keys

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"math/big"
	"time"
)

// KeySet is a private key with its self-signed certificate: what a merchant or the platform
// holds. Write it with [KeySet.LegacyPFX], [KeySet.PKCS8PEM], [KeySet.PKCS1PEM] and
// [KeySet.CertPEM].
type KeySet struct {
	Key  *rsa.PrivateKey   // the private key; never log it
	Cert *x509.Certificate // its self-signed certificate, which the other side configures
}

// certValidity is how long a generated certificate is valid: long enough for any test setup.
const certValidity = 20

// Generate makes an RSA key of bits bits (at least 1024) and a self-signed certificate for it,
// valid for 20 years from notBefore, with a random 127-bit serial number read from random and a
// subject marked as a testing key. Since Go 1.26 the key itself is always drawn from a secure
// source and random only feeds the serial (use testing/cryptotest.SetGlobalRandom for
// deterministic keys in tests).
func Generate(random io.Reader, bits int, commonName string, notBefore time.Time) (*KeySet, error) {
	if notBefore.IsZero() {
		return nil, errors.New("keys: generate: notBefore is zero (inject a clock)")
	}
	serial, err := rand.Int(random, new(big.Int).Lsh(big.NewInt(1), 127))
	if err != nil {
		return nil, fmt.Errorf("keys: generate: serial number: %w", err)
	}
	key, err := rsa.GenerateKey(random, bits)
	if err != nil {
		return nil, fmt.Errorf("keys: generate: %w", err)
	}
	tmpl := certTemplate(serial.Add(serial, big.NewInt(1)), commonName, notBefore.UTC().Truncate(time.Second))
	der, err := x509.CreateCertificate(random, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return nil, fmt.Errorf("keys: generate: certificate: %w", err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		return nil, fmt.Errorf("keys: generate: certificate: %w", err)
	}
	return &KeySet{Key: key, Cert: cert}, nil
}

// certTemplate describes a self-signed end-entity certificate that signs and encrypts fields.
func certTemplate(serial *big.Int, commonName string, notBefore time.Time) *x509.Certificate {
	return &x509.Certificate{
		SerialNumber: serial,
		Subject: pkix.Name{
			CommonName:         commonName,
			Organization:       []string{"tsymock"},
			OrganizationalUnit: []string{"TESTING KEY - not for production"},
		},
		NotBefore:             notBefore,
		NotAfter:              notBefore.AddDate(certValidity, 0, 0),
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageKeyEncipherment | x509.KeyUsageDataEncipherment,
		BasicConstraintsValid: true,
	}
}

// PKCS8PEM encodes the private key as PEM "PRIVATE KEY" (PKCS#8), the form the Go SDK wants.
func (k *KeySet) PKCS8PEM() ([]byte, error) {
	if k == nil || k.Key == nil {
		return nil, errors.New("keys: pkcs8: no private key")
	}
	der, err := x509.MarshalPKCS8PrivateKey(k.Key)
	if err != nil {
		return nil, fmt.Errorf("keys: pkcs8: %w", err)
	}
	return pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}), nil
}

// PKCS1PEM encodes the private key as PEM "RSA PRIVATE KEY" (PKCS#1), the form PHP's openssl
// functions and older tools read. It is nil when there is no key.
func (k *KeySet) PKCS1PEM() []byte {
	if k == nil || k.Key == nil {
		return nil
	}
	return pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(k.Key)})
}

// CertPEM encodes the certificate as PEM "CERTIFICATE" (a .cer file as Allinpay hands out).
// It is nil when there is no certificate.
func (k *KeySet) CertPEM() []byte {
	if k == nil || k.Cert == nil {
		return nil
	}
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: k.Cert.Raw})
}

package keys

import (
	"crypto/rsa"
	"crypto/x509"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// isPFX reports whether path names a PKCS#12 file by its extension.
func isPFX(path string) bool {
	ext := strings.ToLower(filepath.Ext(path))
	return ext == ".pfx" || ext == ".p12"
}

// LoadPrivateKeyFile loads a private key file: a .pfx/.p12 with its password (see [ParsePFX]),
// otherwise a PEM or DER key (see [ParsePrivateKey]; the password is not used). Errors name
// the file.
func LoadPrivateKeyFile(path, password string) (*rsa.PrivateKey, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("keys: %w", err)
	}
	if isPFX(path) {
		key, _, err := ParsePFX(data, password)
		if err != nil {
			return nil, fmt.Errorf("%w (in %s)", err, path)
		}
		return key, nil
	}
	key, err := ParsePrivateKey(data)
	if err != nil {
		return nil, fmt.Errorf("%w (in %s)", err, path)
	}
	return key, nil
}

// LoadPublicKeyFile loads a certificate or public key file in PEM or DER (see
// [ParsePublicKey]). A .pfx/.p12 is refused: it holds the private key, which the other side
// must not have; export its certificate instead.
func LoadPublicKeyFile(path string) (*rsa.PublicKey, error) {
	if isPFX(path) {
		return nil, fmt.Errorf("keys: %s is a PKCS#12 file with a private key; give its certificate (.cer): "+
			"openssl pkcs12 -in %s -nokeys -out cert.pem", path, filepath.Base(path))
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("keys: %w", err)
	}
	pub, err := ParsePublicKey(data)
	if err != nil {
		return nil, fmt.Errorf("%w (in %s)", err, path)
	}
	return pub, nil
}

// LoadCertificateFile loads an X.509 certificate (.cer) in PEM or DER (see
// [ParseCertificate]). Errors name the file.
func LoadCertificateFile(path string) (*x509.Certificate, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("keys: %w", err)
	}
	cert, err := ParseCertificate(data)
	if err != nil {
		return nil, fmt.Errorf("%w (in %s)", err, path)
	}
	return cert, nil
}

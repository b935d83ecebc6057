package keys

import (
	"crypto/rand"
	"crypto/rsa"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
)

// EncryptField encrypts a sensitive field (PROTOCOL.md §4) for the holder of pub: RSA PKCS#1
// v1.5, upper-case hex. The empty string stays empty (it is sent unencrypted). A plaintext
// longer than one block (k-11 bytes for a k-byte key) is split into blocks of k-11 bytes, each
// encrypted on its own and the ciphertexts concatenated, as the Java SDKs do for long fields.
func EncryptField(pub *rsa.PublicKey, plaintext string) (string, error) {
	if plaintext == "" {
		return "", nil
	}
	if pub == nil || pub.N == nil {
		return "", errors.New("keys: encrypt field: no public key")
	}
	block := pub.Size() - 11
	if block <= 0 {
		return "", fmt.Errorf("keys: encrypt field: a %d-bit key is too small", pub.N.BitLen())
	}
	var out []byte
	for rest := []byte(plaintext); len(rest) > 0; {
		n := min(block, len(rest))
		//lint:ignore SA1019 the protocol encrypts fields with Java's "RSA" (RSA/ECB/PKCS1Padding), spec §3.5, PROTOCOL.md §4
		ct, err := rsa.EncryptPKCS1v15(rand.Reader, pub, rest[:n])
		if err != nil {
			return "", fmt.Errorf("keys: encrypt field: %w", err)
		}
		out, rest = append(out, ct...), rest[n:]
	}
	return strings.ToUpper(hex.EncodeToString(out)), nil
}

// DecryptField decrypts a field made by [EncryptField] or a merchant SDK: hex in either case
// (surrounding white space is ignored), one or more blocks of k bytes each. The empty string
// stays empty. Every error wraps [ErrDecrypt] and never includes plaintext.
func DecryptField(priv *rsa.PrivateKey, hexText string) (string, error) {
	hexText = strings.TrimSpace(hexText)
	if hexText == "" {
		return "", nil
	}
	if priv == nil || priv.N == nil {
		return "", fmt.Errorf("%w: no private key", ErrDecrypt)
	}
	ct, err := hex.DecodeString(hexText)
	if err != nil {
		return "", fmt.Errorf("%w: not hex: %w", ErrDecrypt, err)
	}
	k := priv.Size()
	if len(ct)%k != 0 {
		return "", fmt.Errorf("%w: %d bytes of ciphertext are not whole %d-byte blocks of a %d-bit key (encrypted for another key size?)",
			ErrDecrypt, len(ct), k, priv.N.BitLen())
	}
	var out []byte
	for i := 0; i < len(ct); i += k {
		// Go deprecates it as a padding oracle for whoever chooses the ciphertext: in the mock
		// that exposes only tsymock's own test platform key (a failure answers 20017); the
		// client opens fields of answers whose platform signature it has verified.
		//lint:ignore SA1019 the SDKs encrypt fields with PKCS#1 v1.5 (spec §3.5, PROTOCOL.md §4): there is no other way to read them
		pt, err := rsa.DecryptPKCS1v15(nil, priv, ct[i:i+k])
		if err != nil {
			return "", fmt.Errorf("%w: block %d: encrypted for another key, or not PKCS#1 v1.5: %w", ErrDecrypt, i/k+1, err)
		}
		out = append(out, pt...)
	}
	return string(out), nil
}

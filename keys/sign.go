package keys

import (
	"crypto"
	"crypto/md5"
	"crypto/rsa"
	"crypto/sha1"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
)

// MD5Base64 returns Base64(MD5(UTF8(source))), the 24-character text that the RSA signature
// covers. Go strings are UTF-8 already, so source is hashed as is.
func MD5Base64(source string) string {
	sum := md5.Sum([]byte(source))
	return base64.StdEncoding.EncodeToString(sum[:])
}

// signedDigest is SHA-1 over the MD5Base64 text: the digest inside the PKCS#1 v1.5 signature.
func signedDigest(source string) []byte {
	sum := sha1.Sum([]byte(MD5Base64(source)))
	return sum[:]
}

// Sign signs source with the Tongshangyun scheme and returns the standard, padded Base64 of the
// signature (172 characters for a 1024-bit key, 344 for 2048). PKCS#1 v1.5 signing is
// deterministic, so the same key and source always give the same sign.
func Sign(priv *rsa.PrivateKey, source string) (string, error) {
	if priv == nil {
		return "", errors.New("keys: sign: no private key")
	}
	sig, err := rsa.SignPKCS1v15(nil, priv, crypto.SHA1, signedDigest(source))
	if err != nil {
		return "", fmt.Errorf("keys: sign: %w", err)
	}
	return base64.StdEncoding.EncodeToString(sig), nil
}

// Verify checks that sign is a valid signature of source under pub. Every error wraps
// [ErrVerify]; a sign that is not Base64 or has the wrong length for the key says so.
// Line breaks in sign are ignored (old Java encoders wrap Base64 at 76 characters).
//
// The signature is checked by rsa.VerifyPKCS1v15 (SHA-1 inside, as the scheme prescribes).
func Verify(pub *rsa.PublicKey, source, sign string) error {
	sig, _, err := decodeSign(pub, sign)
	if err != nil {
		return fmt.Errorf("%w: %w", ErrVerify, err)
	}
	if err := rsa.VerifyPKCS1v15(pub, crypto.SHA1, signedDigest(source), sig); err != nil {
		return fmt.Errorf("%w: not a signature of this source under this key", ErrVerify)
	}
	return nil
}

// decodeSign decodes a Base64 sign and checks its length against pub. The error says what is
// wrong, without a package prefix: callers wrap it. wrongLength marks valid Base64 of a
// length that another key size makes.
func decodeSign(pub *rsa.PublicKey, sign string) (sig []byte, wrongLength bool, err error) {
	if pub == nil || pub.N == nil {
		return nil, false, errors.New("no public key")
	}
	if sign == "" {
		return nil, false, errors.New("sign is empty")
	}
	sig, err = base64.StdEncoding.DecodeString(sign)
	if err != nil {
		return nil, false, fmt.Errorf("sign is not standard padded Base64%s: %w", spaceHint(sign), err)
	}
	if len(sig) != pub.Size() {
		return nil, true, fmt.Errorf("sign is %d bytes but a %d-bit key makes %d-byte signatures (signed with a %d-bit key?)",
			len(sig), pub.N.BitLen(), pub.Size(), len(sig)*8)
	}
	return sig, false, nil
}

// spaceHint explains the most common reason for a space in a sign: a '+' sent unescaped in a
// URL, which the server decodes as a space.
func spaceHint(sign string) string {
	if strings.Contains(sign, " ") {
		return " (it contains spaces, so a '+' was probably not URL-encoded)"
	}
	return ""
}

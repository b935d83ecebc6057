package keys

import (
	"bytes"
	"crypto"
	"crypto/rsa"
	"crypto/x509/pkix"
	"encoding/asn1"
	"fmt"
	"math/big"
)

// digestInfo is the PKCS#1 DigestInfo inside a v1.5 signature (RFC 8017 §9.2).
type digestInfo struct {
	Algorithm pkix.AlgorithmIdentifier
	Digest    []byte
}

// hashOIDs maps DigestInfo algorithm identifiers to hashes.
func hashOIDs() map[string]crypto.Hash {
	return map[string]crypto.Hash{
		"1.2.840.113549.2.5":      crypto.MD5,
		"1.3.14.3.2.26":           crypto.SHA1,
		"2.16.840.1.101.3.4.2.4":  crypto.SHA224,
		"2.16.840.1.101.3.4.2.1":  crypto.SHA256,
		"2.16.840.1.101.3.4.2.2":  crypto.SHA384,
		"2.16.840.1.101.3.4.2.3":  crypto.SHA512,
		"2.16.840.1.101.3.4.2.5":  crypto.SHA512_224,
		"2.16.840.1.101.3.4.2.6":  crypto.SHA512_256,
		"2.16.840.1.101.3.4.2.8":  crypto.SHA3_256,
		"2.16.840.1.101.3.4.2.10": crypto.SHA3_512,
	}
}

// RecoverDigest does the raw RSA public operation on sign, checks the PKCS#1 v1.5 type-1
// padding and parses the DigestInfo. It returns the hash the signer used and the digest. When
// the padding is not valid under pub, or sign has the length of another key size (the
// signature was made with another key), the error wraps [ErrNotThisKey]. When the padded payload is not a DigestInfo of a known hash (a raw
// "NONEwithRSA" signature), the hash is 0 and the payload is returned as is.
//
// It is meant for diagnosis, after [Verify] has failed; it is not a verification.
func RecoverDigest(pub *rsa.PublicKey, sign string) (crypto.Hash, []byte, error) {
	sig, wrongLength, err := decodeSign(pub, sign)
	if wrongLength {
		return 0, nil, fmt.Errorf("%w: %w", ErrNotThisKey, err)
	}
	if err != nil {
		return 0, nil, fmt.Errorf("keys: recover digest: %w", err)
	}
	payload, err := unpadType1(rawPublic(pub, sig), pub.Size())
	if err != nil {
		return 0, nil, err
	}
	hash, digest := parseDigestInfo(payload)
	return hash, digest, nil
}

// rawPublic computes sig^e mod n (or nil when sig is not below n or the key is malformed).
func rawPublic(pub *rsa.PublicKey, sig []byte) []byte {
	s := new(big.Int).SetBytes(sig)
	if pub.E < 2 || pub.N.Sign() <= 0 || s.Cmp(pub.N) >= 0 {
		return nil
	}
	m := s.Exp(s, big.NewInt(int64(pub.E)), pub.N)
	return m.FillBytes(make([]byte, pub.Size()))
}

// unpadType1 strips 00 01 FF..FF 00 (at least 8 FF bytes) from an encoded message of k bytes.
func unpadType1(em []byte, k int) ([]byte, error) {
	if len(em) != k || k < 11 || em[0] != 0 || em[1] != 1 {
		return nil, fmt.Errorf("%w: no PKCS#1 v1.5 signature padding", ErrNotThisKey)
	}
	end := bytes.IndexByte(em[2:], 0)
	if end < 8 || !allFF(em[2:2+end]) {
		return nil, fmt.Errorf("%w: broken PKCS#1 v1.5 signature padding", ErrNotThisKey)
	}
	return em[2+end+1:], nil
}

func allFF(b []byte) bool {
	for _, c := range b {
		if c != 0xff {
			return false
		}
	}
	return true
}

// parseDigestInfo returns the hash and digest of a DigestInfo, or (0, payload) when payload is
// not the DigestInfo of a known hash with a digest of that hash's size.
func parseDigestInfo(payload []byte) (crypto.Hash, []byte) {
	var di digestInfo
	rest, err := asn1.Unmarshal(payload, &di)
	if err != nil || len(rest) != 0 {
		return 0, payload
	}
	hash, ok := hashOIDs()[di.Algorithm.Algorithm.String()]
	if !ok || len(di.Digest) != hash.Size() {
		return 0, payload
	}
	return hash, di.Digest
}

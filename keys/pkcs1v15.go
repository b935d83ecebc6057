package keys

import (
	"bytes"
	"crypto"
	"crypto/rsa"
)

// digestInfoPrefix returns the DER prefix of the PKCS#1 v1.5 DigestInfo of the hashes the fast
// path handles (RFC 8017 §9.2 note 1; the same bytes as crypto/rsa). Other hashes go to
// crypto/rsa. The prefixes are constant strings rather than byte slices, so that no call
// allocates.
func digestInfoPrefix(hash crypto.Hash) (string, bool) {
	switch hash {
	case crypto.SHA1:
		return "\x30\x21\x30\x09\x06\x05\x2b\x0e\x03\x02\x1a\x05\x00\x04\x14", true
	case crypto.SHA256:
		return "\x30\x31\x30\x0d\x06\x09\x60\x86\x48\x01\x65\x03\x04\x02\x01\x05\x00\x04\x20", true
	}
	return "", false
}

// verifyPKCS1v15 is rsa.VerifyPKCS1v15 with the precomputed key, for a hash with the DigestInfo
// prefix and a digest of that hash's length. It takes the same steps in the same order (RFC
// 8017 §8.2.2): the signature must be exactly size bytes and, as a number, below n; its e-th
// power must be byte for byte the encoding 00 01 FF..FF 00 || prefix || hashed. Every failure is
// rsa.ErrVerification, as crypto/rsa answers.
func (m *montKey) verifyPKCS1v15(prefix string, hashed, sig []byte) error {
	if len(sig) != m.size {
		return rsa.ErrVerification
	}
	// Stack buffers sized for the largest key keep the verification free of allocations.
	var words [5 * maxFastLimbs]uint64
	limbs := len(m.n)
	s, sR, x, t := words[:limbs], words[limbs:2*limbs], words[2*limbs:3*limbs], words[3*limbs:5*limbs]
	limbsFromBytes(s, sig)
	if !limbsLess(s, m.n) {
		return rsa.ErrVerification
	}
	m.exp(x, s, sR, t)
	var got, want [maxFastBytes]byte
	bytesFromLimbs(got[:m.size], x)
	if !encodeType1(want[:m.size], prefix, hashed) || !bytes.Equal(got[:m.size], want[:m.size]) {
		return rsa.ErrVerification
	}
	return nil
}

// encodeType1 writes the PKCS#1 v1.5 signature encoding of prefix || hashed into em, or reports
// false when em is too short for it (with at least 8 bytes of FF), as crypto/rsa does.
func encodeType1(em []byte, prefix string, hashed []byte) bool {
	k, tLen := len(em), len(prefix)+len(hashed)
	if k < tLen+11 {
		return false
	}
	em[0], em[1] = 0, 1
	for i := 2; i < k-tLen-1; i++ {
		em[i] = 0xff
	}
	em[k-tLen-1] = 0
	copy(em[k-tLen:], prefix)
	copy(em[k-len(hashed):], hashed)
	return true
}

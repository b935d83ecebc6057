package keys

import (
	"bytes"
	"crypto"
	"crypto/rsa"
	"crypto/sha1"
	"crypto/sha256"
	"math/big"
	"testing"
)

// FuzzVerifier compares the Verifier with rsa.VerifyPKCS1v15 on arbitrary messages and
// signature bytes. mode picks the key (bit 0: 1024 or 2048 bits), the hash (bit 1: SHA-1 or
// SHA-256) and what sig is (bits 2-3):
//
//	0: the signature as is;
//	1: XORed onto a valid signature of msg, so that no bytes give the valid signature and the
//	   fuzzer explores its neighbourhood, where a wrong power or encoding check would show;
//	2: n minus sig as a number, so that the small inputs give n, n-1, n-2...;
//	3: the signature as is, with msg itself as the digest (of any length).
//
// Seeds are in testdata/fuzz/FuzzVerifier.
func FuzzVerifier(f *testing.F) {
	privs := []*rsa.PrivateKey{vectorPrivateKey(f, "merchant-1024.pkcs8.pem"), vectorPrivateKey(f, "platform-2048.pkcs8.pem")}
	verifiers := []*Verifier{NewVerifier(&privs[0].PublicKey), NewVerifier(&privs[1].PublicKey)}
	f.Fuzz(func(t *testing.T, mode uint8, msg, sig []byte) {
		priv := privs[mode&1]
		hash, hashed := fuzzDigest(mode>>1&1, msg)
		switch mode >> 2 & 3 {
		case 1:
			valid, err := rsa.SignPKCS1v15(nil, priv, hash, hashed)
			if err != nil {
				t.Fatal(err)
			}
			if bytes.Count(sig, []byte{0}) == len(sig) {
				// The harness must reach the accept path, not only agree on rejects.
				if err := verifiers[mode&1].VerifyPKCS1v15(hash, hashed, valid); err != nil {
					t.Fatalf("valid signature rejected: %v", err)
				}
			}
			sig = xorOnto(valid, sig)
		case 2:
			sig = nMinus(priv.N, priv.Size(), sig)
		case 3:
			hashed = msg
		}
		requireSameAnswer(t, verifiers[mode&1], &priv.PublicKey, hash, hashed, sig)
	})
}

// fuzzDigest returns the SHA-1 (which 0) or SHA-256 digest of msg.
func fuzzDigest(which uint8, msg []byte) (crypto.Hash, []byte) {
	if which == 0 {
		sum := sha1.Sum(msg)
		return crypto.SHA1, sum[:]
	}
	sum := sha256.Sum256(msg)
	return crypto.SHA256, sum[:]
}

// xorOnto returns a copy of sig with the bytes of d XORed onto its first bytes.
func xorOnto(sig, d []byte) []byte {
	out := append([]byte(nil), sig...)
	for i := range min(len(out), len(d)) {
		out[i] ^= d[i]
	}
	return out
}

// nMinus returns n - d as k bytes, or d itself when that is negative.
func nMinus(n *big.Int, k int, d []byte) []byte {
	x := new(big.Int).Sub(n, new(big.Int).SetBytes(d))
	if x.Sign() < 0 {
		return d
	}
	return x.FillBytes(make([]byte, k))
}

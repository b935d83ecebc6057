package keys

import (
	"crypto/rsa"
	"math/big"
)

// The fast path covers the key sizes merchants use, up to 4096 bits. Smaller keys are left to
// crypto/rsa because whether it accepts them depends on GODEBUG=rsa1024min; larger keys are
// left to it to bound the verifier's stack buffers.
const (
	minFastBits  = 1024
	maxFastBits  = 4096
	maxFastLimbs = maxFastBits / 64
	maxFastBytes = maxFastBits / 8
)

// montKey is an RSA public key with the Montgomery constants crypto/rsa recomputes on every
// verification (bigmod.NewModulus, about a third of its cost for a 2048-bit key). R is
// 2^(64*len(n)). It is never changed after newMontKey, so it is safe for concurrent use.
type montKey struct {
	n     []uint64 // the modulus
	n0inv uint64   // -n^-1 mod 2^64, for Montgomery reduction
	rr    []uint64 // R^2 mod n, to bring a number into the Montgomery domain
	e     uint32   // the public exponent, odd
	size  int      // the modulus' length in bytes: the length of every signature
}

// newMontKey precomputes the constants of pub, or returns nil when the fast path does not
// apply: the modulus is not positive and odd or has a size outside [minFastBits, maxFastBits],
// or the exponent is not odd and in [3, 2^31-1]. crypto/rsa refuses the even and the too large
// ones with an error of its own; leaving them to it keeps its exact answer.
func newMontKey(pub *rsa.PublicKey) *montKey {
	if !fastKey(pub) {
		return nil
	}
	limbs := (pub.N.BitLen() + 63) / 64
	words := make([]uint64, 2*limbs)
	m := &montKey{n: words[:limbs:limbs], rr: words[limbs:], e: uint32(pub.E), size: pub.Size()}
	limbsFromBig(m.n, pub.N)
	limbsFromBig(m.rr, rSquared(pub.N, limbs))
	m.n0inv = negInverse(m.n[0])
	return m
}

// fastKey reports whether the fast path handles pub.
func fastKey(pub *rsa.PublicKey) bool {
	if pub == nil || pub.N == nil || pub.N.Sign() <= 0 || pub.N.Bit(0) == 0 {
		return false
	}
	if bits := pub.N.BitLen(); bits < minFastBits || bits > maxFastBits {
		return false
	}
	return pub.E >= 3 && pub.E&1 == 1 && pub.E <= 1<<31-1
}

// negInverse returns -x^-1 mod 2^64 for an odd x by Newton's iteration, which doubles the
// number of correct low bits each step: x is its own inverse mod 8 (3 bits), so five steps
// give 96 >= 64.
func negInverse(x uint64) uint64 {
	inv := x
	for range 5 {
		inv *= 2 - x*inv
	}
	return -inv
}

// rSquared returns R^2 mod n for R = 2^(64*limbs). math/big is fine for this one-off division.
func rSquared(n *big.Int, limbs int) *big.Int {
	r := new(big.Int).Lsh(big.NewInt(1), uint(2*64*limbs))
	return r.Mod(r, n)
}

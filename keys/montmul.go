package keys

import "math/bits"

// Montgomery multiplication for the public operation of RSA. The numbers are limbs of m.n's
// length and below m.n; t is scratch of twice that length; z may be x or y. It takes variable
// time, unlike crypto/internal/fips140/bigmod: a verifier only handles public values (the key,
// the signature, the digest), so there is no secret for the timing to leak.

// mul sets z = x*y/R mod n.
func (m *montKey) mul(z, x, y, t []uint64) {
	limbs := len(m.n)
	clear(t)
	for i, yi := range y[:limbs] {
		t[i+limbs] = addMulVVW(t[i:i+limbs], x, yi)
	}
	m.reduce(z, t)
}

// sqr sets z = x*x/R mod n. Its product needs only half the word products of mul's, as each
// x[i]*x[j] with i != j occurs twice: they are summed once, doubled, and the squares x[i]*x[i]
// added (math/big's basicSqr). With the reduction that is 3/4 of a mul, and verifying with
// e = 65537 is 16 squarings and 2 multiplications.
func (m *montKey) sqr(z, x, t []uint64) {
	limbs := len(m.n)
	clear(t)
	for i := 1; i < limbs; i++ {
		t[2*i] = addMulVVW(t[i:2*i], x[:i], x[i])
	}
	var top, c uint64
	for i, xi := range x[:limbs] {
		hi, lo := bits.Mul64(xi, xi)
		w := (*[2]uint64)(t[2*i : 2*i+2])
		w0, w1 := w[0]<<1|top, w[1]<<1|w[0]>>63
		top = w[1] >> 63
		w[0], c = bits.Add64(w0, lo, c)
		w[1], c = bits.Add64(w1, hi, c)
	}
	m.reduce(z, t)
}

// reduce sets z = t/R mod n for t < n*R, destroying t: each step adds the multiple of n that
// clears the lowest remaining word of t. The result t[limbs:] plus the final carry is below
// 2n, so one conditional subtraction reduces it.
func (m *montKey) reduce(z, t []uint64) {
	limbs := len(m.n)
	var carry uint64
	for i := range limbs {
		c := addMulVVW(t[i:i+limbs], m.n, t[i]*m.n0inv)
		t[i+limbs], carry = bits.Add64(t[i+limbs], c, carry)
	}
	hi := t[limbs:]
	if carry == 0 && limbsLess(hi, m.n) {
		copy(z, hi)
		return
	}
	var b uint64
	for i, ni := range m.n {
		z[i], b = bits.Sub64(hi[i], ni, b)
	}
}

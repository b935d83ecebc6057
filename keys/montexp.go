package keys

import "math/bits"

// exp sets x = s^e mod n for s < n, using sR and t as scratch (len(sR) == len(n),
// len(t) == 2*len(n)). It squares and multiplies left to right in the Montgomery domain; the
// exponent's last bit, 1 as e is odd, is applied by multiplying with s itself rather than s*R,
// which also leaves the Montgomery domain: e = 65537 costs 16 squarings and 2 multiplications.
func (m *montKey) exp(x, s, sR, t []uint64) {
	m.mul(sR, s, m.rr, t)
	copy(x, sR)
	for i := bits.Len32(m.e) - 2; i >= 1; i-- {
		m.sqr(x, x, t)
		if m.e>>i&1 == 1 {
			m.mul(x, x, sR, t)
		}
	}
	m.sqr(x, x, t)
	m.mul(x, x, s, t)
}

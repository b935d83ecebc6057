package keys

import (
	"crypto/rand"
	"crypto/rsa"
	"fmt"
	"math/big"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The Montgomery arithmetic is checked against math/big on its own: the PKCS#1 differential
// tests mostly see signatures that are rejected, and a wrong power is rejected too.

// testModuli are odd moduli of every size class the fast path takes, with the top word full,
// nearly empty and partly used, and with the extreme low words 1 and 2^64-1.
func testModuli(t *testing.T) []*big.Int {
	one := big.NewInt(1)
	var out []*big.Int
	for _, bits := range []int{1024, 1025, 1088, 1536, 2047, 2048, 3071, 3072, 4095, 4096} {
		out = append(out, randomOdd(t, bits))
	}
	for _, bits := range []int{1024, 2048, 4096} {
		pow := new(big.Int).Lsh(one, uint(bits))
		out = append(out,
			new(big.Int).Sub(pow, one),                      // all words 2^64-1
			new(big.Int).Add(new(big.Int).Rsh(pow, 1), one)) // 2^(bits-1)+1: low word 1
	}
	return out
}

// testBases are numbers below n: the edges and random ones.
func testBases(t *testing.T, n *big.Int) []*big.Int {
	one := big.NewInt(1)
	out := []*big.Int{big.NewInt(0), one, big.NewInt(2), new(big.Int).Sub(n, one), new(big.Int).Sub(n, big.NewInt(2))}
	for range 4 {
		r, err := rand.Int(rand.Reader, n)
		require.NoError(t, err)
		out = append(out, r)
	}
	return out
}

// limbsOf converts x into limbs of the length of m's modulus.
func limbsOf(m *montKey, x *big.Int) []uint64 {
	z := make([]uint64, len(m.n))
	limbsFromBig(z, x)
	return z
}

func TestMontExpMatchesBig(t *testing.T) {
	for _, n := range testModuli(t) {
		t.Run(fmt.Sprintf("%d-bit/%x", n.BitLen(), n.Bits()[0]), func(t *testing.T) {
			for _, s := range testBases(t, n) {
				e, err := rand.Int(rand.Reader, big.NewInt(1<<31-1))
				require.NoError(t, err)
				for _, e := range []int{3, 5, 65537, 1<<31 - 1, int(e.Int64()) | 1} {
					if e < 3 {
						continue
					}
					m := newMontKey(&rsa.PublicKey{N: n, E: e})
					require.NotNil(t, m)
					x, sR, tmp := make([]uint64, len(m.n)), make([]uint64, len(m.n)), make([]uint64, 2*len(m.n))
					m.exp(x, limbsOf(m, s), sR, tmp)
					want := new(big.Int).Exp(s, big.NewInt(int64(e)), n)
					require.Zero(t, want.Cmp(bigOfLimbs(x)), "s=%x e=%d", s, e)
				}
			}
		})
	}
}

func TestMontMulAndSqrMatchBig(t *testing.T) {
	for _, n := range testModuli(t) {
		m := newMontKey(&rsa.PublicKey{N: n, E: 3})
		require.NotNil(t, m)
		rInv := new(big.Int).ModInverse(new(big.Int).Lsh(big.NewInt(1), uint(64*len(m.n))), n)
		bases := testBases(t, n)
		tmp, z := make([]uint64, 2*len(m.n)), make([]uint64, len(m.n))
		for i, x := range bases {
			y := bases[(i+3)%len(bases)]
			m.mul(z, limbsOf(m, x), limbsOf(m, y), tmp)
			want := new(big.Int).Mul(x, y)
			want.Mul(want, rInv).Mod(want, n)
			require.Zero(t, want.Cmp(bigOfLimbs(z)), "mul %x %x mod %x", x, y, n)
			m.sqr(z, limbsOf(m, x), tmp)
			want.Mul(x, x).Mul(want, rInv).Mod(want, n)
			require.Zero(t, want.Cmp(bigOfLimbs(z)), "sqr %x mod %x", x, n)
		}
	}
}

func TestNegInverse(t *testing.T) {
	for _, x := range []uint64{1, 3, 0xffffffffffffffff, 0x8000000000000001, 0x9e3779b97f4a7c15 | 1} {
		assert.Equal(t, ^uint64(0), x*negInverse(x), "%#x", x)
	}
}

func TestLimbsRoundTrip(t *testing.T) {
	for size := 1; size <= 40; size++ {
		b := make([]byte, size)
		_, err := rand.Read(b)
		require.NoError(t, err)
		z := make([]uint64, (size+7)/8)
		limbsFromBytes(z, b)
		assert.Zero(t, new(big.Int).SetBytes(b).Cmp(bigOfLimbs(z)), "size %d", size)
		fromBig := make([]uint64, len(z))
		limbsFromBig(fromBig, new(big.Int).SetBytes(b))
		assert.Equal(t, z, fromBig, "size %d", size)
		out := make([]byte, size)
		bytesFromLimbs(out, z)
		assert.Equal(t, b, out, "size %d", size)
	}
}

// bigOfLimbs converts limbs with math/big's own shifts, independently of bytesFromLimbs.
func bigOfLimbs(z []uint64) *big.Int {
	x := new(big.Int)
	for i := len(z) - 1; i >= 0; i-- {
		x.Lsh(x, 64).Or(x, new(big.Int).SetUint64(z[i]))
	}
	return x
}

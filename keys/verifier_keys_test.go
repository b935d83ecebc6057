package keys

import (
	"crypto/rand"
	"crypto/rsa"
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// testKey is a key of the differential tests; priv is nil when only the public key is known.
type testKey struct {
	name string
	priv *rsa.PrivateKey
	pub  *rsa.PublicKey
}

func keyOf(name string, priv *rsa.PrivateKey) testKey {
	return testKey{name: name, priv: priv, pub: &priv.PublicKey}
}

// bundledKeys are the TEST ONLY keys of the vectors and of keys/demo.
func bundledKeys(t testing.TB) []testKey {
	t.Helper()
	var out []testKey
	for _, name := range []string{"merchant-1024", "merchant-2048", "platform-1024", "platform-2048"} {
		out = append(out, keyOf("vectors/"+name, vectorPrivateKey(t, name+".pkcs8.pem")))
	}
	for _, name := range []string{"TEST-ONLY-platform.key.pem", "TEST-ONLY-100000000002.key.pem"} {
		data, err := os.ReadFile(filepath.Join("demo", name))
		require.NoError(t, err)
		priv, err := ParsePrivateKey(data)
		require.NoError(t, err)
		out = append(out, keyOf("demo/"+name, priv))
	}
	return out
}

// generatedKeys are fresh keys of the usual sizes and of sizes that are not a multiple of 64
// bits, so that the top word of the modulus is partly used.
func generatedKeys(t testing.TB) []testKey {
	t.Helper()
	var out []testKey
	for _, bits := range []int{1024, 1025, 1536, 2047, 2048, 3072, 4096} {
		priv, err := rsa.GenerateKey(rand.Reader, bits)
		require.NoError(t, err)
		out = append(out, keyOf(fmt.Sprintf("generated-%d", bits), priv))
	}
	return out
}

// exponentKeys are 1024-bit keys with public exponents other than 65537 that the fast path
// handles: the smallest, a small one, and the largest crypto/rsa accepts.
func exponentKeys(t testing.TB) []testKey {
	t.Helper()
	var out []testKey
	for _, e := range []int{3, 17, 1<<31 - 1} {
		out = append(out, keyOf(fmt.Sprintf("e=%d", e), keyWithExponent(t, 1024, e)))
	}
	return out
}

// keyWithExponent makes an RSA key of the given size and public exponent from two primes p, q
// with e coprime to p-1 and q-1, and d = e^-1 mod (p-1)(q-1).
func keyWithExponent(t testing.TB, bits, e int) *rsa.PrivateKey {
	t.Helper()
	one, bigE := big.NewInt(1), big.NewInt(int64(e))
	for {
		p, err := rand.Prime(rand.Reader, bits/2)
		require.NoError(t, err)
		q, err := rand.Prime(rand.Reader, bits-bits/2)
		require.NoError(t, err)
		n := new(big.Int).Mul(p, q)
		phi := new(big.Int).Mul(new(big.Int).Sub(p, one), new(big.Int).Sub(q, one))
		d := new(big.Int).ModInverse(bigE, phi)
		if p.Cmp(q) == 0 || n.BitLen() != bits || d == nil {
			continue
		}
		priv := &rsa.PrivateKey{PublicKey: rsa.PublicKey{N: n, E: e}, D: d, Primes: []*big.Int{p, q}}
		require.NoError(t, priv.Validate())
		priv.Precompute()
		return priv
	}
}

// randomOdd returns a random odd number of exactly bits bits: a modulus for the arithmetic
// tests, which need no factorisation.
func randomOdd(t testing.TB, bits int) *big.Int {
	t.Helper()
	n, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), uint(bits-1)))
	require.NoError(t, err)
	return n.SetBit(n, bits-1, 1).SetBit(n, 0, 1)
}

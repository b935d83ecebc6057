package keys

import (
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha1"
	"crypto/sha256"
	"fmt"
	"math/big"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// requireSameAnswer checks that the Verifier answers as rsa.VerifyPKCS1v15: the same accept
// or reject, and the same error text.
func requireSameAnswer(t testing.TB, v *Verifier, pub *rsa.PublicKey, hash crypto.Hash, hashed, sig []byte) {
	t.Helper()
	want := rsa.VerifyPKCS1v15(pub, hash, hashed, sig)
	got := v.VerifyPKCS1v15(hash, hashed, sig)
	require.Equal(t, fmt.Sprint(want), fmt.Sprint(got), "hash %v, %d-byte digest, sig %x", hash, len(hashed), sig)
}

// digests are a SHA-1 and a SHA-256 digest of msg, and digests of the wrong length.
func digests(msg []byte) []struct {
	hash   crypto.Hash
	hashed []byte
} {
	s1, s256 := sha1.Sum(msg), sha256.Sum256(msg)
	return []struct {
		hash   crypto.Hash
		hashed []byte
	}{{crypto.SHA1, s1[:]}, {crypto.SHA256, s256[:]}, {crypto.SHA1, s256[:]}, {crypto.SHA256, s1[:]}, {crypto.SHA1, nil}}
}

// invalidSignatures derives from a valid signature (nil when unknown) the signatures a
// verifier must reject, and those where a careless one slips: every one of a few bit flips,
// the signature plus n (the same residue, but not below n), n-1, n, 0, 1, all-FF, the wrong
// lengths, and random bytes.
func invalidSignatures(t testing.TB, pub *rsa.PublicKey, valid []byte) [][]byte {
	t.Helper()
	k := pub.Size()
	n := pub.N
	var out [][]byte
	if valid != nil {
		for _, bit := range []int{0, 7, 8, 8*k/2 + 3, 8*k - 8, 8*k - 1} {
			flipped := append([]byte(nil), valid...)
			flipped[bit/8] ^= 1 << (bit % 8)
			out = append(out, flipped)
		}
		if plusN := new(big.Int).Add(new(big.Int).SetBytes(valid), n); plusN.BitLen() <= 8*k {
			out = append(out, plusN.FillBytes(make([]byte, k)))
		}
		out = append(out, valid[:k-1], append(append([]byte(nil), valid...), 0), append([]byte{0}, valid...))
	}
	one := big.NewInt(1)
	for _, x := range []*big.Int{new(big.Int).Sub(n, one), n, new(big.Int).Add(n, one), big.NewInt(0), one} {
		if x.BitLen() <= 8*k {
			out = append(out, x.FillBytes(make([]byte, k)))
		}
	}
	out = append(out, allFFBytes(k), nil, make([]byte, max(k-1, 0)), make([]byte, k+1))
	for range 4 {
		r := make([]byte, k)
		_, err := rand.Read(r)
		require.NoError(t, err)
		out = append(out, r)
	}
	return out
}

func allFFBytes(k int) []byte {
	b := make([]byte, k)
	for i := range b {
		b[i] = 0xff
	}
	return b
}

// checkKey runs the differential test on one key: for a few messages, the valid SHA-1 and
// SHA-256 signatures and everything invalidSignatures derives from them, each checked against
// every digest of the message (so a valid signature is also tried under the other hash).
func checkKey(t *testing.T, k testKey) {
	v := NewVerifier(k.pub)
	for _, msg := range []string{"", "x", benchSource} {
		ds := digests([]byte(msg))
		var sigs [][]byte
		for _, d := range ds {
			valid := validSignature(t, k, v, d.hash, d.hashed)
			sigs = append(append(sigs, valid), invalidSignatures(t, k.pub, valid)...)
		}
		for _, d := range ds {
			for _, sig := range sigs {
				requireSameAnswer(t, v, k.pub, d.hash, d.hashed, sig)
			}
		}
	}
}

// validSignature signs hashed when the private key is known and the digest has the hash's
// length, checks that the Verifier accepts it, and returns it (else nil).
func validSignature(t *testing.T, k testKey, v *Verifier, hash crypto.Hash, hashed []byte) []byte {
	if k.priv == nil || len(hashed) != hash.Size() {
		return nil
	}
	sig, err := rsa.SignPKCS1v15(nil, k.priv, hash, hashed)
	require.NoError(t, err)
	require.NoError(t, v.VerifyPKCS1v15(hash, hashed, sig), "a valid signature")
	return sig
}

func TestVerifierMatchesCryptoRSA(t *testing.T) {
	keys := append(bundledKeys(t), generatedKeys(t)...)
	keys = append(keys, exponentKeys(t)...)
	for _, k := range keys {
		t.Run(k.name, func(t *testing.T) {
			require.NotNil(t, NewVerifier(k.pub).mont, "the fast path must take this key")
			checkKey(t, k)
		})
	}
}

// TestVerifierFallback covers the keys the fast path leaves to crypto/rsa: the Verifier must
// still answer exactly as crypto/rsa, key errors included.
func TestVerifierFallback(t *testing.T) {
	base := vectorPrivateKey(t, "merchant-2048.pkcs8.pem").PublicKey
	with := func(n *big.Int, e int) *rsa.PublicKey { return &rsa.PublicKey{N: n, E: e} }
	pubs := map[string]*rsa.PublicKey{
		"e=1":            with(base.N, 1),
		"e=2":            with(base.N, 2),
		"e=65536":        with(base.N, 65536),
		"e=-65537":       with(base.N, -65537),
		"e=2^31+1":       with(base.N, 1<<31+1),
		"even modulus":   with(new(big.Int).SetBit(base.N, 0, 0), 65537),
		"negative":       with(new(big.Int).Neg(base.N), 65537),
		"512-bit":        with(randomOdd(t, 512), 65537),
		"1023-bit":       with(randomOdd(t, 1023), 65537),
		"4097-bit":       with(randomOdd(t, 4097), 65537),
		"8192-bit":       with(randomOdd(t, 8192), 65537),
		"zero modulus":   with(new(big.Int), 65537),
		"modulus of one": with(big.NewInt(1), 65537),
	}
	for name, pub := range pubs {
		t.Run(name, func(t *testing.T) {
			v := NewVerifier(pub)
			require.Nil(t, v.mont, "crypto/rsa must verify for this key")
			for _, d := range digests([]byte("x")) {
				for _, sig := range invalidSignatures(t, &rsa.PublicKey{N: new(big.Int).Abs(pub.N), E: pub.E}, nil) {
					requireSameAnswer(t, v, pub, d.hash, d.hashed, sig)
				}
			}
		})
	}
}

// TestVerifierOtherHashes: hashes without a fast-path prefix go to crypto/rsa.
func TestVerifierOtherHashes(t *testing.T) {
	priv := vectorPrivateKey(t, "merchant-1024.pkcs8.pem")
	v := NewVerifier(&priv.PublicKey)
	for _, hash := range []crypto.Hash{crypto.SHA512, crypto.SHA384, crypto.MD5, 0} {
		hashed := make([]byte, 20)
		if hash != 0 {
			hashed = make([]byte, hash.Size())
		}
		sig, err := rsa.SignPKCS1v15(nil, priv, hash, hashed)
		require.NoError(t, err)
		require.NoError(t, v.VerifyPKCS1v15(hash, hashed, sig))
		sig[len(sig)-1] ^= 1
		requireSameAnswer(t, v, &priv.PublicKey, hash, hashed, sig)
	}
}

// TestVerifierKeepsItsKey: a Verifier is not changed by changes to the key it was made from.
func TestVerifierKeepsItsKey(t *testing.T) {
	priv := vectorPrivateKey(t, "merchant-1024.pkcs8.pem")
	pub := &rsa.PublicKey{N: new(big.Int).Set(priv.N), E: priv.E}
	v := NewVerifier(pub)
	sign, err := Sign(priv, benchSource)
	require.NoError(t, err)
	pub.N.Add(pub.N, big.NewInt(2))
	pub.E = 3
	require.NoError(t, v.Verify(benchSource, sign))
	require.ErrorIs(t, Verify(pub, benchSource, sign), ErrVerify)
}

func TestVerifierNilKey(t *testing.T) {
	for _, pub := range []*rsa.PublicKey{nil, {E: 65537}} {
		v := NewVerifier(pub)
		err := v.Verify("x", "AAAA")
		require.ErrorIs(t, err, ErrVerify)
		assert.Contains(t, err.Error(), "no public key")
	}
	require.Error(t, NewVerifier(nil).VerifyPKCS1v15(crypto.SHA1, make([]byte, 20), make([]byte, 128)))
}

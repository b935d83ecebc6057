package keys

import (
	"encoding/binary"
	"math/big"
	"math/bits"
)

// Numbers of the Montgomery arithmetic are little-endian slices of 64-bit words ("limbs"), all
// of the modulus' length. uint64 rather than big.Word keeps the code the same on 32-bit
// platforms, where math/bits still gives the 128-bit products (in software).

// limbsFromBytes sets z to the big-endian number b, which must fit in len(z) words.
func limbsFromBytes(z []uint64, b []byte) {
	clear(z)
	i := 0
	for ; len(b) >= 8; i++ {
		z[i] = binary.BigEndian.Uint64(b[len(b)-8:])
		b = b[:len(b)-8]
	}
	for _, c := range b {
		z[i] = z[i]<<8 | uint64(c)
	}
}

// limbsFromBig sets z to x >= 0, which must fit in len(z) words. It reads x's words directly,
// which is several times as fast as going through bytes; big.Word has 32 or 64 bits.
func limbsFromBig(z []uint64, x *big.Int) {
	clear(z)
	for i, w := range x.Bits() {
		z[i*bits.UintSize/64] |= uint64(w) << (i * bits.UintSize % 64)
	}
}

// bytesFromLimbs writes x big-endian into out, whose length must hold x's value: the words and
// bytes above it are zero.
func bytesFromLimbs(out []byte, x []uint64) {
	i := 0
	for ; len(out) >= 8; i++ {
		binary.BigEndian.PutUint64(out[len(out)-8:], x[i])
		out = out[:len(out)-8]
	}
	if len(out) > 0 {
		w := x[i]
		for j := len(out) - 1; j >= 0; j-- {
			out[j] = byte(w)
			w >>= 8
		}
	}
}

// limbsLess reports whether x < y, for x and y of the same length. It takes variable time,
// which is fine here: everything the verifier computes with is public.
func limbsLess(x, y []uint64) bool {
	for i := len(x) - 1; i >= 0; i-- {
		if x[i] != y[i] {
			return x[i] < y[i]
		}
	}
	return false
}

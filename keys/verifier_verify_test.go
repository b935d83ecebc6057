package keys

import (
	"crypto/rsa"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestVerifierVerifyMatchesOldVerify: Verify and Verifier.Verify answer every vector, negative
// vector and mangled sign with the same error text as Verify before the Verifier.
func TestVerifierVerifyMatchesOldVerify(t *testing.T) {
	v := loadVectors(t)
	type check struct{ cert, source, sign string }
	var checks []check
	for _, c := range signCases(v) {
		checks = append(checks, check{c.cert, c.source, c.sign}, check{c.cert, c.source + " ", c.sign})
		for _, sign := range mangledSigns(c.sign) {
			checks = append(checks, check{c.cert, c.source, sign})
		}
	}
	for _, n := range v.Negative {
		orig, source, sign := negativeCase(t, v, n)
		checks = append(checks, check{orig.MerchantCert, source, sign})
	}
	for _, c := range checks {
		pub := vectorPublicKey(t, c.cert)
		want := fmt.Sprint(verifyCryptoRSA(pub, c.source, c.sign))
		require.Equal(t, want, fmt.Sprint(Verify(pub, c.source, c.sign)), "%s %q", c.cert, c.sign)
		require.Equal(t, want, fmt.Sprint(NewVerifier(pub).Verify(c.source, c.sign)), "%s %q", c.cert, c.sign)
	}
	for _, pub := range []*rsa.PublicKey{nil, {E: 65537}} {
		require.Equal(t, fmt.Sprint(verifyCryptoRSA(pub, "x", "AAAA")), fmt.Sprint(NewVerifier(pub).Verify("x", "AAAA")))
	}
}

// mangledSigns are the ways a sign arrives broken: wrapped, truncated, doubled, with a '+'
// turned into a space, in the URL-safe alphabet, without padding, with one character changed.
func mangledSigns(sign string) []string {
	swapped := []byte(sign)
	swapped[len(swapped)/2] ^= 0x01
	return []string{
		sign[:76] + "\r\n" + sign[76:], sign[:len(sign)-4], sign + sign, strings.ReplaceAll(sign, "+", " "),
		strings.NewReplacer("+", "-", "/", "_").Replace(sign), strings.TrimRight(sign, "="), string(swapped), "", "====",
	}
}

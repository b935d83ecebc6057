package keys

import "crypto/fips140"

// fastPathAllowed reports whether the Montgomery verifier may stand in for crypto/rsa at this
// moment. Under GODEBUG=fips140=only crypto/rsa refuses SHA-1 and keys below 2048 bits, and
// with BoringCrypto it verifies in BoringSSL, which has limits of its own; in both cases
// crypto/rsa verifies so that the answer stays its answer. Enforcement can be lifted for one
// goroutine (fips140.WithoutEnforcement), so this is asked on every call; it is cheap.
func fastPathAllowed() bool {
	return !boringCrypto && !fips140.Enforced()
}

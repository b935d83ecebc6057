//go:build boringcrypto

package keys

// boringCrypto is true when crypto/rsa may verify in BoringSSL (GOEXPERIMENT=boringcrypto).
const boringCrypto = true

// Package keys holds the key material and the cryptography of the Tongshangyun (通商云) API v2.0:
// the request/response signature scheme, the encryption of sensitive fields, loading keys and
// certificates in every format merchants use (PEM PKCS#1/PKCS#8, X.509 .cer in PEM or DER,
// PKCS#12 .pfx in the legacy and the modern encryption), and generating key sets, including a
// legacy .pfx whose alias old JDKs and PHP can find.
//
// The signature scheme (PROTOCOL.md §2) is
//
//	sign = Base64(SHA1withRSA_PKCS1v15(priv, UTF8(Base64(MD5(UTF8(source))))))
//
// where source is sysid+req+timestamp for requests, signedValue for responses and
// sysid+rps+timestamp for notifications and page redirects. Signing, verifying and the field
// encryption are crypto/rsa's; a [Verifier] is one application's key, held as a copy, for a
// server that remembers verdicts per key. When a signature does not verify, [Diagnose] and
// [RecoverDigest] tell what the signer did instead.
//
// The package never logs; callers must not log private keys either: [Fingerprint] gives a
// safe-to-log name for a key.
package keys

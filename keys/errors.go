package keys

import "errors"

// ErrVerify is wrapped by every error of [Verify]: the signature is malformed, was made with
// another key, or over another text. The wrapping error says which of these it was, as far as it
// can be told cheaply; [Diagnose] tells more.
var ErrVerify = errors.New("keys: signature verification failed")

// ErrNotThisKey is returned by [RecoverDigest] when the signature's padding is not valid under
// the given public key, i.e. the signature was made with another private key.
var ErrNotThisKey = errors.New("keys: signature was not made with this key")

// ErrDecrypt is wrapped by every error of [DecryptField]: the text is not hex, has the wrong
// length for the key, or was encrypted for another key.
var ErrDecrypt = errors.New("keys: field does not decrypt")

// ErrPassword is wrapped by [ParsePFX] and [LoadPrivateKeyFile] when the .pfx password is wrong.
var ErrPassword = errors.New("keys: wrong .pfx password")

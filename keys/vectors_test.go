package keys

import (
	"crypto/rsa"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// vectorDir holds the known-answer vectors made with openssl; never edit them.
const vectorDir = "../testdata/vectors"

type requestVector struct {
	Name, MerchantKey, MerchantCert, Sysid, Req, Timestamp, MD5Base64, Sign string
}

type responseVector struct {
	Name, PlatformKey, PlatformCert, SignedValue, MD5Base64, Sign string
}

type notificationVector struct {
	Name, PlatformKey, PlatformCert, Sysid, Rps, Timestamp, Sign string
}

type decryptVector struct {
	Name, Cert, PrivateKey, Plaintext, Hex string
}

type negativeVector struct {
	Name, Vector, Req, Sign string
}

type vectorFile struct {
	Sysid        string
	Request      []requestVector
	Response     []responseVector
	Notification []notificationVector
	Decrypt      []decryptVector
	Negative     []negativeVector
}

// loadVectors reads vectors.json (encoding/json matches the field names case-insensitively).
func loadVectors(t testing.TB) vectorFile {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(vectorDir, "vectors.json"))
	require.NoError(t, err)
	var v vectorFile
	require.NoError(t, json.Unmarshal(data, &v))
	require.NotEmpty(t, v.Request)
	require.NotEmpty(t, v.Response)
	require.NotEmpty(t, v.Notification)
	require.NotEmpty(t, v.Decrypt)
	require.NotEmpty(t, v.Negative)
	return v
}

// keyPath names a file in the vectors' key folder.
func keyPath(name string) string {
	return filepath.Join(vectorDir, "keys", name)
}

// vectorPrivateKey loads a TESTING private key of the vectors.
func vectorPrivateKey(t testing.TB, name string) *rsa.PrivateKey {
	t.Helper()
	key, err := LoadPrivateKeyFile(keyPath(name), "123456")
	require.NoError(t, err)
	return key
}

// vectorPublicKey loads the public key of a certificate of the vectors.
func vectorPublicKey(t testing.TB, name string) *rsa.PublicKey {
	t.Helper()
	pub, err := LoadPublicKeyFile(keyPath(name))
	require.NoError(t, err)
	return pub
}

// signCase is one signature vector, whatever its kind.
type signCase struct {
	name, key, cert, source, md5Base64, sign string
}

// signCases flattens the request, response and notification vectors.
func signCases(v vectorFile) []signCase {
	var cases []signCase
	for _, r := range v.Request {
		cases = append(cases, signCase{"request/" + r.Name, r.MerchantKey, r.MerchantCert, r.Sysid + r.Req + r.Timestamp, r.MD5Base64, r.Sign})
	}
	for _, r := range v.Response {
		cases = append(cases, signCase{"response/" + r.Name, r.PlatformKey, r.PlatformCert, r.SignedValue, r.MD5Base64, r.Sign})
	}
	for _, n := range v.Notification {
		cases = append(cases, signCase{"notification/" + n.Name, n.PlatformKey, n.PlatformCert, n.Sysid + n.Rps + n.Timestamp, "", n.Sign})
	}
	return cases
}

// requestByName finds the request vector a negative vector derives from.
func requestByName(t testing.TB, v vectorFile, name string) requestVector {
	t.Helper()
	for _, r := range v.Request {
		if r.Name == name {
			return r
		}
	}
	require.Failf(t, "unknown request vector", "%q", name)
	return requestVector{}
}

// negativeCase returns the request vector a negative vector derives from, and the source and
// sign of the negative vector: the request's, with its req and sign replaced where it has them.
func negativeCase(t testing.TB, v vectorFile, n negativeVector) (orig requestVector, source, sign string) {
	t.Helper()
	orig = requestByName(t, v, n.Vector)
	req, sign := orig.Req, orig.Sign
	if n.Req != "" {
		req = n.Req
	}
	if n.Sign != "" {
		sign = n.Sign
	}
	return orig, orig.Sysid + req + orig.Timestamp, sign
}

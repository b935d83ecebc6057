package diagnose

import (
	"crypto"
	"crypto/rsa"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/base64"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/keys"
)

const (
	sysid = "1902271423530473681"
	ts    = "2026-11-28 12:00:00"
	// req is shaped as fastjson writes it; its Go encoding/json form differs
	// (the & is escaped), so a re-serialisation is detectable.
	req = `{"method":"createMember","param":{"bizUserId":"a&b/张","memberType":3,"source":1},"service":"MemberService"}`
)

func load(t *testing.T, name string) *rsa.PrivateKey {
	t.Helper()
	k, err := keys.LoadPrivateKeyFile(filepath.Join("..", "..", "testdata", "vectors", "keys", name), "")
	require.NoError(t, err)
	return k
}

func rawSign(t *testing.T, k *rsa.PrivateKey, h crypto.Hash, text string) string {
	t.Helper()
	var digest []byte
	switch h {
	case crypto.SHA1:
		d := sha1.Sum([]byte(text))
		digest = d[:]
	case crypto.SHA256:
		d := sha256.Sum256([]byte(text))
		digest = d[:]
	}
	s, err := rsa.SignPKCS1v15(nil, k, h, digest)
	require.NoError(t, err)
	return base64.StdEncoding.EncodeToString(s)
}

func sign(t *testing.T, k *rsa.PrivateKey, text string) string {
	t.Helper()
	s, err := keys.Sign(k, text)
	require.NoError(t, err)
	return s
}

func TestRun(t *testing.T) {
	merchant := load(t, "merchant-1024.pkcs8.pem")
	platform := load(t, "platform-1024.pkcs8.pem")
	big := load(t, "merchant-2048.pkcs8.pem")
	source := sysid + req + ts
	others := []NamedKey{{Name: "platform private key", Key: &platform.PublicKey}}
	for _, tc := range []struct {
		name, req, sign, want string
		reason                string
	}{
		{"sha256", req, rawSign(t, merchant, crypto.SHA256, keys.MD5Base64(source)), "SHA256withRSA", "wrong-hash"},
		{"no md5 step", req, rawSign(t, merchant, crypto.SHA1, source), "step was skipped", "no-md5-step"},
		{"re-serialised", req, sign(t, merchant, sysid+`{"method":"createMember","param":{"bizUserId":"a\u0026b/张","memberType":3,"source":1},"service":"MemberService"}`+ts), "differently serialised req", "source-differs"},
		{"php form", req, sign(t, merchant, sysid+`{"method":"createMember","param":{"bizUserId":"a&b\/\u5f20","memberType":3,"source":1},"service":"MemberService"}`+ts), "PHP json_encode", "source-differs"},
		{"platform key", req, sign(t, platform, source), "signed with the platform private key", "other-key"},
		{"unknown key", req, sign(t, load(t, "platform-1024.pkcs1.pem"), source), "signed with the platform private key", "other-key"},
		{"no timestamp", req, sign(t, merchant, sysid+req), "timestamp is not in the signed text", "source-differs"},
		{"no sysid", req, sign(t, merchant, req+ts), "sysid is not in the signed text", "source-differs"},
		{"neither", req, sign(t, merchant, req), "neither sysid nor timestamp", "source-differs"},
		{"changed after signing", strings.Replace(req, "a&b", "a&c", 1), sign(t, merchant, source), "the right key signed another text", "source-differs"},
		{"key size", req, sign(t, big, source), "2048-bit key", "key-size"},
		{"missing", req, "", "missing", "missing-sign"},
		{"not base64", req, "%%%", "Base64", "malformed"},
		{"plus sent as space", req, strings.ReplaceAll(sign(t, platform, source), "+", " "), "Base64", "malformed"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := Run(Input{SysID: sysid, Req: tc.req, Timestamp: ts, Sign: tc.sign, Key: &merchant.PublicKey, Others: others})
			assert.Contains(t, r.Cause, tc.want)
			assert.Equal(t, tc.reason, r.Reason)
			assert.Equal(t, keys.MD5Base64(sysid+tc.req+ts), r.MD5Base64)
			assert.Equal(t, keys.Fingerprint(&merchant.PublicKey), r.Fingerprint)
		})
	}
}

func TestRunUnknownKey(t *testing.T) {
	merchant := load(t, "merchant-1024.pkcs8.pem")
	platform := load(t, "platform-1024.pkcs8.pem")
	r := Run(Input{SysID: sysid, Req: req, Timestamp: ts, Sign: sign(t, platform, sysid+req+ts), Key: &merchant.PublicKey})
	assert.Contains(t, r.Cause, "none of the keys tsymock knows")
}

func TestRunNegativeVectors(t *testing.T) {
	merchant := load(t, "merchant-1024.pkcs8.pem")
	fastjson := `{"method":"createMember","param":{"bizUserId":"ceshitiyan","memberType":3,"source":1},"service":"MemberService"}`
	good := "MaNyFAcV4w5VAt3pomHkG0n8KMcKU6iieuiQNc9wsj9zx5psdBJ9yvaeqP9BQBmlxHTLvURgwdDKVEqB/NSm389fNuQ3h1AS1T/XK45pa2VxONxx0Olxo01F62+OhC0Jp3gDL0/tuGNJfh+caA79fJnUCoO0ZtlVyo07zxNTLtI="
	for _, tc := range []struct{ name, req, sign, want string }{
		{"signed-without-md5-step", fastjson, "MEY9/cesREEyWA/FLCmdWY1C29QpzbiaqsIBb5MLo0X8dJo2vulmbSfhiHFtVopY7C8+a2qw2I/dIwxkAd+BVFKZMIHKeXplWpnlNlrrRYdsls9eVKnbJpwZYfdN2aHfTE830FrMN4jcnT8bupDZVbkrdWxGNfBkZocVhjI+2e4=", "step was skipped"},
		{"signed-with-sha256", fastjson, "Z5PVYy1hwB94N8uZu87lLa1NxsnWRlXXwDlOOfCymj6bgXBLgVzDVyqYgxKoXsxAx3WdBUH8+Xiap4mjIldeojBAg7JhcgEAdMnCyn/oSkq2QCYVNIU3L+5M59DbQ95LrJZLPagct7vSdOL14UhU5lN+pUl1cpDmAWmJTWOSKAk=", "SHA256withRSA"},
		{"req-reserialised-with-spaces", `{"method":"createMember", "param":{"bizUserId":"ceshitiyan", "memberType":3, "source":1}, "service":"MemberService"}`, good, "whitespace removed"},
		{"req-changed-after-signing", `{"method":"createMember","param":{"bizUserId":"ceshitiyam","memberType":3,"source":1},"service":"MemberService"}`, good, "the right key signed another text"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := Run(Input{SysID: sysid, Req: tc.req, Timestamp: ts, Sign: tc.sign, Key: &merchant.PublicKey})
			assert.Contains(t, r.Cause, tc.want)
		})
	}
}

package keys_test

import (
	"errors"
	"fmt"
	"log"

	"github.com/tsymock/tsymock/keys"
)

// The example keys are the TESTING keys of the known-answer vectors.
const (
	merchantKey  = "../testdata/vectors/keys/merchant-1024.pkcs8.pem"
	merchantCert = "../testdata/vectors/keys/merchant-1024.cer"
)

// A merchant signs sysid + req + timestamp with its private key.
func ExampleSign() {
	priv, err := keys.LoadPrivateKeyFile(merchantKey, "")
	if err != nil {
		log.Fatal(err)
	}
	sysid, timestamp := "1902271423530473681", "2026-11-28 12:00:00"
	req := `{"method":"createMember","param":{"bizUserId":"ceshitiyan","memberType":3,"source":1},"service":"MemberService"}`
	sign, err := keys.Sign(priv, sysid+req+timestamp)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(keys.MD5Base64(sysid + req + timestamp))
	fmt.Println(sign)
	// Output:
	// r86o6VPetDUIWve2FemxYQ==
	// MaNyFAcV4w5VAt3pomHkG0n8KMcKU6iieuiQNc9wsj9zx5psdBJ9yvaeqP9BQBmlxHTLvURgwdDKVEqB/NSm389fNuQ3h1AS1T/XK45pa2VxONxx0Olxo01F62+OhC0Jp3gDL0/tuGNJfh+caA79fJnUCoO0ZtlVyo07zxNTLtI=
}

// The platform verifies a request with the merchant's certificate, over the exact req received,
// and tells why a bad one failed.
func ExampleVerify() {
	pub, err := keys.LoadPublicKeyFile(merchantCert)
	if err != nil {
		log.Fatal(err)
	}
	source := `1902271423530473681{"method":"createMember","param":{"bizUserId":"ceshitiyan","memberType":3,"source":1},"service":"MemberService"}2026-11-28 12:00:00`
	sign := "MaNyFAcV4w5VAt3pomHkG0n8KMcKU6iieuiQNc9wsj9zx5psdBJ9yvaeqP9BQBmlxHTLvURgwdDKVEqB/NSm389fNuQ3h1AS1T/XK45pa2VxONxx0Olxo01F62+OhC0Jp3gDL0/tuGNJfh+caA79fJnUCoO0ZtlVyo07zxNTLtI="
	fmt.Println(keys.Verify(pub, source, sign))

	reserialised := `1902271423530473681{"method":"createMember", "param":{"bizUserId":"ceshitiyan", "memberType":3, "source":1}, "service":"MemberService"}2026-11-28 12:00:00`
	err = keys.Verify(pub, reserialised, sign)
	fmt.Println(errors.Is(err, keys.ErrVerify), keys.Diagnose(pub, reserialised, sign).Cause)
	// Output:
	// <nil>
	// true source-differs
}

// The platform encrypts a sensitive response field for the merchant, who decrypts it with its
// private key. The ciphertext is random, so only its shape is shown.
func ExampleEncryptField() {
	pub, err := keys.LoadPublicKeyFile(merchantCert)
	if err != nil {
		log.Fatal(err)
	}
	hexText, err := keys.EncryptField(pub, "110101199001011234")
	if err != nil {
		log.Fatal(err)
	}
	priv, err := keys.LoadPrivateKeyFile(merchantKey, "")
	if err != nil {
		log.Fatal(err)
	}
	plaintext, err := keys.DecryptField(priv, hexText)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(len(hexText), plaintext)
	// Output:
	// 256 110101199001011234
}

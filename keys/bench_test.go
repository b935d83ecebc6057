package keys

import (
	"fmt"
	"testing"
)

// benchKeySizes are the key sizes seen in the field.
func benchKeySizes() []int { return []int{1024, 2048} }

// benchSource is a typical request source: sysid + req + timestamp.
const benchSource = `1902271423530473681{"method":"createMember","param":{"bizUserId":"ceshitiyan","memberType":3,"source":1},"service":"MemberService"}2026-11-28 12:00:00`

func BenchmarkSign(b *testing.B) {
	for _, bits := range benchKeySizes() {
		priv := vectorPrivateKey(b, fmt.Sprintf("merchant-%d.pkcs8.pem", bits))
		b.Run(fmt.Sprint(bits), func(b *testing.B) {
			for b.Loop() {
				if _, err := Sign(priv, benchSource); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkVerify(b *testing.B) {
	for _, bits := range benchKeySizes() {
		priv := vectorPrivateKey(b, fmt.Sprintf("merchant-%d.pkcs8.pem", bits))
		sign, err := Sign(priv, benchSource)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprint(bits), func(b *testing.B) {
			for b.Loop() {
				if err := Verify(&priv.PublicKey, benchSource, sign); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

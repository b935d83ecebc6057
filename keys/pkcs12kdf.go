package keys

import (
	"bytes"
	"crypto/cipher"
	"crypto/des"
	"crypto/hmac"
	"crypto/sha1"
	"encoding/binary"
	"fmt"
	"unicode/utf16"
)

// PKCS#12 key derivation purposes (RFC 7292 Appendix B.3).
const (
	kdfKey = 1 // encryption key
	kdfIV  = 2 // initialisation vector
	kdfMAC = 3 // integrity (MAC) key
)

// bmpPassword encodes a password as PKCS#12 wants it: UTF-16 big-endian with two zero bytes at
// the end (RFC 7292 Appendix B.1), as Java and OpenSSL do.
func bmpPassword(password string) []byte {
	return append(bmpString(password), 0, 0)
}

// bmpString encodes s as the content of an ASN.1 BMPString (UTF-16 big-endian, no terminator).
func bmpString(s string) []byte {
	units := utf16.Encode([]rune(s))
	out := make([]byte, 2*len(units))
	for i, u := range units {
		binary.BigEndian.PutUint16(out[2*i:], u)
	}
	return out
}

// pkcs12KDF is the PKCS#12 key derivation with SHA-1 (RFC 7292 Appendix B.2): size bytes for
// purpose id from a BMP-encoded password, a salt and an iteration count.
func pkcs12KDF(password, salt []byte, iterations int, id byte, size int) []byte {
	const u, v = sha1.Size, 64 // SHA-1 output and block sizes in bytes
	d := bytes.Repeat([]byte{id}, v)
	i := append(fillBlocks(salt, v), fillBlocks(password, v)...)
	var out []byte
	for len(out) < size {
		a := sha1.Sum(append(d[:v:v], i...))
		for range iterations - 1 {
			a = sha1.Sum(a[:])
		}
		out = append(out, a[:]...)
		b := fillBlocks(a[:u], v)[:v]
		for j := 0; j < len(i); j += v {
			addOne(i[j:j+v], b)
		}
	}
	return out[:size]
}

// fillBlocks repeats s to the next multiple of v bytes (empty when s is).
func fillBlocks(s []byte, v int) []byte {
	n := v * ((len(s) + v - 1) / v)
	out := make([]byte, n)
	for k := range out {
		out[k] = s[k%len(s)]
	}
	return out
}

// addOne sets block = (block + b + 1) mod 2^(8·len(block)), big-endian, as step 6C of B.2.
func addOne(block, b []byte) {
	carry := 1
	for k := len(block) - 1; k >= 0; k-- {
		sum := int(block[k]) + int(b[k]) + carry
		block[k], carry = byte(sum), sum>>8
	}
}

// encrypt3DES encrypts plaintext with pbeWithSHAAnd3-KeyTripleDES-CBC (RFC 7292 Appendix C).
func encrypt3DES(password, salt []byte, iterations int, plaintext []byte) ([]byte, error) {
	block, err := des.NewTripleDESCipher(pkcs12KDF(password, salt, iterations, kdfKey, 24))
	if err != nil {
		return nil, fmt.Errorf("keys: pfx: %w", err)
	}
	pad := block.BlockSize() - len(plaintext)%block.BlockSize()
	data := append(bytes.Clone(plaintext), bytes.Repeat([]byte{byte(pad)}, pad)...)
	iv := pkcs12KDF(password, salt, iterations, kdfIV, block.BlockSize())
	cipher.NewCBCEncrypter(block, iv).CryptBlocks(data, data)
	return data, nil
}

// macSHA1 is the PFX integrity MAC: HMAC-SHA1 keyed by the PKCS#12 KDF (RFC 7292 §5).
func macSHA1(password, salt []byte, iterations int, data []byte) []byte {
	h := hmac.New(sha1.New, pkcs12KDF(password, salt, iterations, kdfMAC, sha1.Size))
	h.Write(data)
	return h.Sum(nil)
}

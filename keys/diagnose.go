package keys

import (
	"crypto"
	"crypto/md5"
	"crypto/rsa"
	_ "crypto/sha256" // so that SHA256withRSA signatures can be recognised
	_ "crypto/sha512" // and SHA512withRSA ones
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"strings"
)

// Cause names why a signature did not verify; it is stable text, fit for JSON and logs.
type Cause string

// The causes that [Diagnose] tells apart.
const (
	CauseOK            Cause = "ok"             // the signature is valid
	CauseMalformed     Cause = "malformed"      // not Base64, or not a signature at all
	CauseKeySize       Cause = "key-size"       // made with a key of another size
	CauseOtherKey      Cause = "other-key"      // made with another key of the same size
	CauseWrongHash     Cause = "wrong-hash"     // RSA with another hash than SHA-1 (e.g. SHA256withRSA)
	CauseNoMD5Step     Cause = "no-md5-step"    // SHA1withRSA over the source itself
	CauseNoBase64Step  Cause = "no-base64-step" // SHA1withRSA over raw or hex MD5 instead of its Base64
	CauseRawRSA        Cause = "raw-rsa"        // no DigestInfo inside (NONEwithRSA)
	CauseSourceDiffers Cause = "source-differs" // right key and scheme, other text (req changed, re-serialised...)
	CauseHexMD5Base64  Cause = "hex-md5-base64" // Base64 of MD5's hex text (PHP base64_encode(md5($s)) without binary=true)
	CauseCharset       Cause = "charset"        // the source's bytes in GBK, not UTF-8 (Java getBytes() on Chinese Windows)
)

// Signed names the text a signature was made over, when [Diagnose] recognised it, so that a
// program (or a message in another language) tells the mistakes apart without reading Message.
type Signed string

// The texts that [Diagnose] recognises.
const (
	SignedMD5Base64 Signed = "md5-base64" // Base64(MD5(source)), the scheme's own text
	SignedSource    Signed = "source"     // the source itself: the Base64(MD5()) step was skipped
	SignedRawMD5    Signed = "raw-md5"    // the raw 16 bytes of MD5(source)
	SignedHexMD5    Signed = "hex-md5"    // the hex text of MD5(source) (PHP md5() without binary=true)
	// SignedHexMD5Base64 is Base64 of MD5's hex text: PHP's
	// base64_encode(md5($source)), md5() without binary=true.
	SignedHexMD5Base64 Signed = "hex-md5-base64"
	// SignedGBK is Base64(MD5()) of the source encoded in GBK: Java's
	// getBytes() without a charset on a Chinese Windows (spec §2.2: UTF-8).
	SignedGBK Signed = "gbk-md5-base64"
)

// Diagnosis is what [Diagnose] found out about a signature.
type Diagnosis struct {
	Cause   Cause       // why it failed, or CauseOK
	Hash    crypto.Hash // the hash the signer used, when it could be recovered
	Signed  Signed      // the text the signer used, when recognised ("" otherwise)
	Message string      // one sentence for a developer: what was done and what to do instead
}

// candidate is a text that a mistaken signer may have hashed instead of MD5Base64(source),
// with what to do instead ("" for the scheme's own advice).
type candidate struct {
	cause  Cause
	signed Signed
	what   string
	fix    string
	text   []byte
}

// candidates lists the texts that signers are known to hash, the right one first. The GBK
// one is tried only for a source that is not ASCII (for ASCII it is the right text).
func candidates(source string) []candidate {
	sum := md5.Sum([]byte(source))
	hexSum := hex.EncodeToString(sum[:])
	list := []candidate{
		{CauseOK, SignedMD5Base64, "Base64(MD5(source))", "", []byte(MD5Base64(source))},
		{CauseNoMD5Step, SignedSource, "the source itself (the Base64(MD5()) step was skipped)", "", []byte(source)},
		{CauseNoBase64Step, SignedRawMD5, "the raw 16 bytes of MD5(source) (not their Base64 text)", "", sum[:]},
		{CauseNoBase64Step, SignedHexMD5, "the hex text of MD5(source) (PHP md5() without binary=true)", "", []byte(hexSum)},
		{CauseHexMD5Base64, SignedHexMD5Base64, "Base64 of the hex text of MD5(source) (PHP base64_encode(md5($source)))",
			"Base64 the raw 16 bytes: base64_encode(md5($source, true))", []byte(base64.StdEncoding.EncodeToString([]byte(hexSum)))},
	}
	if gbk, ok := gbkBytes(source); ok {
		gsum := md5.Sum(gbk)
		list = append(list, candidate{CauseCharset, SignedGBK, "Base64(MD5()) of the source encoded in GBK",
			"hash the source's UTF-8 bytes (Java: source.getBytes(\"UTF-8\"); spec §2.2)",
			[]byte(base64.StdEncoding.EncodeToString(gsum[:]))})
	}
	return list
}

// Diagnose tells why sign does or does not verify as a signature of source under pub: which
// hash and which text the signer used, or that it was another key. Source is the exact string
// the server verified (sysid+req+timestamp for requests).
func Diagnose(pub *rsa.PublicKey, source, sign string) Diagnosis {
	_, wrongLength, err := decodeSign(pub, sign)
	switch {
	case wrongLength:
		return Diagnosis{Cause: CauseKeySize, Message: err.Error()}
	case err != nil:
		return Diagnosis{Cause: CauseMalformed, Message: err.Error()}
	}
	hash, digest, err := RecoverDigest(pub, sign)
	if err != nil {
		return Diagnosis{Cause: CauseOtherKey, Message: fmt.Sprintf("the sign was made with another private key "+
			"than the one of certificate %s: check which key file is configured for this sysid", Fingerprint(pub))}
	}
	if hash == 0 {
		return Diagnosis{Cause: CauseRawRSA,
			Message: "the sign holds no DigestInfo (NONEwithRSA?): use SHA1withRSA over Base64(MD5(source))"}
	}
	return matchText(hash, digest, source)
}

// matchText finds which candidate text the recovered digest was computed over.
func matchText(hash crypto.Hash, digest []byte, source string) Diagnosis {
	for _, c := range candidates(source) {
		if !hash.Available() || !equalDigest(hash, c.text, digest) {
			continue
		}
		switch {
		case hash != crypto.SHA1:
			return Diagnosis{Cause: CauseWrongHash, Hash: hash, Signed: c.signed, Message: fmt.Sprintf(
				"signed with %swithRSA over %s: use SHA1withRSA over Base64(MD5(source))", JavaName(hash), c.what)}
		case c.cause == CauseOK:
			return Diagnosis{Cause: CauseOK, Hash: hash, Signed: c.signed, Message: "the signature is valid"}
		case c.fix != "":
			return Diagnosis{Cause: c.cause, Hash: hash, Signed: c.signed, Message: "signed with SHA1withRSA over " + c.what +
				": " + c.fix}
		default:
			return Diagnosis{Cause: c.cause, Hash: hash, Signed: c.signed, Message: "signed with SHA1withRSA over " + c.what +
				": sign Base64(MD5(source)) as text"}
		}
	}
	return sourceDiffers(hash)
}

// sourceDiffers explains a signature by the right key over an unknown text.
func sourceDiffers(hash crypto.Hash) Diagnosis {
	msg := "the right key signed another text: sign exactly the string that is sent " +
		"(for a request sysid+req+timestamp; was req changed after signing or re-serialised? another timestamp or sysid?)"
	if hash != crypto.SHA1 {
		return Diagnosis{Cause: CauseWrongHash, Hash: hash, Message: fmt.Sprintf(
			"signed with %swithRSA over an unknown text: use SHA1withRSA over Base64(MD5(source))", JavaName(hash))}
	}
	return Diagnosis{Cause: CauseSourceDiffers, Hash: hash, Message: msg}
}

// equalDigest reports whether hash(text) == digest.
func equalDigest(hash crypto.Hash, text, digest []byte) bool {
	h := hash.New()
	h.Write(text)
	return string(h.Sum(nil)) == string(digest)
}

// JavaName spells a hash as Java's signature algorithm names do ("SHA256" in SHA256withRSA).
func JavaName(hash crypto.Hash) string {
	return strings.ReplaceAll(hash.String(), "-", "")
}

package keys

import (
	"crypto/x509/pkix"
	"encoding/asn1"
	"errors"
	"fmt"
)

// Object identifiers of RFC 7292 (PKCS#12), RFC 2985 (PKCS#9) and RFC 5652 (CMS). They are
// functions so that no package-level slice can be changed by accident.
func oidData() asn1.ObjectIdentifier { return asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 7, 1} }
func oidEncryptedData() asn1.ObjectIdentifier {
	return asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 7, 6}
}
func oidShroudedKey() asn1.ObjectIdentifier {
	return asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 12, 10, 1, 2}
}
func oidCertBag() asn1.ObjectIdentifier {
	return asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 12, 10, 1, 3}
}
func oidX509Cert() asn1.ObjectIdentifier {
	return asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 22, 1}
}
func oidFriendlyName() asn1.ObjectIdentifier {
	return asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 20}
}
func oidLocalKeyID() asn1.ObjectIdentifier { return asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 21} }
func oidPBE3DES() asn1.ObjectIdentifier    { return asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 12, 1, 3} }
func oidSHA1() asn1.ObjectIdentifier       { return asn1.ObjectIdentifier{1, 3, 14, 3, 2, 26} }

// pfxIterations is the KDF and MAC iteration count, as in Allinpay's files and OpenSSL's default.
const pfxIterations = 2048

// LegacyPFX writes the key set as a PKCS#12 file that every merchant runtime reads, old JDKs and
// PHP included: the key in a pkcs8ShroudedKeyBag and the certificate in an encryptedData, both
// with pbeWithSHAAnd3-KeyTripleDES-CBC (OpenSSL 3 needs its legacy provider for RC2, not for
// 3DES), a SHA-1 HMAC, 2048 iterations. Both bags carry friendlyName = alias (Java's keystore
// alias, usually the sysid) and the same localKeyId (SHA-1 of the certificate).
//
// It is written here rather than with go-pkcs12, which reads every .pfx (see [ParsePFX]) but
// cannot write this one: its key-and-certificate encoders (pkcs12.Encode and Encoder.Encode, as
// of v0.7.4) take a key, certificates and a password and give the bags no friendlyName, and
// only its trust-store encoders, which hold no key, name their entries. The Java yunst SDK
// finds the merchant's key by that alias, so a file without it is of no use to it. The feature
// is asked for upstream in https://github.com/SSLMate/go-pkcs12/issues/34; once go-pkcs12
// writes it, this writer should give way.
func (k *KeySet) LegacyPFX(alias, password string) ([]byte, error) {
	if k == nil || k.Key == nil || k.Cert == nil {
		return nil, errors.New("keys: pfx: the key set needs a key and a certificate")
	}
	if alias == "" {
		return nil, errors.New("keys: pfx: the alias is empty (merchants' SDKs look the key up by the sysid)")
	}
	pw := bmpPassword(password)
	attrs, err := bagAttributes(alias, k.Cert)
	if err != nil {
		return nil, err
	}
	certs, err := certContent(k.Cert, attrs, pw)
	if err != nil {
		return nil, err
	}
	key, err := keyContent(k, attrs, pw)
	if err != nil {
		return nil, err
	}
	authSafe, err := asn1.Marshal([]contentInfo{certs, key}) // certificates first, as OpenSSL writes them
	if err != nil {
		return nil, fmt.Errorf("keys: pfx: %w", err)
	}
	return encodePFX(authSafe, pw)
}

// contentInfo is a CMS ContentInfo; Content holds the [0] EXPLICIT wrapper as a raw value.
type contentInfo struct {
	ContentType asn1.ObjectIdentifier
	Content     asn1.RawValue `asn1:"tag:0,explicit,optional"`
}

type encryptedData struct {
	Version              int
	EncryptedContentInfo encryptedContentInfo
}

type encryptedContentInfo struct {
	ContentType      asn1.ObjectIdentifier
	Algorithm        pkix.AlgorithmIdentifier
	EncryptedContent []byte `asn1:"tag:0,optional"`
}

type safeBag struct {
	ID         asn1.ObjectIdentifier
	Value      asn1.RawValue `asn1:"tag:0,explicit"`
	Attributes []attribute   `asn1:"set,optional"`
}

// attribute is a PKCS#9 attribute; Values holds the SET OF as a raw value.
type attribute struct {
	ID     asn1.ObjectIdentifier
	Values asn1.RawValue
}

type certBag struct {
	ID   asn1.ObjectIdentifier
	Data []byte `asn1:"tag:0,explicit"`
}

type encryptedPrivateKeyInfo struct {
	Algorithm pkix.AlgorithmIdentifier
	Data      []byte
}

type pbeParams struct {
	Salt       []byte
	Iterations int
}

type pfxPDU struct {
	Version  int
	AuthSafe contentInfo
	MacData  macData
}

type macData struct {
	Mac        digestInfo
	MacSalt    []byte
	Iterations int
}

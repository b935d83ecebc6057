package keys

import (
	"crypto/rand"
	"crypto/sha1"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"fmt"
)

// explicit0 wraps DER in a context-specific [0] EXPLICIT tag.
func explicit0(der []byte) asn1.RawValue {
	return asn1.RawValue{Class: asn1.ClassContextSpecific, Tag: 0, IsCompound: true, Bytes: der}
}

// setOf wraps one DER value in a SET.
func setOf(der []byte) asn1.RawValue {
	return asn1.RawValue{Class: asn1.ClassUniversal, Tag: asn1.TagSet, IsCompound: true, Bytes: der}
}

// bagAttributes makes friendlyName (a BMPString) and localKeyId (SHA-1 of the certificate, as
// OpenSSL does) for both bags, so that Java finds the entry under alias.
func bagAttributes(alias string, cert *x509.Certificate) ([]attribute, error) {
	name, err := asn1.Marshal(asn1.RawValue{Tag: asn1.TagBMPString, Bytes: bmpString(alias)})
	if err != nil {
		return nil, fmt.Errorf("keys: pfx: friendlyName: %w", err)
	}
	id := sha1.Sum(cert.Raw)
	keyID, err := asn1.Marshal(id[:])
	if err != nil {
		return nil, fmt.Errorf("keys: pfx: localKeyId: %w", err)
	}
	return []attribute{
		{ID: oidFriendlyName(), Values: setOf(name)},
		{ID: oidLocalKeyID(), Values: setOf(keyID)},
	}, nil
}

// pbeAlgorithm draws a salt and names pbeWithSHAAnd3-KeyTripleDES-CBC with it.
func pbeAlgorithm() (pkix.AlgorithmIdentifier, []byte, error) {
	salt := make([]byte, 8)
	if _, err := rand.Read(salt); err != nil {
		return pkix.AlgorithmIdentifier{}, nil, fmt.Errorf("keys: pfx: salt: %w", err)
	}
	params, err := asn1.Marshal(pbeParams{Salt: salt, Iterations: pfxIterations})
	if err != nil {
		return pkix.AlgorithmIdentifier{}, nil, fmt.Errorf("keys: pfx: %w", err)
	}
	return pkix.AlgorithmIdentifier{Algorithm: oidPBE3DES(), Parameters: asn1.RawValue{FullBytes: params}}, salt, nil
}

// certContent puts the certificate in a bag inside an encryptedData ContentInfo.
func certContent(cert *x509.Certificate, attrs []attribute, pw []byte) (contentInfo, error) {
	bag, err := asn1.Marshal(certBag{ID: oidX509Cert(), Data: cert.Raw})
	if err != nil {
		return contentInfo{}, fmt.Errorf("keys: pfx: cert bag: %w", err)
	}
	safe, err := asn1.Marshal([]safeBag{{ID: oidCertBag(), Value: explicit0(bag), Attributes: attrs}})
	if err != nil {
		return contentInfo{}, fmt.Errorf("keys: pfx: cert bag: %w", err)
	}
	alg, salt, err := pbeAlgorithm()
	if err != nil {
		return contentInfo{}, err
	}
	ct, err := encrypt3DES(pw, salt, pfxIterations, safe)
	if err != nil {
		return contentInfo{}, err
	}
	der, err := asn1.Marshal(encryptedData{EncryptedContentInfo: encryptedContentInfo{
		ContentType: oidData(), Algorithm: alg, EncryptedContent: ct}})
	if err != nil {
		return contentInfo{}, fmt.Errorf("keys: pfx: encrypted data: %w", err)
	}
	return contentInfo{ContentType: oidEncryptedData(), Content: explicit0(der)}, nil
}

// keyContent puts the encrypted PKCS#8 key in a shrouded key bag inside a data ContentInfo.
func keyContent(k *KeySet, attrs []attribute, pw []byte) (contentInfo, error) {
	pkcs8, err := x509.MarshalPKCS8PrivateKey(k.Key)
	if err != nil {
		return contentInfo{}, fmt.Errorf("keys: pfx: %w", err)
	}
	alg, salt, err := pbeAlgorithm()
	if err != nil {
		return contentInfo{}, err
	}
	ct, err := encrypt3DES(pw, salt, pfxIterations, pkcs8)
	if err != nil {
		return contentInfo{}, err
	}
	shrouded, err := asn1.Marshal(encryptedPrivateKeyInfo{Algorithm: alg, Data: ct})
	if err != nil {
		return contentInfo{}, fmt.Errorf("keys: pfx: key bag: %w", err)
	}
	return dataContent([]safeBag{{ID: oidShroudedKey(), Value: explicit0(shrouded), Attributes: attrs}})
}

// dataContent wraps SafeContents in a data ContentInfo (an OCTET STRING).
func dataContent(bags []safeBag) (contentInfo, error) {
	safe, err := asn1.Marshal(bags)
	if err != nil {
		return contentInfo{}, fmt.Errorf("keys: pfx: safe contents: %w", err)
	}
	octets, err := asn1.Marshal(safe)
	if err != nil {
		return contentInfo{}, fmt.Errorf("keys: pfx: %w", err)
	}
	return contentInfo{ContentType: oidData(), Content: explicit0(octets)}, nil
}

// encodePFX wraps the AuthenticatedSafe in the PFX PDU with its SHA-1 HMAC (RFC 7292 §4).
func encodePFX(authSafe, pw []byte) ([]byte, error) {
	salt := make([]byte, 8)
	if _, err := rand.Read(salt); err != nil {
		return nil, fmt.Errorf("keys: pfx: salt: %w", err)
	}
	octets, err := asn1.Marshal(authSafe)
	if err != nil {
		return nil, fmt.Errorf("keys: pfx: %w", err)
	}
	mac := digestInfo{Algorithm: pkix.AlgorithmIdentifier{Algorithm: oidSHA1(), Parameters: asn1.NullRawValue},
		Digest: macSHA1(pw, salt, pfxIterations, authSafe)}
	der, err := asn1.Marshal(pfxPDU{Version: 3, AuthSafe: contentInfo{ContentType: oidData(), Content: explicit0(octets)},
		MacData: macData{Mac: mac, MacSalt: salt, Iterations: pfxIterations}})
	if err != nil {
		return nil, fmt.Errorf("keys: pfx: %w", err)
	}
	return der, nil
}

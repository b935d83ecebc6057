package keys

import (
	"bytes"
	"encoding/asn1"
	"encoding/base64"
	"encoding/pem"
	"errors"
	"fmt"
	"strings"
)

// pemBlocks returns the PEM blocks in data. Lines are trimmed first, so CRLF line ends and
// indented PEM (pasted into YAML) work; text around and between the blocks is ignored.
func pemBlocks(data []byte) []*pem.Block {
	if !bytes.Contains(data, []byte("-----BEGIN ")) {
		return nil
	}
	lines := strings.Split(string(data), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimSpace(l)
	}
	var blocks []*pem.Block
	for rest := []byte(strings.Join(lines, "\n")); ; {
		var b *pem.Block
		if b, rest = pem.Decode(rest); b == nil {
			return blocks
		}
		blocks = append(blocks, b)
	}
}

// derOf returns the DER element in data that holds no PEM block: binary DER, or the Base64 text
// of DER (a key pasted into a configuration without its BEGIN/END lines). Bytes after the first
// ASN.1 element are ignored.
func derOf(data []byte) ([]byte, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, errors.New("keys: empty input")
	}
	if der, err := firstElement(data); err == nil {
		return der, nil
	}
	text := strings.Join(strings.Fields(string(data)), "")
	decoded, err := base64.StdEncoding.DecodeString(text)
	if err != nil {
		return nil, errors.New("keys: no PEM block, and neither DER nor Base64 of DER")
	}
	der, err := firstElement(decoded)
	if err != nil {
		return nil, fmt.Errorf("keys: Base64 text that is not DER: %w", err)
	}
	return der, nil
}

// firstElement returns the first ASN.1 SEQUENCE in data (DER, definite length).
func firstElement(data []byte) ([]byte, error) {
	var raw asn1.RawValue
	if _, err := asn1.Unmarshal(data, &raw); err != nil {
		return nil, fmt.Errorf("keys: not DER: %w", err)
	}
	if raw.Class != asn1.ClassUniversal || raw.Tag != asn1.TagSequence {
		return nil, errors.New("keys: not DER: does not start with a SEQUENCE")
	}
	return raw.FullBytes, nil
}

// blockTypes lists the types of PEM blocks, for error messages.
func blockTypes(blocks []*pem.Block) string {
	types := make([]string, len(blocks))
	for i, b := range blocks {
		types[i] = b.Type
	}
	return strings.Join(types, ", ")
}

package keys

import (
	"bytes"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// gbkBytes is s encoded in GBK, as a signer on a Chinese Windows hashes it
// when it takes the string's bytes without naming a charset; ok is false
// when that changes nothing (ASCII is the same in either) or GBK cannot
// write s.
func gbkBytes(s string) ([]byte, bool) {
	if !utf8.ValidString(s) {
		return nil, false
	}
	b, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(s))
	return b, err == nil && !bytes.Equal(b, []byte(s))
}

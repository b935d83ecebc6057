package keys

import (
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// gbkBytes is s encoded in GBK, as a signer on a Chinese Windows hashes it
// when it takes the string's bytes without naming a charset; ok is false
// for an ASCII string (the same bytes in either) or one GBK cannot write.
func gbkBytes(s string) ([]byte, bool) {
	if !utf8.ValidString(s) || isASCII(s) {
		return nil, false
	}
	b, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(s))
	return b, err == nil
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

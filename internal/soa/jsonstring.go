package soa

import "unicode/utf8"

// appendJSONString appends s as a JSON string exactly as encoding/json
// writes it with SetEscapeHTML(false): '"' and '\\' escaped, control
// characters as \b \f \n \r \t or \u00xx, invalid UTF-8 as \ufffd, U+2028
// and U+2029 escaped, everything else (Chinese, '&', '<', '>') as it is.
// The answer bodies are written with it, without reflection; a test holds
// it to encoding/json's bytes.
func appendJSONString(dst []byte, s string) []byte {
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		if b := s[i]; b < utf8.RuneSelf {
			if b >= ' ' && b != '"' && b != '\\' {
				i++
				continue
			}
			dst = appendEscape(append(dst, s[start:i]...), b)
			i++
			start = i
			continue
		}
		c, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case c == utf8.RuneError && size == 1:
			dst = append(append(dst, s[start:i]...), `\ufffd`...)
		case c == '\u2028' || c == '\u2029':
			dst = append(append(dst, s[start:i]...), '\\', 'u', '2', '0', '2', hexDigits[c&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	return append(append(dst, s[start:]...), '"')
}

// hexDigits are encoding/json's, lower-case.
const hexDigits = "0123456789abcdef"

// appendEscape appends the escape of an ASCII byte that cannot stand as
// it is.
func appendEscape(dst []byte, b byte) []byte {
	switch b {
	case '\\', '"':
		return append(dst, '\\', b)
	case '\b':
		return append(dst, '\\', 'b')
	case '\f':
		return append(dst, '\\', 'f')
	case '\n':
		return append(dst, '\\', 'n')
	case '\r':
		return append(dst, '\\', 'r')
	case '\t':
		return append(dst, '\\', 't')
	}
	return append(dst, '\\', 'u', '0', '0', hexDigits[b>>4], hexDigits[b&0xF])
}

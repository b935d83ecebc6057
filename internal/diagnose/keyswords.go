package diagnose

import (
	"encoding/base64"
	"errors"
	"strings"

	"github.com/tsymock/tsymock/internal/lang"
	"github.com/tsymock/tsymock/keys"
)

// keysWords is what keys.Diagnose found, as its Message says it in English
// (TestKeysWordsKept holds them together) and in Chinese: keys is a public
// package with one language, so the diagnosis says its findings again from
// the Diagnosis's fields. A cause keys may add later keeps its English.
func keysWords(in Input, d keys.Diagnosis) lang.Message {
	switch d.Cause {
	case keys.CauseMalformed:
		return malformed(in, d)
	case keys.CauseKeySize:
		sig, _ := base64.StdEncoding.DecodeString(in.Sign)
		return msg(msgKeySize, len(sig), in.Key.N.BitLen(), in.Key.Size(), len(sig)*8)
	case keys.CauseOtherKey:
		return msg(msgOtherKey, keys.Fingerprint(in.Key))
	case keys.CauseRawRSA:
		return msg(msgRawRSA)
	case keys.CauseWrongHash:
		if over, ok := signedText(d.Signed); ok {
			return msg(msgWrongHash, keys.JavaName(d.Hash), over)
		}
		return msg(msgWrongHashUnknown, keys.JavaName(d.Hash))
	case keys.CauseNoMD5Step, keys.CauseNoBase64Step:
		if over, ok := signedText(d.Signed); ok {
			return msg(msgSkippedStep, over)
		}
	case keys.CauseSourceDiffers:
		return msg(msgSourceDiffers)
	case keys.CauseHexMD5Base64:
		return msg(msgFixHexMD5Base64, msg(msgOverHexMD5Base64))
	case keys.CauseCharset:
		return msg(msgFixGBK, msg(msgOverGBK))
	}
	return lang.Plain(d.Message)
}

// malformed is a sign that is no Base64, with the likeliest reason for a
// space in it: a '+' sent unescaped in a URL, which the server reads as a
// space.
func malformed(in Input, d keys.Diagnosis) lang.Message {
	_, err := base64.StdEncoding.DecodeString(in.Sign)
	if err == nil || in.Key == nil {
		return lang.Plain(d.Message)
	}
	spaces := lang.Message{}
	if strings.Contains(in.Sign, " ") {
		spaces = msg(msgSpaces)
	}
	return msg(msgMalformed, spaces, base64Error(err))
}

// base64Error is encoding/base64's error in both languages: where the
// data stopped being Base64.
func base64Error(err error) lang.Message {
	var at base64.CorruptInputError
	if errors.As(err, &at) {
		return msg(msgCorruptAt, int64(at))
	}
	return lang.Plain(err.Error())
}

// signedText names the text a signature was made over.
func signedText(s keys.Signed) (lang.Message, bool) {
	switch s {
	case keys.SignedMD5Base64:
		return msg(msgOverMD5Base64), true
	case keys.SignedSource:
		return msg(msgOverSource), true
	case keys.SignedRawMD5:
		return msg(msgOverRawMD5), true
	case keys.SignedHexMD5:
		return msg(msgOverHexMD5), true
	case keys.SignedHexMD5Base64:
		return msg(msgOverHexMD5Base64), true
	case keys.SignedGBK:
		return msg(msgOverGBK), true
	}
	return lang.Message{}, false
}

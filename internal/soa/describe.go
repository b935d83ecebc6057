package soa

import (
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/tsymock/tsymock/internal/lang"
)

// maxQuoted is how many runes of a received value an error message repeats.
const maxQuoted = 64

// Quote renders a received string for an error message as the envelope's own
// messages do (quote); the form reader names a badly encoded key with it.
func Quote(s string) string { return quote(s) }

// quote renders a received string for an error message: Go-quoted (so control characters and
// invalid UTF-8 are visible, Chinese stays readable) and cut to maxQuoted runes.
func quote(s string) string {
	runes := []rune(s)
	if len(runes) <= maxQuoted {
		return strconv.Quote(s)
	}
	return strconv.Quote(string(runes[:maxQuoted])) + fmt.Sprintf("…(%d characters)", len(runes))
}

// clip cuts s to maxQuoted runes, marking the cut.
func clip(s string) string {
	runes := []rune(s)
	if len(runes) <= maxQuoted {
		return s
	}
	return string(runes[:maxQuoted]) + "…"
}

// describe names a decoded JSON value and, for scalars, shows it, for error messages:
// `string "abc"`, `number 1.5`, `bool true`, `null`, `object`, `array`.
func describe(v any) string { return described(v).In(lang.English) }

// described is describe in both languages (字符串 "abc", 数字 1.5), for a
// detail that Error.In writes in Chinese.
func described(v any) lang.Message {
	switch x := v.(type) {
	case nil:
		return msg(msgValNull)
	case string:
		return msg(msgValString, quote(x))
	case json.Number:
		return msg(msgValNumber, clip(string(x)))
	case bool:
		return msg(msgValBool, strconv.FormatBool(x))
	case map[string]any:
		return msg(msgValObject)
	case []any:
		return msg(msgValArray)
	case float64, float32, int, int64, int32, uint, uint64, uint32:
		return msg(msgValNumber, fmt.Sprint(x))
	}
	return lang.Plain(fmt.Sprintf("%T", v))
}

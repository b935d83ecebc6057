package soa

import (
	"maps"
	"slices"
	"strconv"
	"strings"
)

// surrogateMark stands, while req is decoded, for a \u escape of a UTF-16
// surrogate that is not half of a pair. encoding/json turns such an escape
// into U+FFFD, so that "a\ud800" and "a\udfff" would both become "a�" and
// name one member; tsymock refuses them instead, naming the field. The mark
// is a noncharacter that no text is meant to carry.
const surrogateMark = "\\ufdd0"

// markLoneSurrogates replaces each lone surrogate escape of req by
// surrogateMark, and reports whether there was one. Backslashes occur in
// JSON only inside strings, so the escapes are found without tracking
// where strings begin and end.
func markLoneSurrogates(req string) (string, bool) {
	if !strings.Contains(req, `\u`) {
		return req, false
	}
	var b strings.Builder
	found := false
	for i := 0; i < len(req); i++ {
		if req[i] != '\\' || i+1 >= len(req) {
			b.WriteByte(req[i])
			continue
		}
		if req[i+1] != 'u' {
			b.WriteString(req[i : i+2]) // another escape, \\ included
			i++
			continue
		}
		u, ok := escapeAt(req, i)
		switch {
		case ok && isHigh(u) && isLowAt(req, i+6):
			b.WriteString(req[i : i+12])
			i += 11
		case ok && (isHigh(u) || isLow(u)):
			b.WriteString(surrogateMark)
			found = true
			i += 5
		default:
			b.WriteByte(req[i])
		}
	}
	return b.String(), found
}

// escapeAt reads the \uXXXX escape at req[i:].
func escapeAt(req string, i int) (rune, bool) {
	if i+6 > len(req) || req[i] != '\\' || req[i+1] != 'u' {
		return 0, false
	}
	n, err := strconv.ParseUint(req[i+2:i+6], 16, 16)
	return rune(n), err == nil
}

func isHigh(u rune) bool { return u >= 0xD800 && u <= 0xDBFF }
func isLow(u rune) bool  { return u >= 0xDC00 && u <= 0xDFFF }

func isLowAt(req string, i int) bool {
	u, ok := escapeAt(req, i)
	return ok && isLow(u)
}

// markedPath is the dotted path of the first value or key, in key order,
// that holds the mark; "" when none does.
func markedPath(v any, path string) string {
	const mark = "\ufdd0"
	switch x := v.(type) {
	case string:
		if strings.Contains(x, mark) {
			return path
		}
	case map[string]any:
		for _, k := range slices.Sorted(maps.Keys(x)) {
			if strings.Contains(k, mark) {
				return JoinPath(path, k)
			}
			if p := markedPath(x[k], JoinPath(path, k)); p != "" {
				return p
			}
		}
	case []any:
		for i, item := range x {
			if p := markedPath(item, path+"["+strconv.Itoa(i)+"]"); p != "" {
				return p
			}
		}
	}
	return ""
}

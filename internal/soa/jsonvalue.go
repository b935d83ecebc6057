package soa

import (
	"encoding/json"
	"slices"
	"strconv"
)

// valueMaxDepth is the deepest nesting appendJSONValue writes; deeper (or
// a map that holds itself) is left to encoding/json, which reports cycles.
const valueMaxDepth = 64

// appendJSONValue appends v exactly as encoding/json writes it with
// SetEscapeHTML(false), map keys sorted, for the types that decoded JSON,
// scenario bodies and the emulator's answers hold: nil, string, bool,
// json.Number, int, int64, map[string]any, []any, []map[string]any,
// map[string]string and []string. It reports false for anything else (a
// float64, whose formatting encoding/json has rules for, an invalid
// json.Number, which it refuses), and marshal then leaves the whole value
// to encoding/json.
func appendJSONValue(dst []byte, v any, depth int) ([]byte, bool) {
	if depth > valueMaxDepth {
		return dst, false
	}
	switch x := v.(type) {
	case nil:
		return append(dst, "null"...), true
	case string:
		return appendJSONString(dst, x), true
	case bool:
		return strconv.AppendBool(dst, x), true
	case json.Number:
		return appendJSONNumber(dst, x)
	case int:
		return strconv.AppendInt(dst, int64(x), 10), true
	case int64:
		return strconv.AppendInt(dst, x, 10), true
	case map[string]any:
		return appendJSONObject(dst, x, depth)
	case map[string]string:
		return appendJSONObject(dst, x, depth)
	case []any:
		return appendJSONArray(dst, x, depth)
	case []map[string]any:
		return appendJSONArray(dst, x, depth)
	case []string:
		return appendJSONArray(dst, x, depth)
	}
	return dst, false
}

// appendJSONNumber writes a json.Number's text, "" as 0, as encoding/json does.
func appendJSONNumber(dst []byte, n json.Number) ([]byte, bool) {
	s := string(n)
	if s == "" {
		s = "0"
	}
	if !isJSONNumber(s) {
		return dst, false
	}
	return append(dst, s...), true
}

// appendJSONObject writes a map, null when nil, its keys sorted.
func appendJSONObject[V any](dst []byte, m map[string]V, depth int) ([]byte, bool) {
	if m == nil {
		return append(dst, "null"...), true
	}
	var room [16]string // the keys of a small map, on the stack
	keys := room[:0]
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	dst = append(dst, '{')
	for i, k := range keys {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = append(appendJSONString(dst, k), ':')
		var ok bool
		if dst, ok = appendJSONValue(dst, m[k], depth+1); !ok {
			return dst, false
		}
	}
	return append(dst, '}'), true
}

// appendJSONArray writes a slice, null when nil.
func appendJSONArray[V any](dst []byte, a []V, depth int) ([]byte, bool) {
	if a == nil {
		return append(dst, "null"...), true
	}
	dst = append(dst, '[')
	for i, item := range a {
		if i > 0 {
			dst = append(dst, ',')
		}
		var ok bool
		if dst, ok = appendJSONValue(dst, item, depth+1); !ok {
			return dst, false
		}
	}
	return append(dst, ']'), true
}

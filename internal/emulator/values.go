package emulator

import (
	"encoding/json"
	"fmt"
	"strconv"
)

// The catalogue has validated types before the emulator runs, so these
// readers of nested JSON values only need to coerce, not to judge.

// asInt reads an integer from a JSON number or a numeric string.
func asInt(v any) int64 {
	switch x := v.(type) {
	case json.Number:
		if n, err := x.Int64(); err == nil {
			return n
		}
		f, _ := x.Float64()
		return int64(f)
	case float64:
		return int64(x)
	case int64:
		return x
	case int:
		return int64(x)
	case string:
		n, _ := strconv.ParseInt(x, 10, 64)
		return n
	}
	return 0
}

// asStr reads a string, formatting a number as fastjson would coerce it.
func asStr(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	default:
		return fmt.Sprint(x)
	}
}

// asList reads an array of objects, skipping anything else.
func asList(v any) []map[string]any {
	items, _ := v.([]any)
	out := make([]map[string]any, 0, len(items))
	for _, it := range items {
		if m, ok := it.(map[string]any); ok {
			out = append(out, m)
		}
	}
	return out
}

// asMap reads an object.
func asMap(v any) map[string]any {
	m, _ := v.(map[string]any)
	return m
}

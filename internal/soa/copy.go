package soa

// CopyParams deep-copies decoded JSON (a req's param, an answer), so that
// one holder can change its copy, as decryption and the emulator do, while
// another keeps what was received.
func CopyParams(m map[string]any) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = copyJSON(v)
	}
	return out
}

func copyJSON(v any) any {
	switch x := v.(type) {
	case map[string]any:
		return CopyParams(x)
	case []any:
		out := make([]any, len(x))
		for i, item := range x {
			out[i] = copyJSON(item)
		}
		return out
	}
	return v
}

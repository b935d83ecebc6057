package soa

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// nestedValue is v inside n one-key maps.
func nestedValue(n int, v any) any {
	for range n {
		v = map[string]any{"a": v}
	}
	return v
}

func TestMarshalValueIsEncodingJSON(t *testing.T) {
	var nilMap map[string]any
	var nilSlice []any
	tests := []struct {
		name string
		v    any
		fast bool // written by hand, not by encoding/json
	}{
		{"nil", nil, true},
		{"string", "中文 & <tag> \"q\" \\ \n \u2028 \xff", true},
		{"bools", []any{true, false}, true},
		{"numbers", []any{json.Number("0"), json.Number("-1.5e+10"), json.Number("12345678901234567890"), json.Number(""), 7, int64(-8)}, true},
		{"sorted keys", map[string]any{"b": 1, "a": "x", "": nil, "B": true, "中": "文", "a\"b": 2}, true},
		{"nil and empty", map[string]any{"m": nilMap, "s": nilSlice, "em": map[string]any{}, "es": []any{}}, true},
		{"emulator types", map[string]any{"list": []map[string]any{{"k": "v"}, nil}, "texts": []string{"a", "b"},
			"names": map[string]string{"y": "2", "x": "1"}, "none": []string(nil)}, true},
		{"many keys", func() map[string]any {
			m := map[string]any{}
			for i := range 40 {
				m[string(rune('A'+i))] = i
			}
			return m
		}(), true},
		{"as deep as written by hand", nestedValue(valueMaxDepth, "x"), true},
		{"deeper", nestedValue(valueMaxDepth+1, "x"), false},
		{"a float", map[string]any{"f": 1.5e-7, "g": 100.0}, false},
		{"an invalid json.Number", []any{json.Number("1.")}, false},
		{"a struct", struct{ A int }{1}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, fast := appendJSONValue(nil, tt.v, 0)
			assert.Equal(t, tt.fast, fast)
			got, err := MarshalValue(tt.v)
			want, wantErr := marshalJSON(tt.v)
			if wantErr != nil {
				require.Error(t, err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, string(want), got)
		})
	}
}

func TestMarshalValueCycle(t *testing.T) {
	m := map[string]any{}
	m["self"] = m
	_, err := MarshalValue(m)
	assert.Error(t, err, "encoding/json's cycle error, as before")
}

func TestIsJSONNumber(t *testing.T) {
	for s, want := range map[string]bool{"0": true, "-0": true, "12": true, "1.5": true, "1e5": true, "1E-5": true,
		"-1.5e+10": true, "": false, "-": false, "01": false, "1.": false, ".5": false, "1e": false, "1e+": false,
		"+1": false, "0x1": false, "1 ": false, "NaN": false} {
		assert.Equal(t, want, isJSONNumber(s), "%q", s)
		if s != "" { // encoding/json writes an empty json.Number as 0
			_, err := json.Marshal(json.Number(s))
			assert.Equal(t, want, err == nil, "%q per encoding/json", s)
		}
	}
}

func FuzzMarshalValue(f *testing.F) {
	for _, text := range fastTexts() {
		f.Add(text)
	}
	f.Fuzz(func(t *testing.T, text string) {
		v, err := decodeObjectJSON(text)
		if err != nil {
			return
		}
		got, err := MarshalValue(v)
		require.NoError(t, err)
		want, err := marshalJSON(v)
		require.NoError(t, err)
		assert.Equal(t, string(want), got)
	})
}

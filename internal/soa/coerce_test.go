package soa

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestBoolParamReadsAsFastjson: what castToBoolean accepts, and nothing else.
func TestBoolParamReadsAsFastjson(t *testing.T) {
	tests := []struct {
		in       any
		want, ok bool
	}{
		{true, true, true}, {false, false, true},
		{json.Number("1"), true, true}, {json.Number("0"), false, true}, {json.Number("1.0"), true, true},
		{"true", true, true}, {"TRUE", true, true}, {"1", true, true}, {"Y", true, true}, {"t", true, true},
		{"false", false, true}, {"False", false, true}, {"0", false, true}, {"n", false, true}, {"F", false, true},
		{json.Number("2"), false, false}, {json.Number("0.5"), false, false}, {"yes", false, false},
		{"", false, false}, {nil, false, false}, {map[string]any{}, false, false},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%#v", tt.in), func(t *testing.T) {
			got, ok := BoolParam(tt.in)
			assert.Equal(t, []bool{tt.want, tt.ok}, []bool{got, ok})
		})
	}
}

// TestIntParam: the emulator computes with what the validator accepted.
func TestIntParam(t *testing.T) {
	tests := []struct {
		in   any
		want int64
		ok   bool
	}{
		{json.Number("100"), 100, true}, {json.Number("1e2"), 100, true}, {json.Number("100.0"), 100, true},
		{"100", 100, true}, {json.Number("1.5"), 0, false}, {"1e2", 0, false}, {"abc", 0, false},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%#v", tt.in), func(t *testing.T) {
			got, ok := IntParam(tt.in)
			assert.Equal(t, tt.ok, ok)
			assert.Equal(t, tt.want, got)
		})
	}
}

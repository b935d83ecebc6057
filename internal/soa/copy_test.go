package soa

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestCopyParams: changing the copy, however deep, leaves the original.
func TestCopyParams(t *testing.T) {
	orig := map[string]any{"a": "1", "n": json.Number("2"), "m": map[string]any{"k": []any{map[string]any{"x": "y"}}}}
	c := CopyParams(orig)
	assert.Equal(t, orig, c)
	c["a"] = "changed"
	c["m"].(map[string]any)["k"].([]any)[0].(map[string]any)["x"] = "changed"
	assert.Equal(t, "1", orig["a"])
	assert.Equal(t, "y", orig["m"].(map[string]any)["k"].([]any)[0].(map[string]any)["x"])
}

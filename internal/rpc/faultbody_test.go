package rpc

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestRuneStart: a piece of a body cut by slow-body or short-body ends
// between characters, so that the journal keeps valid text.
func TestRuneStart(t *testing.T) {
	body := `{"m":"订单"}` // 订 is bytes 6-8, 单 9-11
	for _, tc := range []struct{ i, want int }{
		{0, 0}, {5, 5}, {6, 6}, {7, 6}, {8, 6}, {9, 9}, {11, 9}, {12, 12}, {len(body), len(body)},
	} {
		assert.Equal(t, tc.want, runeStart(body, tc.i), "at %d", tc.i)
	}
}

package emulator

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestPutCappedForgetsTheSameEntry: past the bound the entry the order
// names goes, whatever the map's order, so that a replay forgets the same.
func TestPutCappedForgetsTheSameEntry(t *testing.T) {
	older := func(k1 string, v1 int, k2 string, v2 int) bool { return v1 < v2 }
	for range 20 { // map order differs from run to run
		var m map[string]int
		for i := range 10 {
			putCapped(&m, fmt.Sprint("k", i), i, 4, older)
		}
		assert.Equal(t, map[string]int{"k6": 6, "k7": 7, "k8": 8, "k9": 9}, m)
		putCapped(&m, "k9", 99, 4, older)
		assert.Len(t, m, 4, "a key already there takes no room")
	}
}

// TestCodesAreBounded: a member sent codes for ever new phones keeps at
// most maxCodes of them.
func TestCodesAreBounded(t *testing.T) {
	m := &member{}
	for i := range 100 {
		putCapped(&m.sms, smsKey{smsBind, fmt.Sprintf("138%08d", i)}, true, maxCodes, firstCode)
	}
	assert.Len(t, m.sms, maxCodes)
	assert.True(t, m.sms[smsKey{smsBind, "13800000099"}], "the newest is kept")
}

package emulator

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestLenient holds the two ways a leniency goes: noted and let pass, or,
// strict, refused with the real test environment's code.
func TestLenient(t *testing.T) {
	tests := []struct {
		name     string
		strict   bool
		wantErr  string
		wantNote int
	}{
		{"noted", false, "", 1},
		{"strict", true, "30012", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := &app{strict: tt.strict}
			serr := a.lenient("test-identity", "30012", "ID number %s is not a test identity", "1101...")
			if tt.wantErr == "" {
				require.Nil(t, serr)
			} else {
				require.NotNil(t, serr)
				assert.Equal(t, tt.wantErr, serr.Code)
				assert.Contains(t, serr.Message, "ID number 1101... is not a test identity")
				assert.Contains(t, serr.Message, "--strict")
			}
			require.Len(t, a.notes, tt.wantNote)
			if tt.wantNote > 0 {
				assert.Equal(t, "test-identity: ID number 1101... is not a test identity (the real test environment answers 30012)",
					a.notes[0].String())
			}
		})
	}
}

package journal

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestLongKeysAreCut: a call's form keys are cut like its values: 16 keys
// of 60 KB in an unsigned call are kept at 1 KB each (review-BB: they were
// kept whole, about 1 MB of journal for one junk request).
func TestLongKeysAreCut(t *testing.T) {
	raw := map[string]string{"sysid": "S", "req": "{}"}
	for i := range 16 {
		raw[strings.Repeat(string(rune('a'+i)), 60<<10)] = "v"
	}
	e := &Entry{SysID: "S", Raw: raw, Signature: SignatureCheck{Verdict: SignatureUnchecked}}
	size := shrink(e)
	assert.True(t, e.Truncated)
	for k := range e.Raw {
		assert.LessOrEqual(t, len(k), otherCut.value+64, "a key of %d bytes kept whole", len(k))
	}
	assert.Less(t, size, 40<<10, "an unsigned entry stays small (TestEntriesAreCut's bound)")
}

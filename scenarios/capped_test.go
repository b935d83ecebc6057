package scenarios

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

// TestCapped: a rule whose delay, hang bound or slow body passes the server's
// --max-delay is named; one within it, or a hang without a bound, is not.
func TestCapped(t *testing.T) {
	f := mustParse(t, "rules:\n"+
		"  - {name: slow, when: {method: createMember}, respond: {delay: 31s}}\n"+
		"  - {name: fine, when: {method: createMember}, respond: {delay: 30s}}\n"+
		"  - {name: long hang, when: {method: createMember}, respond: {hang: 40s}}\n"+
		"  - {name: open hang, when: {method: createMember}, respond: {fault: hang}}\n"+
		"  - {name: late step, when: {method: createMember}, sequence: [{delay: 1s}, {delay: 45s, error: \"9400\"}]}\n"+
		"  - {name: two waits within, when: {method: createMember}, respond: {delay: 20s, hang: 20s}}\n"+
		"  - {name: slow body, when: {method: createMember}, respond: {slow-body: 1m}}\n")
	got := Capped([]*File{f}, 30*time.Second)
	assert.Equal(t, []string{
		"test.yaml:2 slow: waits 31s, above --max-delay 30s: the server waits 30s (raise --max-delay to wait longer)",
		"test.yaml:4 long hang: waits 40s, above --max-delay 30s: the server waits 30s (raise --max-delay to wait longer)",
		"test.yaml:6 late step: waits 45s, above --max-delay 30s: the server waits 30s (raise --max-delay to wait longer)",
		"test.yaml:8 slow body: waits 1m0s, above --max-delay 30s: the server waits 30s (raise --max-delay to wait longer)",
	}, got)
	assert.Empty(t, Capped([]*File{f}, time.Minute))
}

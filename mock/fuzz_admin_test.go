package mock

import (
	"testing"
)

// FuzzParseArm: any body parses into rules or an error, never a panic.
func FuzzParseArm(f *testing.F) {
	f.Add(`{"when":{"method":"refund"},"respond":{"error":{"code":"40014"}}}`)
	f.Add("rules:\n  - when: {method: pay}\n    respond: {delay: 1s}\n")
	f.Add("when: [\n")
	f.Fuzz(func(t *testing.T, body string) {
		_, _ = parseArm("fuzz", []byte(body))
	})
}

package scenarios

import (
	"strings"

	"go.yaml.in/yaml/v3"
)

// ParseRules reads a scenario file, or one rule on its own ({when: ...,
// respond: ...}), which it wraps in a file: what the admin API's
// /__tsymock/arm takes, and mocktest's Arm. The wrapped rule starts on line
// 3 of what is parsed, which errors name.
func ParseRules(source string, body []byte) (*File, error) {
	var top map[string]any
	if err := yaml.Unmarshal(body, &top); err == nil {
		if _, ok := top["rules"]; ok {
			return Parse(source, body)
		}
	}
	var b strings.Builder
	b.WriteString("rules:\n  -\n")
	for line := range strings.Lines(string(body)) {
		b.WriteString("    " + line)
	}
	return Parse(source, []byte(b.String()))
}

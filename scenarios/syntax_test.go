package scenarios

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestSyntaxErrorPosition: a YAML syntax error names the line and column
// of the offending token, not yaml.v3's line of the collection around it
// (a line or more early, probe-Z §7). The expected places are yaml.v3's
// own problem marks, read from a patched copy of it.
func TestSyntaxErrorPosition(t *testing.T) {
	for _, tc := range []struct{ name, src, want string }{
		{"path in flow style", "rules:\n  - when: {method: pay, param: {payMethod.BALANCE[0].amount: 5}}\n    respond: {error: \"9400\"}\n",
			`t.yaml:2:50: syntax: found '[' where ',' or '}' was expected; a param path such as payMethod.BALANCE[0].amount can't be a plain key in flow style`},
		{"path in a later rule", "name: x\nrules:\n  - name: a\n    when: {method: pay}\n    respond: {error: \"9400\"}\n" +
			"  - name: b\n    when: {method: pay, param: {a[0]: 1}}\n    respond: {error: \"9400\"}\n",
			`t.yaml:7:34: syntax: found '['`},
		{"unclosed brace, next line", "rules:\n  - name: b\n    when: {method: pay\n    respond: {error: \"9400\"}\n",
			`t.yaml:4:12: syntax: found ':' where ',' or '}' was expected (in the '{' opened at 3:11: a missing ',' or closing bracket?)`},
		{"unclosed at the end", "rules:\n  - when: {method: pay}\n    respond: {error: \"9400\"\n",
			`t.yaml:3:14: syntax: this '{' is not closed before the end of the file`},
		{"missing comma in JSON", "{\"rules\": [\n  {\"when\": {\"method\": \"pay\"},\n   \"respond\": {\"error\": \"9400\"}}\n  {\"when\": {}, \"respond\": {\"error\": \"9400\"}}\n]}\n",
			`t.yaml:4:3: syntax: found '{' where ',' or ']' was expected (in the '[' opened at 1:11`},
		{"wrong bracket", "rules:\n  - when: {method: [pay, consumeApply}\n    respond: {error: \"9400\"}\n",
			`t.yaml:2:38: syntax: found '}' where ',' or ']' was expected`},
		{"key indented too far", "rules:\n  - name: a\n    when: {method: pay}\n      respond: {error: \"9400\"}\n",
			`t.yaml:4:7: syntax: did not find expected key (is this line indented`},
		{"item indented wrong", "rules:\n  - when: {method: pay}\n    respond: {error: \"9400\"}\n  - when: {method: pay}\n   respond: {error: \"9400\"}\n",
			`t.yaml:5:4: syntax: did not find expected '-' indicator`},
		{"tab", "rules:\n\t- when: {}\n", `t.yaml:2:1: syntax: found character that cannot start any token (YAML indents with spaces`},
		{"key: value in a value", "rules:\n  - when: method: pay\n    respond: {error: \"9400\"}\n",
			`t.yaml:2:17: syntax: mapping values are not allowed in this context`},
		{"open quote", "rules:\n  - when: {method: pay}\n    respond: {error: \"9400}\n  - when: {}\n",
			`t.yaml:3:22: syntax: found unexpected end of stream (this quote is not closed)`},
		{"quoted path is fine in flow style", "rules:\n  - when: {method: pay, param: {\"payMethod.BALANCE[0].amount\": 5}}\n    respond: {error: \"9400\"\n",
			`t.yaml:3:14: syntax: this '{' is not closed`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse("t.yaml", []byte(tc.src))
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
}

// TestArmSyntaxColumn: a rule armed on its own is wrapped in a file; a
// syntax error's column is still the body's own.
func TestArmSyntaxColumn(t *testing.T) {
	_, err := ParseRules("arm", []byte(`{"when": {"param": {a[0]: 1}}, "respond": {"error": "9400"}}`))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "arm:3:22: syntax: found '['")
}

package scenarios

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// FuzzLoad: whatever the file holds, Parse does not panic; it either fails
// with problems that each name the file and a line, or returns rules that
// can be described and decided with.
func FuzzLoad(f *testing.F) {
	for _, name := range BuiltinNames() {
		src, _ := BuiltinSource(name)
		f.Add(src)
	}
	f.Add([]byte("rules:\n  - when: {param: {a.b[0]: {gt: 1, lt: 1e3}}}\n    sequence: [{delay: 1ms}, {ok: {x: '{{param.a | default 1}}'}}]\n"))
	f.Add([]byte(`{"rules":[{"when":{},"respond":{"hang":"1s"}}]}`))
	f.Add([]byte("x: &a [*a]\n"))
	f.Add([]byte("rules:\n- when: {}\n  respond: {ok: {a: '{{now \"yyyy\" | string}}'}}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		file, err := Parse("fuzz.yaml", data)
		if err != nil {
			errs := AsErrors(err)
			require.NotEmpty(t, errs, "%v", err)
			for _, e := range errs {
				require.Equal(t, "fuzz.yaml", e.File)
			}
			return
		}
		s := newSet(t, file)
		for _, r := range file.Rules {
			_ = Describe(r)
		}
		_ = s.Decide(Request{Service: "OrderService", Method: "consumeApply",
			Param: map[string]any{"a": map[string]any{"b": []any{"1"}}, "bizOrderNo": "x"}})
	})
}

// FuzzParseRules: any body parses into rules or an error, never a panic.
func FuzzParseRules(f *testing.F) {
	f.Add(`{"when":{"method":"refund"},"respond":{"error":{"code":"40014"}}}`)
	f.Add("rules:\n  - when: {method: pay}\n    respond: {delay: 1s}\n")
	f.Add("when: [\n")
	f.Fuzz(func(t *testing.T, body string) {
		_, _ = ParseRules("fuzz", []byte(body))
	})
}

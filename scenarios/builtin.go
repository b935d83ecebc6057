package scenarios

import (
	"embed"
	"io/fs"
	"path"
	"slices"
	"strings"
)

// builtinPrefix marks an embedded example in a path: "builtin:NAME".
const builtinPrefix = "builtin:"

// examples are the example scenario files of this folder, built into the
// binary so that "--scenarios builtin:payment-failures" works anywhere.
//
//go:embed *.yaml
var examples embed.FS

// BuiltinNames lists the embedded examples, sorted.
func BuiltinNames() []string {
	entries, _ := fs.ReadDir(examples, ".")
	names := make([]string, 0, len(entries))
	for _, e := range entries {
		names = append(names, strings.TrimSuffix(e.Name(), path.Ext(e.Name())))
	}
	slices.Sort(names)
	return names
}

// Builtin parses an embedded example by name ("payment-failures", with or
// without ".yaml"). Its source is "builtin:NAME".
func Builtin(name string) (*File, error) {
	name = strings.TrimSuffix(name, ".yaml")
	data, err := examples.ReadFile(name + ".yaml")
	if err != nil || strings.ContainsAny(name, "/*") {
		return nil, Errors{{File: builtinPrefix + name,
			Msg: "no such built-in scenario (built in: " + strings.Join(BuiltinNames(), ", ") + ")"}}
	}
	return Parse(builtinPrefix+name, data)
}

// BuiltinSource returns the embedded text of an example.
func BuiltinSource(name string) ([]byte, bool) {
	data, err := examples.ReadFile(strings.TrimSuffix(name, ".yaml") + ".yaml")
	return data, err == nil
}

// expandBuiltin expands "builtin:NAME" or "builtin:*".
func expandBuiltin(name string) ([]string, error) {
	if name == "*" {
		var out []string
		for _, n := range BuiltinNames() {
			out = append(out, builtinPrefix+n)
		}
		return out, nil
	}
	if _, ok := BuiltinSource(name); !ok {
		_, err := Builtin(name)
		return nil, err
	}
	return []string{builtinPrefix + strings.TrimSuffix(name, ".yaml")}, nil
}

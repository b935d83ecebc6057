package proxy

import (
	"fmt"
	"path"
	"regexp"
	"sync"
)

// Patterns are glob patterns (path.Match: * ? [a-z]) of fields: a pattern
// matches a field's own name ("orderNo", "*Time") or its dotted path
// without array indexes ("bindCardList.bankCardNo", "payMethod.*.amount").
type Patterns []string

// Check reports the first pattern that is not a valid glob.
func (ps Patterns) Check() error {
	for _, p := range ps {
		if _, err := path.Match(p, ""); err != nil {
			return fmt.Errorf("proxy: field pattern %q: %w", p, err)
		}
	}
	return nil
}

// Match reports whether a pattern matches the field at fieldPath (dotted,
// with [i] indexes) whose own name is name.
func (ps Patterns) Match(fieldPath, name string) bool {
	plain := ""
	for _, p := range ps {
		if ok, _ := path.Match(p, name); ok {
			return true
		}
		if plain == "" {
			plain = stripIndexes(fieldPath)
		}
		if ok, _ := path.Match(p, plain); ok {
			return true
		}
	}
	return false
}

// indexes are the [i] of a path.
var indexes = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`\[\d+\]`) }) // compiled on first use: nothing at start

// stripIndexes is a path without its array indexes.
func stripIndexes(p string) string { return indexes().ReplaceAllString(p, "") }

// generalIndexes writes every [i] of a path as [], so that the same field of
// every item of a list is one entry of a summary.
func generalIndexes(p string) string { return indexes().ReplaceAllString(p, "[]") }

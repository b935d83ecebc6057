package scenarios

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

// decoder reads a YAML node tree strictly, collecting every problem with
// its line instead of stopping at the first.
type decoder struct {
	file string
	errs Errors
}

// errorf records a problem at n's line.
func (d *decoder) errorf(n *yaml.Node, format string, args ...any) {
	if len(d.errs) < maxErrors {
		d.errs = append(d.errs, errorf(d.file, n.Line, format, args...))
	}
}

// mapping calls fn for each key of a mapping node in file order. It reports
// a node that is not a mapping, keys that are not plain strings, duplicate
// keys, and keys outside known (with the closest known key as a hint). It
// returns false when n is not a mapping.
func (d *decoder) mapping(n *yaml.Node, what string, known []string, fn func(key string, k, v *yaml.Node)) bool {
	if n.Kind != yaml.MappingNode {
		d.errorf(n, "%s must be a mapping (key: value), got %s", what, kindName(n))
		return false
	}
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			d.errorf(k, "%s: keys must be plain text, got %s", what, kindName(k))
			continue
		}
		switch {
		case seen[k.Value]:
			d.errorf(k, "%s: key %q appears twice", what, k.Value)
		case known != nil && !slices.Contains(known, k.Value):
			d.errorf(k, "%s: unknown key %q%s", what, k.Value, hint(k.Value, known))
		default:
			fn(k.Value, k, v)
		}
		seen[k.Value] = true
	}
	return true
}

// hint is " (did you mean "x"?)" for the known word closest to word, or
// " (known: a, b, c)" when none is close.
func hint(word string, known []string) string {
	if best, ok := closest(word, known); ok {
		return didYouMean(best)
	}
	return " (known: " + strings.Join(known, ", ") + ")"
}

// closest is the known word within two edits of word, case aside, nearest
// first; ok is false when none is that close.
func closest(word string, known []string) (best string, ok bool) {
	bestD := 3
	for _, k := range known {
		if d := editDistance(strings.ToLower(word), strings.ToLower(k)); d < bestD {
			best, bestD = k, d
		}
	}
	return best, best != ""
}

// didYouMean is the hint naming the word meant.
func didYouMean(word string) string { return fmt.Sprintf(" (did you mean %q?)", word) }

// scalar returns the text of a scalar node.
func (d *decoder) scalar(n *yaml.Node, what string) (string, bool) {
	if n.Kind != yaml.ScalarNode {
		d.errorf(n, "%s must be a single value, got %s", what, kindName(n))
		return "", false
	}
	return n.Value, true
}

// text returns a scalar that YAML reads as a string (or a number, whose text
// is kept exactly: sysid 100000000002 is the same as "100000000002").
func (d *decoder) text(n *yaml.Node, what string) (string, bool) {
	s, ok := d.scalar(n, what)
	if !ok {
		return "", false
	}
	switch n.ShortTag() {
	case "!!str", "!!int", "!!float":
		return s, true
	}
	d.errorf(n, "%s must be text, got %s", what, kindName(n))
	return "", false
}

// texts reads one text value or a list of them.
func (d *decoder) texts(n *yaml.Node, what string) ([]string, bool) {
	if n.Kind != yaml.SequenceNode {
		s, ok := d.text(n, what)
		return []string{s}, ok
	}
	if len(n.Content) == 0 {
		d.errorf(n, "%s: the list is empty", what)
		return nil, false
	}
	out := make([]string, 0, len(n.Content))
	for _, item := range n.Content {
		s, ok := d.text(item, what)
		if !ok {
			return nil, false
		}
		out = append(out, s)
	}
	return out, true
}

// boolean reads true or false.
func (d *decoder) boolean(n *yaml.Node, what string) (bool, bool) {
	if n.Kind == yaml.ScalarNode && n.ShortTag() == "!!bool" {
		b, err := strconv.ParseBool(strings.ToLower(n.Value))
		return b, err == nil
	}
	d.errorf(n, "%s must be true or false, got %s", what, kindName(n))
	return false, false
}

// duration reads a Go duration such as "250ms", "3s" or "1m30s".
func (d *decoder) duration(n *yaml.Node, what string) (time.Duration, bool) {
	s, ok := d.scalar(n, what)
	if !ok {
		return 0, false
	}
	v, err := time.ParseDuration(s)
	switch {
	case err != nil:
		d.errorf(n, "%s must be a duration such as 250ms, 3s or 1m, got %q", what, s)
		return 0, false
	case v < 0:
		d.errorf(n, "%s must not be negative, got %s", what, s)
		return 0, false
	}
	return v, true
}

// count reads a whole number of at least 1.
func (d *decoder) count(n *yaml.Node, what string) (int64, bool) {
	s, ok := d.scalar(n, what)
	if !ok {
		return 0, false
	}
	v, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n.ShortTag() != "!!int" || v < 1 {
		d.errorf(n, "%s must be a whole number of at least 1, got %q", what, s)
		return 0, false
	}
	return v, true
}

// kindName names what a node holds, for messages.
func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.AliasNode:
		return "an alias"
	case yaml.ScalarNode:
		return strings.TrimPrefix(n.ShortTag(), "!!") + " " + strconv.Quote(clip(n.Value))
	}
	return "nothing"
}

// clip shortens a value quoted in a message.
func clip(s string) string {
	if r := []rune(s); len(r) > 40 {
		return string(r[:40]) + "…"
	}
	return s
}

// editDistance is the Levenshtein distance, for "did you mean" hints.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}

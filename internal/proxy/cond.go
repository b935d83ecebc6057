package proxy

import (
	"encoding/json"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/tsymock/tsymock/internal/emulator"
	"github.com/tsymock/tsymock/internal/journal"
	"github.com/tsymock/tsymock/internal/soa"
)

// condition is one param condition of a recorded rule: a path into param
// and the node that tests it (a value for equality, or a mapping of
// operators).
type condition struct {
	path  string
	node  *yaml.Node
	text  string // the condition as text, for the rule's key
	label string // the condition for people, for the rule's name
}

// conditions are the params that identify the call, one condition per
// scalar, sorted by path. Left out: the params the ignore patterns name,
// the ones the method does not have (a rule may only name those), and keys
// a path cannot spell. An encrypted field tsymock cannot open is matched by
// its presence only (its ciphertext changes with every call); one it opens,
// and a card or identity number sent in clear, by its masked pattern
// (^622202.{8}0123$), so that no full number is written.
func (r *Recorder) conditions(rec Recording) []condition {
	roots := rootNames(rec.Method)
	var out []condition
	flatten("", "", rec.Param, func(path, name string, v any) {
		switch root := rootOf(path); {
		case roots != nil && !slices.Contains(roots, root):
		case r.ignore.Match(path, name):
		case rec.Sealed[path]:
			out = append(out, operatorCond(path, "present", "true", "!!bool"))
		default:
			out = append(out, r.valueCond(path, name, v, rec.Opened))
		}
	})
	slices.SortFunc(out, func(a, b condition) int { return strings.Compare(a.path, b.path) })
	return out
}

// valueCond matches a scalar: its value, or the masked pattern of a
// secret.
func (r *Recorder) valueCond(path, name string, v any, opened map[string]string) condition {
	if plain, ok := opened[path]; ok {
		return secretCond(path, plain)
	}
	if text, ok := scalarText(v); ok && journal.IsSensitive(name) && text != "" && !journal.IsCiphertext(text) {
		return secretCond(path, text)
	}
	if v == nil {
		return operatorCond(path, "absent", "true", "!!bool")
	}
	if text, ok := v.(string); ok && !journal.IsIdentifier(name) {
		if spans := journal.NumberSpans(text); len(spans) > 0 {
			return freeTextCond(path, text, spans)
		}
	}
	node := scalarNode(v)
	return condition{path: path, node: node, text: path + " = " + node.Tag + " " + node.Value,
		label: path + "=" + clipRunes(node.Value, 24)}
}

// secretCond matches a card or identity number by its first six and last
// four characters and its length, as the journal shows it; a shorter
// secret (a CVV2, a validity) by its presence.
func secretCond(path, plain string) condition {
	runes := []rune(plain)
	if len(runes) <= 10 {
		return operatorCond(path, "present", "true", "!!bool")
	}
	c := operatorCond(path, "regex", "^"+maskedPattern(plain)+"$", "!!str")
	c.text = path + " ~ " + emulator.MaskNumber(plain)
	c.label = path + "=" + emulator.MaskNumber(plain)
	return c
}

// maskedPattern matches a number (more than 10 characters) by what its
// mask shows: its first six and last four characters, and its length.
func maskedPattern(plain string) string {
	runes := []rune(plain)
	return regexp.QuoteMeta(string(runes[:6])) + ".{" + strconv.Itoa(len(runes)-10) + "}" +
		regexp.QuoteMeta(string(runes[len(runes)-4:]))
}

// freeTextCond matches a free text that holds card or identity numbers
// (at spans) by a pattern that writes none in full: the text as it is
// around them, each number by its first six and last four characters and
// its length, as the journal shows it.
func freeTextCond(path, text string, spans [][2]int) condition {
	var re strings.Builder
	re.WriteString("^")
	last := 0
	for _, s := range spans {
		re.WriteString(regexp.QuoteMeta(text[last:s[0]]))
		re.WriteString(maskedPattern(text[s[0]:s[1]]))
		last = s[1]
	}
	re.WriteString(regexp.QuoteMeta(text[last:]) + "$")
	masked := journal.MaskNumbers(text)
	c := operatorCond(path, "regex", re.String(), "!!str")
	c.text = path + " ~ " + masked
	c.label = path + "=" + clipRunes(masked, 24)
	return c
}

// operatorCond is `path: {op: value}`.
func operatorCond(path, op, value, tag string) condition {
	node := mapping(str(op), &yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: value})
	node.Style = yaml.FlowStyle // {present: true}
	return condition{path: path, node: node, text: path + " " + op + " " + value, label: path + " " + op}
}

// rootNames are the method's top-level params, nil when it takes any.
func rootNames(m *soa.Method) []string {
	names := make([]string, 0, len(m.Params))
	for _, p := range m.Params {
		if p.Name == soa.Wildcard {
			return nil
		}
		names = append(names, p.Name)
	}
	return names
}

// rootOf is the first key of a path.
func rootOf(path string) string {
	if i := strings.IndexAny(path, ".["); i >= 0 {
		return path[:i]
	}
	return path
}

// flatten calls fn with every scalar of decoded JSON, its path
// ("payMethod.BALANCE[0].amount") and the name of its key. Empty objects
// and lists have nothing to match; keys holding '.', '[' or ']', or empty,
// cannot be written in a path and are left out.
func flatten(prefix, name string, v any, fn func(path, name string, v any)) {
	switch x := v.(type) {
	case map[string]any:
		for _, k := range slices.Sorted(maps.Keys(x)) {
			if k == "" || strings.ContainsAny(k, ".[]") || !utf8.ValidString(k) {
				continue
			}
			flatten(soa.JoinPath(prefix, k), k, x[k], fn)
		}
	case []any:
		for i, item := range x {
			flatten(prefix+"["+strconv.Itoa(i)+"]", name, item, fn)
		}
	default:
		fn(prefix, name, v)
	}
}

// scalarText is a string, or a number's text.
func scalarText(v any) (string, bool) {
	switch x := v.(type) {
	case string:
		return x, true
	case json.Number:
		return string(x), true
	}
	return "", false
}

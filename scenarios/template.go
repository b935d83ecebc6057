package scenarios

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/tsymock/tsymock/internal/soa"
)

// tmpl is a compiled answer value: a constant, a text with {{ }}
// expressions, or an object or array of them.
type tmpl interface {
	eval(e *env) (any, error)
}

// constant is a number, bool or null written in the file.
type constant struct{ v any }

func (c constant) eval(*env) (any, error) { return c.v, nil }

// text is a string with expressions. A string that is exactly one
// expression keeps the expression's type: "{{param.amount}}" answers the
// number 100, not the string "100".
type text struct {
	parts []part
}

// part is literal text or an expression.
type part struct {
	lit string
	x   *expr
}

func (t *text) eval(e *env) (any, error) {
	if len(t.parts) == 1 && t.parts[0].x != nil {
		return t.parts[0].x.eval(e)
	}
	var b strings.Builder
	for _, p := range t.parts {
		if p.x == nil {
			b.WriteString(p.lit)
			continue
		}
		v, err := p.x.eval(e)
		if err != nil {
			return nil, err
		}
		b.WriteString(textOf(v))
	}
	return b.String(), nil
}

// object is a mapping whose values are templates.
type object struct {
	keys []string
	vals []tmpl
}

func (o *object) eval(e *env) (any, error) {
	out := make(map[string]any, len(o.keys))
	for i, k := range o.keys {
		v, err := o.vals[i].eval(e)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", k, err)
		}
		out[k] = v
	}
	return out, nil
}

// list is a sequence whose items are templates.
type list struct{ items []tmpl }

func (l *list) eval(e *env) (any, error) {
	out := make([]any, len(l.items))
	for i, item := range l.items {
		v, err := item.eval(e)
		if err != nil {
			return nil, fmt.Errorf("[%d]: %w", i, err)
		}
		out[i] = v
	}
	return out, nil
}

// fixed reports whether t holds no expression: it evaluates to the same
// value for every call.
func fixed(t tmpl) bool {
	switch t := t.(type) {
	case constant:
		return true
	case *text:
		return !slices.ContainsFunc(t.parts, func(p part) bool { return p.x != nil })
	case *object:
		return !slices.ContainsFunc(t.vals, func(v tmpl) bool { return !fixed(v) })
	case *list:
		return !slices.ContainsFunc(t.items, func(v tmpl) bool { return !fixed(v) })
	}
	return false
}

// fixedValue is the value of an ok body without expressions and its JSON
// text, made once when the file is loaded rather than for every call
// (encoding it was about 2 µs of a canned answer's 35); nil and "" for a
// body with expressions.
func fixedValue(body *object) (map[string]any, string) {
	if !fixed(body) {
		return nil, ""
	}
	v, err := body.eval(nil) // no expression reads the call
	if err != nil {
		return nil, ""
	}
	text, err := soa.MarshalValue(v)
	if err != nil {
		return nil, ""
	}
	m, _ := v.(map[string]any)
	return m, text
}

// parseText compiles a string with {{ }} expressions.
func parseText(s string) (*text, error) {
	t := &text{}
	for s != "" {
		start := strings.Index(s, "{{")
		if start < 0 {
			t.parts = append(t.parts, part{lit: s})
			break
		}
		end := strings.Index(s[start:], "}}")
		if end < 0 {
			return nil, fmt.Errorf("%q has a {{ without its }}", clip(s[start:]))
		}
		if start > 0 {
			t.parts = append(t.parts, part{lit: s[:start]})
		}
		x, err := parseExpr(s[start+2 : start+end])
		if err != nil {
			return nil, fmt.Errorf("{{%s}}: %w", s[start+2:start+end], err)
		}
		t.parts = append(t.parts, part{x: x})
		s = s[start+end+2:]
	}
	return t, nil
}

// template compiles an answer value written in the file.
func (d *decoder) template(n *yaml.Node) (tmpl, bool) {
	switch n.Kind {
	case yaml.MappingNode:
		return d.object(n)
	case yaml.SequenceNode:
		l := &list{}
		for _, item := range n.Content {
			t, ok := d.template(item)
			if !ok {
				return nil, false
			}
			l.items = append(l.items, t)
		}
		return l, true
	case yaml.ScalarNode:
		return d.scalarTemplate(n)
	}
	d.errorf(n, "unexpected %s in an answer", kindName(n))
	return nil, false
}

// object compiles a mapping of an answer.
func (d *decoder) object(n *yaml.Node) (*object, bool) {
	o := &object{}
	ok := d.mapping(n, "answer", nil, func(key string, _, v *yaml.Node) {
		t, good := d.template(v)
		if good {
			o.keys, o.vals = append(o.keys, key), append(o.vals, t)
		}
	})
	return o, ok && len(o.keys)*2 == len(n.Content)
}

// scalarTemplate compiles a scalar: numbers stay numbers (their text is
// kept exactly), strings may hold expressions.
func (d *decoder) scalarTemplate(n *yaml.Node) (tmpl, bool) {
	switch n.ShortTag() {
	case "!!null":
		return constant{nil}, true
	case "!!bool":
		b, ok := d.boolean(n, "value")
		return constant{b}, ok
	case "!!int", "!!float":
		return d.number(n)
	case "!!str", "!!timestamp":
		t, err := parseText(n.Value)
		if err != nil {
			d.errorf(n, "template: %v", err)
			return nil, false
		}
		return t, true
	}
	d.errorf(n, "values tagged %s are not supported", n.Tag)
	return nil, false
}

// number keeps a number's text when it is JSON, and rewrites YAML-only
// forms (0x1F) as JSON.
func (d *decoder) number(n *yaml.Node) (tmpl, bool) {
	if jsonNumber().MatchString(n.Value) {
		return constant{json.Number(n.Value)}, true
	}
	r, ok := yamlNumber(n.Value)
	if !ok || !r.IsInt() {
		d.errorf(n, "%q is not a number JSON can carry", n.Value)
		return nil, false
	}
	return constant{json.Number(r.Num().String())}, true
}

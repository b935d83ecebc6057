package scenarios

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strings"

	"go.yaml.in/yaml/v3"
)

// cond is one param condition of a rule's when: every test must hold for
// the value at path.
type cond struct {
	key   *yaml.Node // where the condition is written, for messages
	path  Path
	desc  string
	tests []test
}

// test checks the value at a path; found is false when the path leads
// nowhere or to a JSON null.
type test func(v any, found bool) bool

// operators are the keys of a condition written as a mapping.
func operators() []string {
	return []string{"eq", "ne", "in", "regex", "present", "absent", "gt", "gte", "lt", "lte"}
}

// match reports whether the condition holds for a request's params.
func (c *cond) match(param map[string]any) bool {
	v, found := c.path.Lookup(param)
	if v == nil {
		found = false
	}
	for _, t := range c.tests {
		if !t(v, found) {
			return false
		}
	}
	return true
}

// condition compiles `path: value` (equality) or `path: {op: operand, ...}`
// (every operator must hold).
func (d *decoder) condition(k, v *yaml.Node) (*cond, bool) {
	path, err := ParsePath(k.Value)
	if err != nil {
		d.errorf(k, "param path %q: %v", k.Value, err)
		return nil, false
	}
	c := &cond{key: k, path: path}
	if v.Kind != yaml.MappingNode {
		t, ok := d.operator("eq", v)
		c.tests, c.desc = []test{t}, path.raw+" = "+v.Value
		return c, ok
	}
	var descs []string
	ok := true
	d.mapping(v, "condition on "+path.raw, operators(), func(op string, _, operand *yaml.Node) {
		t, good := d.operator(op, operand)
		ok = ok && good
		c.tests = append(c.tests, t)
		descs = append(descs, op+" "+operandText(operand))
	})
	if len(c.tests) == 0 && ok {
		d.errorf(v, "condition on %s has no operator; use one of %s", path.raw, strings.Join(operators(), ", "))
		ok = false
	}
	c.desc = path.raw + " " + strings.Join(descs, " and ")
	return c, ok
}

// operandText shows an operand in a rule's description.
func operandText(n *yaml.Node) string {
	if n.Kind == yaml.SequenceNode {
		parts := make([]string, len(n.Content))
		for i, item := range n.Content {
			parts[i] = item.Value
		}
		return "[" + strings.Join(parts, ", ") + "]"
	}
	return n.Value
}

// operator compiles one operator and its operand.
func (d *decoder) operator(op string, n *yaml.Node) (test, bool) {
	switch op {
	case "eq", "ne":
		o, ok := d.operand(n, op)
		return equality(o, op == "ne"), ok
	case "in":
		return d.oneOf(n)
	case "regex":
		return d.regex(n)
	case "present", "absent":
		want, ok := d.boolean(n, op)
		return func(_ any, found bool) bool { return found == (want == (op == "present")) }, ok
	}
	return d.compare(op, n)
}

// equality is eq (or ne, negated). A missing value equals nothing.
func equality(o operand, negate bool) test {
	return func(v any, found bool) bool {
		return (found && o.equals(v)) != negate
	}
}

// oneOf is `in: [a, b, c]`: equal to any of them.
func (d *decoder) oneOf(n *yaml.Node) (test, bool) {
	if n.Kind != yaml.SequenceNode || len(n.Content) == 0 {
		d.errorf(n, "in must be a non-empty list of values, got %s", kindName(n))
		return nil, false
	}
	ops := make([]operand, 0, len(n.Content))
	for _, item := range n.Content {
		o, ok := d.operand(item, "in")
		if !ok {
			return nil, false
		}
		ops = append(ops, o)
	}
	return func(v any, found bool) bool {
		for _, o := range ops {
			if found && o.equals(v) {
				return true
			}
		}
		return false
	}, true
}

// regex is `regex: RE2`, unanchored, against a scalar's text.
func (d *decoder) regex(n *yaml.Node) (test, bool) {
	s, ok := d.text(n, "regex")
	if !ok {
		return nil, false
	}
	re, err := regexp.Compile(s)
	if err != nil {
		d.errorf(n, "regex %q: %v", s, err)
		return nil, false
	}
	return func(v any, found bool) bool {
		text, ok := scalarText(v)
		return found && ok && re.MatchString(text)
	}, true
}

// compare is gt, gte, lt or lte against a number.
func (d *decoder) compare(op string, n *yaml.Node) (test, bool) {
	o, ok := d.operand(n, op)
	if ok && o.num == nil {
		d.errorf(n, "%s needs a number, got %s", op, kindName(n))
		ok = false
	}
	want := map[string]func(int) bool{
		"gt": func(c int) bool { return c > 0 }, "gte": func(c int) bool { return c >= 0 },
		"lt": func(c int) bool { return c < 0 }, "lte": func(c int) bool { return c <= 0 },
	}[op]
	return func(v any, found bool) bool {
		x, isNum := numberOf(v)
		return found && isNum && want(x.Cmp(o.num))
	}, ok
}

// scalarText is the text of a scalar JSON value: a string itself, a number
// as written, true or false. Objects and arrays have none.
func scalarText(v any) (string, bool) {
	switch x := v.(type) {
	case string:
		return x, true
	case json.Number:
		return string(x), true
	case bool, float64, float32, int, int64, int32, uint, uint64, uint32:
		return fmt.Sprint(x), true
	}
	return "", false
}

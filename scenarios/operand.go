package scenarios

import (
	"math/big"
	"regexp"
	"strconv"
	"sync"

	"go.yaml.in/yaml/v3"
)

// operand is the value a condition compares with: its text and, when the
// file wrote a number, its numeric value.
type operand struct {
	text string
	num  *big.Rat
}

// operand reads a scalar operand. A YAML number compares numerically with
// numbers and numeric strings (amount: 100 matches 100, 100.0 and "100");
// a quoted value compares as text ("0100" matches only "0100").
func (d *decoder) operand(n *yaml.Node, op string) (operand, bool) {
	if n.Kind != yaml.ScalarNode || n.ShortTag() == "!!null" {
		d.errorf(n, "%s needs a single value, got %s (to test for a missing param use absent: true)", op, kindName(n))
		return operand{}, false
	}
	o := operand{text: n.Value}
	switch n.ShortTag() {
	case "!!int", "!!float":
		num, ok := yamlNumber(n.Value)
		if !ok {
			d.errorf(n, "%s: %q is not a finite number", op, n.Value)
			return operand{}, false
		}
		o.num = num
	case "!!str", "!!bool", "!!timestamp":
	default:
		d.errorf(n, "%s: values tagged %s are not supported", op, n.Tag)
		return operand{}, false
	}
	return o, true
}

// equals compares a request value with the operand.
func (o operand) equals(v any) bool {
	if o.num != nil {
		if x, ok := numberOf(v); ok {
			return x.Cmp(o.num) == 0
		}
	}
	text, ok := scalarText(v)
	return ok && text == o.text
}

// jsonNumber is the JSON number syntax, with the exponent bounded so that
// no request can make tsymock build a huge number. It is compiled when
// first used, not at every start of a server.
var jsonNumber = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]{1,3})?$`)
})

// numberOf reads a request value as a number: a JSON number, or a string
// holding one in JSON syntax (the platform coerces "100" to 100).
func numberOf(v any) (*big.Rat, bool) {
	text, ok := scalarText(v)
	if !ok || len(text) > 400 || !jsonNumber().MatchString(text) {
		return nil, false
	}
	return new(big.Rat).SetString(text)
}

// yamlNumber reads a number as YAML writes it: JSON syntax, or an integer
// in another base (0x1F, 0o17).
func yamlNumber(s string) (*big.Rat, bool) {
	if r, ok := numberOf(s); ok {
		return r, true
	}
	if n, err := strconv.ParseInt(s, 0, 64); err == nil {
		return new(big.Rat).SetInt64(n), true
	}
	return nil, false
}

package scenarios

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// expr is one template expression, "head arg... | fn arg... | ...": the
// value of each stage is passed to the next as its last argument, as in Go
// templates.
type expr struct {
	stages []stage
}

// stage is a function call, or (first stage only) a lone literal or path.
type stage struct {
	fn   string
	args []arg
}

// arg is a literal value or a param path.
type arg struct {
	value any
	path  *Path
}

// arity is how many arguments each function takes (piped value included).
func arity(fn string) (lo, hi int, ok bool) {
	switch fn {
	case "sysid", "service", "method", "uuid", "number", "call", "millis":
		return 0, 0, true
	case "now":
		return 0, 1, true
	case "string", "int":
		return 1, 1, true
	case "default":
		return 2, 2, true
	}
	return 0, 0, false
}

// functionNames lists the template functions, for messages.
func functionNames() string {
	return "param.PATH, sysid, service, method, now, millis, uuid, number, call, string, int, default"
}

// parseExpr parses the text between {{ and }}.
func parseExpr(src string) (*expr, error) {
	tokens, err := tokenize(src)
	if err != nil {
		return nil, err
	}
	x := &expr{}
	for i, seg := range splitPipes(tokens) {
		st, err := parseStage(seg, i == 0)
		if err != nil {
			return nil, err
		}
		x.stages = append(x.stages, st)
	}
	return x, x.checkArity()
}

// token is a word, a quoted string or a pipe.
type token struct {
	text   string
	quoted bool
}

// tokenize splits an expression into words, "quoted" or 'quoted' strings
// and pipes.
func tokenize(src string) ([]token, error) {
	var out []token
	for src = strings.TrimSpace(src); src != ""; src = strings.TrimSpace(src) {
		switch c := src[0]; {
		case c == '|':
			out, src = append(out, token{text: "|"}), src[1:]
		case c == '"' || c == '\'':
			s, rest, err := quoted(src)
			if err != nil {
				return nil, err
			}
			out, src = append(out, token{text: s, quoted: true}), rest
		default:
			end := strings.IndexAny(src, " \t\n|\"'")
			if end < 0 {
				end = len(src)
			}
			out, src = append(out, token{text: src[:end]}), src[end:]
		}
	}
	if len(out) == 0 {
		return nil, errors.New("empty {{ }}")
	}
	return out, nil
}

// quoted reads a "Go-escaped" or 'raw' string at the start of src.
func quoted(src string) (string, string, error) {
	if src[0] == '\'' {
		end := strings.IndexByte(src[1:], '\'')
		if end < 0 {
			return "", "", errors.New("unterminated 'string'")
		}
		return src[1 : end+1], src[end+2:], nil
	}
	prefix, err := strconv.QuotedPrefix(src)
	if err != nil {
		return "", "", errors.New("unterminated or invalid \"string\"")
	}
	s, _ := strconv.Unquote(prefix)
	return s, src[len(prefix):], nil
}

// splitPipes cuts the tokens at each pipe.
func splitPipes(tokens []token) [][]token {
	segs := [][]token{nil}
	for _, t := range tokens {
		if t.text == "|" && !t.quoted {
			segs = append(segs, nil)
			continue
		}
		segs[len(segs)-1] = append(segs[len(segs)-1], t)
	}
	return segs
}

// parseStage reads "fn arg...", or a lone literal or path when first.
func parseStage(seg []token, first bool) (stage, error) {
	if len(seg) == 0 {
		return stage{}, errors.New("a '|' needs a function on both sides")
	}
	head := seg[0]
	if first && len(seg) == 1 && (head.quoted || strings.HasPrefix(head.text, "param.") || jsonNumber().MatchString(head.text)) {
		a, err := parseArg(head)
		return stage{args: []arg{a}}, err
	}
	if _, _, ok := arity(head.text); head.quoted || !ok {
		return stage{}, fmt.Errorf("unknown function %q (functions: %s)", head.text, functionNames())
	}
	st := stage{fn: head.text}
	for _, t := range seg[1:] {
		a, err := parseArg(t)
		if err != nil {
			return stage{}, err
		}
		st.args = append(st.args, a)
	}
	return st, nil
}

// parseArg reads a literal ("text", 'text', a number) or param.PATH.
func parseArg(t token) (arg, error) {
	switch {
	case t.quoted:
		return arg{value: t.text}, nil
	case jsonNumber().MatchString(t.text):
		return arg{value: json.Number(t.text)}, nil
	case strings.HasPrefix(t.text, "param."):
		p, err := ParsePath(strings.TrimPrefix(t.text, "param."))
		if err != nil {
			return arg{}, fmt.Errorf("%s: %w", t.text, err)
		}
		return arg{path: &p}, nil
	}
	return arg{}, fmt.Errorf("argument %q must be a \"string\", a number or param.PATH", t.text)
}

// checkArity checks every function gets as many arguments as it takes.
func (x *expr) checkArity() error {
	for i, st := range x.stages {
		if st.fn == "" {
			continue
		}
		n := len(st.args)
		if i > 0 {
			n++ // the piped value
		}
		lo, hi, _ := arity(st.fn)
		if n < lo || n > hi {
			return fmt.Errorf("%s takes %d to %d arguments (a piped value counts), got %d", st.fn, lo, hi, n)
		}
	}
	return nil
}

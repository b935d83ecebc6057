package scenarios

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/tsymock/tsymock/internal/soa"
)

// env is what a template reads while it answers one call.
type env struct {
	req  *Request
	now  time.Time
	ids  IDs
	call int64 // the rule's use number, from 1
}

// eval runs an expression.
func (x *expr) eval(e *env) (any, error) {
	var piped any
	for i, st := range x.stages {
		args := make([]any, 0, len(st.args)+1)
		for _, a := range st.args {
			args = append(args, a.eval(e))
		}
		if i > 0 {
			args = append(args, piped)
		}
		v, err := call(e, st.fn, args)
		if err != nil {
			return nil, err
		}
		piped = v
	}
	return piped, nil
}

// eval is the literal, or a copy of the param at the path (nil if absent).
func (a arg) eval(e *env) any {
	if a.path == nil {
		return a.value
	}
	v, _ := a.path.Lookup(e.req.Param)
	return copyValue(v)
}

// call runs one function; the arity was checked when the file was loaded.
func call(e *env, fn string, args []any) (any, error) {
	switch fn {
	case "":
		return args[0], nil
	case "sysid":
		return e.req.SysID, nil
	case "service":
		return e.req.Service, nil
	case "method":
		return e.req.Method, nil
	case "now":
		return formatTime(e.now, append(args, "yyyy-MM-dd HH:mm:ss")[0]), nil
	case "millis":
		return json.Number(strconv.FormatInt(e.now.UnixMilli(), 10)), nil
	case "uuid":
		return e.ids.UUID(), nil
	case "number":
		return e.ids.Number(), nil
	case "call":
		return json.Number(strconv.FormatInt(e.call, 10)), nil
	}
	return convert(fn, args)
}

// convert runs the functions that only transform their arguments.
func convert(fn string, args []any) (any, error) {
	switch fn {
	case "string":
		return textOf(args[0]), nil
	case "int":
		return toInt(args[0])
	case "default":
		if args[1] == nil || args[1] == "" {
			return args[0], nil
		}
		return args[1], nil
	}
	return nil, fmt.Errorf("unknown function %q", fn)
}

// toInt reads a number or a string holding one as a whole JSON number.
func toInt(v any) (any, error) {
	r, ok := numberOf(v)
	if !ok || !r.IsInt() {
		return nil, fmt.Errorf("int: %s is not a whole number", textOrNull(v))
	}
	return json.Number(r.Num().String()), nil
}

// textOrNull shows a value in a message.
func textOrNull(v any) string {
	if v == nil {
		return "null"
	}
	return strconv.Quote(textOf(v))
}

// textOf renders a value inside text: strings as they are, numbers as
// written, null as nothing, objects and arrays as compact JSON.
func textOf(v any) string {
	if v == nil {
		return ""
	}
	if s, ok := scalarText(v); ok {
		return s
	}
	s, err := soa.MarshalValue(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return s
}

// formatTime writes t in China time with a Java-style pattern: yyyy, MM,
// dd, HH, mm, ss and SSS are replaced, everything else is kept.
func formatTime(t time.Time, pattern any) string {
	t = t.In(soa.Shanghai())
	p := textOf(pattern)
	var b strings.Builder
	for p != "" {
		tok, val := timeToken(t, p)
		if tok == "" {
			b.WriteByte(p[0])
			p = p[1:]
			continue
		}
		b.WriteString(val)
		p = p[len(tok):]
	}
	return b.String()
}

// timeToken recognises the pattern token at the start of p.
func timeToken(t time.Time, p string) (string, string) {
	fields := []struct {
		tok   string
		value int
	}{
		{"yyyy", t.Year()}, {"SSS", t.Nanosecond() / 1e6}, {"MM", int(t.Month())},
		{"dd", t.Day()}, {"HH", t.Hour()}, {"mm", t.Minute()}, {"ss", t.Second()},
	}
	for _, f := range fields {
		if strings.HasPrefix(p, f.tok) {
			return f.tok, fmt.Sprintf("%0*d", len(f.tok), f.value)
		}
	}
	return "", ""
}

// copyValue deep-copies a decoded JSON value, so that an answer never
// shares maps with the request (the mock encrypts answers in place).
func copyValue(v any) any {
	switch x := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, item := range x {
			out[k] = copyValue(item)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, item := range x {
			out[i] = copyValue(item)
		}
		return out
	}
	return v
}

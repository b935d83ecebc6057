package scenarios

import "bytes"

// flowState is where a flow collection's scan is: before an item, after a
// key (or a list item), before a value, after a value.
type flowState int

const (
	beforeItem flowState = iota
	afterKey
	beforeValue
	afterValue
)

// flowFrame is one open flow collection.
type flowFrame struct {
	open  int // offset of its { or [
	state flowState
}

// flowProblemAt scans the flow collections ({...}, [...]) of a YAML text
// the way yaml.v3's parser reads them, and returns the offset of the first
// token where a ',' or the closing bracket was due (len(data) when the text
// ends first), and of the bracket that opened the innermost collection
// then; at is -1 when there is none. It is
// only a locator for an error yaml.v3 already found: it knows plain and
// quoted scalars, comments and nesting, not tags, anchors or `?` keys.
func flowProblemAt(data []byte) (at, open int) {
	for i := 0; i < len(data); {
		start := flowStart(data, i)
		if start < 0 {
			return -1, -1
		}
		end, at, open := scanFlow(data, start)
		if at >= 0 {
			return at, open
		}
		i = end
	}
	return -1, -1
}

// flowStart finds, from offset i, the next { or [ that starts a flow
// collection in block context: first on its line after indentation and
// "- ", or first in the value after a key's ": ". It is -1 when none does.
func flowStart(data []byte, i int) int {
	for i < len(data) {
		end := bytes.IndexByte(data[i:], '\n')
		if end < 0 {
			end = len(data)
		} else {
			end += i + 1
		}
		if at := flowStartInLine(data, i, end); at >= 0 {
			return at
		}
		i = end
	}
	return -1
}

// flowStartInLine is flowStart for the line data[i:end].
func flowStartInLine(data []byte, i, end int) int {
	i = skipBlanks(data, i, end)
	for i+1 < end && data[i] == '-' && (data[i+1] == ' ' || data[i+1] == '\t') {
		i = skipBlanks(data, i+1, end)
	}
	if i < end && (data[i] == '{' || data[i] == '[') {
		return i
	}
	for j := i; j+1 < end; j++ {
		switch {
		case data[j] == '#' && j > i && isBlank(data[j-1]):
			return -1
		case data[j] == ':' && isBlank(data[j+1]):
			if k := skipBlanks(data, j+1, end); k < end && (data[k] == '{' || data[k] == '[') {
				return k
			}
			return -1
		}
	}
	return -1
}

// scanFlow scans the flow collection opening at start. It returns the
// offset past its end, or the offset of the first token out of place (at;
// len(data) when the text ends first) and the innermost open bracket then;
// at is -1 when there is none.
func scanFlow(data []byte, start int) (end, at, open int) {
	stack := []*flowFrame{{open: start}}
	i := start + 1
	for i < len(data) {
		i = skipSpace(data, i)
		if i >= len(data) {
			break
		}
		top := stack[len(stack)-1]
		c := data[i]
		switch {
		case c == '}' || c == ']':
			if closer(data[top.open]) != c {
				return 0, i, top.open
			}
			stack = stack[:len(stack)-1]
			if len(stack) == 0 {
				return i + 1, -1, -1
			}
			i++
		case c == ',':
			if top.state == beforeItem {
				return 0, i, top.open
			}
			top.state = beforeItem
			i++
		case c == ':' && (top.state == afterKey || top.state == beforeItem && endsPlain(data, i)):
			top.state = beforeValue
			i++
		case top.state == afterKey || top.state == afterValue:
			return 0, i, top.open
		default:
			top.state = advance(top.state)
			if c == '{' || c == '[' {
				stack = append(stack, &flowFrame{open: i})
				i++
				continue
			}
			i = max(scalarEnd(data, i), i+1)
		}
	}
	return len(data), len(data), stack[len(stack)-1].open
}

// advance is the state after a key or value in state s.
func advance(s flowState) flowState {
	if s == beforeItem {
		return afterKey
	}
	return afterValue
}

// closer is the bracket that closes open.
func closer(open byte) byte {
	if open == '{' {
		return '}'
	}
	return ']'
}

// scalarEnd is the offset past the scalar that starts at i: a quoted one
// up to its closing quote, a plain one up to a flow indicator, a ": " or a
// comment (a plain scalar in flow style may span spaces and lines).
func scalarEnd(data []byte, i int) int {
	switch data[i] {
	case '\'':
		for j := i + 1; j < len(data); j++ {
			if data[j] == '\'' {
				if j+1 < len(data) && data[j+1] == '\'' {
					j++
					continue
				}
				return j + 1
			}
		}
		return len(data)
	case '"':
		for j := i + 1; j < len(data); j++ {
			switch data[j] {
			case '\\':
				j++
			case '"':
				return j + 1
			}
		}
		return len(data)
	}
	for j := i; j < len(data); j++ {
		switch c := data[j]; {
		case bytes.IndexByte([]byte(",[]{}"), c) >= 0:
			return j
		case c == ':' && endsPlain(data, j):
			return j
		case c == '#' && j > i && isSpace(data[j-1]):
			return j
		}
	}
	return len(data)
}

// endsPlain reports whether the ':' at i is a value indicator: followed by
// a space, a line end, a flow indicator or the end of the text.
func endsPlain(data []byte, i int) bool {
	return i+1 >= len(data) || isSpace(data[i+1]) || bytes.IndexByte([]byte(",[]{}"), data[i+1]) >= 0
}

// skipSpace skips spaces, line breaks and comments.
func skipSpace(data []byte, i int) int {
	for i < len(data) {
		switch {
		case isSpace(data[i]):
			i++
		case data[i] == '#' && (i == 0 || isSpace(data[i-1])):
			nl := bytes.IndexByte(data[i:], '\n')
			if nl < 0 {
				return len(data)
			}
			i += nl + 1
		default:
			return i
		}
	}
	return i
}

// skipBlanks skips spaces and tabs before end.
func skipBlanks(data []byte, i, end int) int {
	for i < end && isBlank(data[i]) {
		i++
	}
	return i
}

// isBlank reports a space or tab; isSpace also a line break.
func isBlank(c byte) bool { return c == ' ' || c == '\t' }

func isSpace(c byte) bool { return isBlank(c) || c == '\n' || c == '\r' }

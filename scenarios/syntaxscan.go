package scenarios

import (
	"bytes"
	"unicode/utf8"
)

// scannerHints locate the token of a yaml.v3 scanner error on its line
// (the line yaml.v3 names) and say what usually causes it.
func scannerHints() map[string]scannerHint {
	return map[string]scannerHint{
		"found character that cannot start any token": {badStart, "YAML indents with spaces, not tabs " +
			"(quote a value that starts with @ or `)"},
		"mapping values are not allowed in this context": {secondValue, "a key: value can't be the value of " +
			"another key on the same line: put it on its own, indented line or in {...}"},
		"found unexpected end of stream": {openQuote, "this quote is not closed"},
	}
}

// scannerHint finds a scanner error's token on its line (-1: not found)
// and says what usually causes it.
type scannerHint struct {
	find func(line []byte) int
	hint string
}

// locateScanner adds the column and a hint to a scanner error at e.Line.
func locateScanner(e *Error, data []byte, msg string) {
	h, ok := scannerHints()[msg]
	ends := lineEnds(data)
	if !ok || e.Line > len(ends) {
		return
	}
	line := data[lineStart(ends, e.Line):ends[e.Line-1]]
	if i := h.find(line); i >= 0 {
		e.Column = utf8.RuneCount(line[:i]) + 1
		e.Msg += " (" + h.hint + ")"
	}
}

// badStart is the first tab, @ or ` on a line, or -1.
func badStart(line []byte) int { return bytes.IndexAny(line, "\t@`") }

// secondValue is the second ':' on a line that is a value indicator
// (followed by a blank or the line's end), quotes aside, or -1.
func secondValue(line []byte) int {
	seen := false
	for i := 0; i < len(line); i++ {
		switch c := line[i]; {
		case c == '"' || c == '\'':
			if end := bytes.IndexByte(line[i+1:], c); end >= 0 {
				i += end + 1
			}
		case c == ':' && (i+1 == len(line) || isSpace(line[i+1])):
			if seen {
				return i
			}
			seen = true
		}
	}
	return -1
}

// openQuote is the quote on a line that no later quote of its kind closes
// on that line, or -1.
func openQuote(line []byte) int {
	for i := 0; i < len(line); i++ {
		if c := line[i]; c == '"' || c == '\'' {
			end := bytes.IndexByte(line[i+1:], c)
			if end < 0 {
				return i
			}
			i += end + 1
		}
	}
	return -1
}

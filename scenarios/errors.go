package scenarios

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// Error is one problem in a scenario file, at a line.
type Error struct {
	File string `json:"file"`
	Line int    `json:"line"` // 0 when the problem has no line (an unreadable file)
	// Column is the problem's column on its line, in characters from 1; 0
	// when it is not known (some YAML syntax errors).
	Column int    `json:"column,omitempty"`
	Msg    string `json:"message"`
}

// Error formats the problem as "file:line:column: message" (or
// "file:line: message" without a column), the forms editors and CI logs
// turn into links.
func (e *Error) Error() string {
	switch {
	case e.Line <= 0:
		return e.File + ": " + e.Msg
	case e.Column <= 0:
		return e.File + ":" + strconv.Itoa(e.Line) + ": " + e.Msg
	}
	return e.File + ":" + strconv.Itoa(e.Line) + ":" + strconv.Itoa(e.Column) + ": " + e.Msg
}

// Errors is every problem found in one or more files. Loading does not stop
// at the first problem, so that one run of "tsymock validate" shows them all.
type Errors []*Error

// Error joins the problems, one per line.
func (es Errors) Error() string {
	lines := make([]string, len(es))
	for i, e := range es {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// AsErrors returns the problems inside err: the Errors it is or wraps, or
// the single *Error, or nil.
func AsErrors(err error) Errors {
	var es Errors
	if errors.As(err, &es) {
		return es
	}
	var e *Error
	if errors.As(err, &e) {
		return Errors{e}
	}
	return nil
}

// maxErrors bounds the problems reported for one file: past that, the file
// is probably not a scenario file at all.
const maxErrors = 50

// errorf is a convenience for an Error at a line.
func errorf(file string, line int, format string, args ...any) *Error {
	return &Error{File: file, Line: line, Msg: fmt.Sprintf(format, args...)}
}

package scenarios

import (
	"bytes"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"sync"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// yamlLine finds the line in a go-yaml syntax error ("yaml: line 3: ...").
// It is compiled when first used, not at every start of a server.
var yamlLine = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^yaml: (?:line (\d+): )?(.*)$`) })

// parserProblems are the messages of yaml.v3's parser (parserc.go), as
// opposed to its scanner. The parser's "line N" is the 0-based line of the
// collection it was in (its context mark), a line or more before the
// offending token; a scanner's is 1-based and is that token's line.
func parserProblems() []string {
	return []string{
		"did not find expected ',' or ']'", "did not find expected ',' or '}'",
		"did not find expected '-' indicator", "did not find expected key",
		"did not find expected node content", "did not find expected <document start>",
		"found undefined tag handle", "found incompatible YAML document",
	}
}

// flowProblems are the parser's messages about a flow collection ({...},
// [...]), whose offending token re-scanning the text finds (flowProblemAt);
// "did not find expected node content" may be one too ({a: 1, at the end).
func flowProblems() []string {
	return []string{"did not find expected ',' or ']'", "did not find expected ',' or '}'"}
}

// maxPrefixParses bounds the parses that look for a block error's line.
const maxPrefixParses = 24

// syntaxError turns a go-yaml error into an Error at the offending token.
// yaml.v3 does not give the token's place: its message names the line of
// the collection being parsed, which for the parser is also off by one. The
// text is scanned again to find the token (flow collections), or the first
// line whose prefix of the file already fails the same way (block
// collections); what cannot be found keeps the corrected line, no column.
func syntaxError(file string, data []byte, err error) *Error {
	m := yamlLine().FindStringSubmatch(err.Error())
	if m == nil {
		return &Error{File: file, Line: 1, Msg: "syntax: " + err.Error()}
	}
	reported, _ := strconv.Atoi(m[1])
	msg := m[2]
	e := &Error{File: file, Line: max(reported, 1), Msg: "syntax: " + msg}
	if !slices.Contains(parserProblems(), msg) {
		locateScanner(e, data, msg) // a scanner error: its line is right
		return e
	}
	// Without "line N" the context was line 1 (0-based 0); at the end of
	// the text it may be past the last line.
	e.Line = min(reported+1, max(len(lineEnds(data)), 1))
	if slices.Contains(flowProblems(), msg) || msg == "did not find expected node content" {
		locateFlow(e, data)
	}
	if e.Column == 0 {
		locateBlock(e, data, err.Error())
	}
	return e
}

// locateFlow points e at the token that broke a flow collection, with the
// collection's opening bracket when it is on another line and a hint for
// `a[0]: 1` in {...}, a param path that flow style reads as a key followed
// by a list.
func locateFlow(e *Error, data []byte) {
	at, open := flowProblemAt(data)
	if at < 0 {
		return
	}
	line, col := position(data, at)
	if line < e.Line {
		return // the scan disagrees with yaml.v3: keep its line
	}
	oLine, oCol := position(data, open)
	expected := e.Msg[len("syntax: did not find expected "):]
	switch {
	case at == len(data):
		e.Line, e.Column = oLine, oCol
		e.Msg = fmt.Sprintf("syntax: this %q is not closed before the end of the file", data[open])
		return
	case oLine != line:
		e.Msg = fmt.Sprintf("syntax: found %q where %s was expected (in the %q opened at %d:%d: a missing "+
			"',' or closing bracket?)", data[at], expected, data[open], oLine, oCol)
	default:
		e.Msg = fmt.Sprintf("syntax: found %q where %s was expected", data[at], expected)
	}
	e.Line, e.Column = line, col
	if data[at] == '[' && at > 0 && isPathChar(data[at-1]) {
		e.Msg += "; a param path such as payMethod.BALANCE[0].amount can't be a plain key in flow style " +
			"({...}), where [ starts a list: quote it ({\"payMethod.BALANCE[0].amount\": 5}) or write the " +
			"condition in block style (one key: value a line)"
	}
}

// isPathChar reports whether c can end a param path's name before [.
func isPathChar(c byte) bool {
	return c == '_' || c == '.' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// locateBlock points e at the first line whose prefix of the file fails
// with the same error: the line that broke the block structure (a key
// indented too far, say). A prefix that ends before it parses, or fails
// otherwise; one that includes it fails the same way, so a binary search
// finds it.
func locateBlock(e *Error, data []byte, want string) {
	ends := lineEnds(data)
	lo, hi := e.Line, len(ends) // the answer is in [lo, hi]
	if lo > hi || !failsAs(data[:ends[hi-1]], want) {
		return
	}
	for n := 0; lo < hi && n < maxPrefixParses; n++ {
		mid := (lo + hi) / 2
		if failsAs(data[:ends[mid-1]], want) {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	if lo != hi {
		return
	}
	line := data[lineStart(ends, lo):ends[lo-1]]
	e.Line = lo
	e.Msg += blockHints()[e.Msg]
	if i := bytes.IndexFunc(line, func(r rune) bool { return r != ' ' && r != '\t' }); i >= 0 {
		e.Column = utf8.RuneCount(line[:i]) + 1
	}
}

// blockHints say what usually causes a block error, by message.
func blockHints() map[string]string {
	return map[string]string{
		"syntax: did not find expected key":           " (is this line indented like the keys of its mapping above?)",
		"syntax: did not find expected '-' indicator": " (is this line indented like the items of its list above?)",
	}
}

// failsAs reports whether parsing text fails with exactly the error want.
func failsAs(text []byte, want string) bool {
	var n yaml.Node
	err := yaml.Unmarshal(text, &n)
	return err != nil && err.Error() == want
}

// lineEnds are the offsets just past each line (its newline included).
func lineEnds(data []byte) []int {
	var ends []int
	for i, c := range data {
		if c == '\n' {
			ends = append(ends, i+1)
		}
	}
	if len(data) > 0 && data[len(data)-1] != '\n' {
		ends = append(ends, len(data))
	}
	return ends
}

// lineStart is the offset where line n (from 1) starts.
func lineStart(ends []int, n int) int {
	if n <= 1 {
		return 0
	}
	return ends[n-2]
}

// position is the 1-based line and column (in characters) of offset at.
func position(data []byte, at int) (line, col int) {
	start := bytes.LastIndexByte(data[:at], '\n') + 1
	return bytes.Count(data[:at], []byte("\n")) + 1, utf8.RuneCount(data[start:at]) + 1
}

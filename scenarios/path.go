package scenarios

import (
	"errors"
	"strconv"
	"strings"
)

// Path is a parsed param path such as "payMethod.BALANCE[0].amount": keys
// separated by dots, each followed by any number of [index] into arrays.
type Path struct {
	raw  string
	segs []segment
}

// segment is one step of a path: an object key or an array index.
type segment struct {
	key   string
	index int
	isIdx bool
}

// ParsePath parses a dotted path. Keys may hold any character but '.', '['
// and ']'; indexes are whole numbers from 0.
func ParsePath(s string) (Path, error) {
	if s == "" {
		return Path{}, errors.New("the path is empty")
	}
	p := Path{raw: s}
	for _, part := range strings.Split(s, ".") {
		segs, err := parsePart(part)
		if err != nil {
			return Path{}, err
		}
		p.segs = append(p.segs, segs...)
	}
	return p, nil
}

// parsePart parses "key[1][2]".
func parsePart(part string) ([]segment, error) {
	key, rest, open := strings.Cut(part, "[")
	if open && rest == "" {
		return nil, errors.New("an index must be [0], [1], ... in " + strconv.Quote(part))
	}
	if key == "" {
		return nil, errors.New("a path needs a key before each '.' and '['")
	}
	if strings.Contains(key, "]") {
		return nil, errors.New("unexpected ']' in " + strconv.Quote(part))
	}
	segs := []segment{{key: key}}
	for rest != "" {
		num, after, ok := strings.Cut(rest, "]")
		n, err := strconv.Atoi(num)
		if !ok || err != nil || n < 0 || (after != "" && after[0] != '[') {
			return nil, errors.New("an index must be [0], [1], ... in " + strconv.Quote(part))
		}
		segs = append(segs, segment{index: n, isIdx: true})
		rest = strings.TrimPrefix(after, "[")
	}
	return segs, nil
}

// String returns the path as written.
func (p Path) String() string { return p.raw }

// Root is the first key of the path: the top-level param it looks into.
func (p Path) Root() string {
	if len(p.segs) == 0 {
		return ""
	}
	return p.segs[0].key
}

// Lookup finds the value at the path in a decoded JSON object. It reports
// false when any step is missing or has another shape (a key into an array,
// an index past the end); a JSON null is found (and is nil).
func (p Path) Lookup(doc map[string]any) (any, bool) {
	var cur any = doc
	for _, s := range p.segs {
		var ok bool
		if cur, ok = follow(cur, s); !ok {
			return nil, false
		}
	}
	return cur, true
}

// follow takes one step into v.
func follow(v any, s segment) (any, bool) {
	if s.isIdx {
		list, ok := v.([]any)
		if !ok || s.index >= len(list) {
			return nil, false
		}
		return list[s.index], true
	}
	obj, ok := v.(map[string]any)
	if !ok {
		return nil, false
	}
	out, ok := obj[s.key]
	return out, ok
}

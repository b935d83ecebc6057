package journal

import (
	"fmt"
	"slices"
	"strings"

	"github.com/tsymock/tsymock/internal/form"
)

// keepRaw cuts the entry's form parameters: the protocol parameters and
// at most cut.fields others (by name order), each value cut. Every text it
// keeps, the sysid and the duration are then copied into one new string: a parameter is
// a piece of the request's body, which the entry must not keep alive, and
// one copy for all of them is one allocation where a copy each was one per
// parameter. The map is changed in place (the journal owns it) unless
// parameters are dropped: then the ones kept go into a new map, as a map
// never gives back the room of its deleted keys.
func (s *shrinker) keepRaw(e *Entry) {
	keys := make([]string, 0, 16) // on the stack for a usual call
	for k := range e.Raw {
		keys = append(keys, k)
	}
	if keys = s.cutOthers(keys); s.dropped > 0 || e.Raw == nil { // nil: "raw": {} in the JSON, never null
		kept := make(map[string]string, len(keys)+1)
		for _, k := range keys {
			kept[k] = e.Raw[k]
		}
		e.Raw = kept
	}
	raw := e.Raw
	e.SysID = s.text(e.SysID)
	size := len(e.SysID)
	for i, k := range keys {
		if name, ok := protocolName(k); ok {
			keys[i] = name // the constant: a page's key is a piece of its body
		} else if cut := s.text(k); cut != k {
			raw[cut] = raw[k]
			delete(raw, k)
			keys[i] = cut
			size += len(cut)
		} else {
			size += len(k)
		}
		raw[keys[i]] = s.text(raw[keys[i]])
		size += len(raw[keys[i]])
	}
	c := newCopier(size + len(e.Duration))
	e.SysID, e.Duration = c.copy(e.SysID), c.copy(e.Duration) // the duration's text too: one object fewer to keep
	for _, k := range keys {
		v := raw[k]
		if _, ok := protocolName(k); !ok {
			k = c.copy(k)
		}
		raw[k] = c.copy(v) // an existing key: the map keeps k's new storage
	}
	if s.dropped > 0 {
		raw[TruncatedKey] = fmt.Sprintf("tsymock: %d more parameters not kept", s.dropped)
	}
}

// cutOthers leaves, of keys, the protocol parameters and the first
// cut.fields others by name, and counts the others dropped in s.dropped.
func (s *shrinker) cutOthers(keys []string) []string {
	others := 0
	for _, k := range keys {
		if !protocolKey(k) {
			others++
		}
	}
	if others <= s.cut.fields {
		return keys
	}
	slices.SortFunc(keys, func(a, b string) int { // the protocol's first, then the others by name
		if pa, pb := protocolKey(a), protocolKey(b); pa != pb {
			if pa {
				return -1
			}
			return 1
		}
		return strings.Compare(a, b)
	})
	s.dropped, s.did = others-s.cut.fields, true
	return keys[:len(keys)-s.dropped]
}

// copier copies texts into one string, made at once.
type copier struct{ b strings.Builder }

// newCopier returns a copier for texts of size bytes in all.
func newCopier(size int) *copier {
	c := &copier{}
	c.b.Grow(size)
	return c
}

// copy returns a copy of v, a piece of the copier's one string: the
// builder grew once, up front, and never moves what it holds.
func (c *copier) copy(v string) string {
	start := c.b.Len()
	c.b.WriteString(v)
	return c.b.String()[start:]
}

// protocolKey reports whether a Raw parameter is one of the protocol's.
func protocolKey(k string) bool {
	_, ok := protocolName(k)
	return ok
}

// protocolName is the constant that names the protocol parameter k.
func protocolName(k string) (string, bool) {
	for _, name := range [...]string{form.KeySysID, form.KeySign, form.KeyTimestamp, form.KeyVersion, form.KeyReq,
		form.KeyPrivSysID, form.KeyPrivBizUserID} {
		if k == name {
			return name, true
		}
	}
	return "", false
}

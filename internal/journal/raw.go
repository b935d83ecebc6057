package journal

import (
	"fmt"
	"slices"
	"strings"

	"github.com/tsymock/tsymock/internal/form"
)

// keepRaw cuts the entry's form parameters: the protocol parameters and
// at most cut.fields others (by name order), each value cut. Every text it
// keeps, the sysid and the duration are then copied into one new string:
// a parameter is a piece of the request's body, which the entry must not
// keep alive, and one copy for all of them is one allocation where a copy
// each was one per parameter. The map is changed in place (the journal
// owns it) unless parameters are dropped: then the ones kept go into a new
// map, as a map never gives back the room of its deleted keys.
func (s *shrinker) keepRaw(e *Entry) {
	params := make([]param, 0, 16) // on the stack for a usual call
	for k, v := range e.Raw {
		params = append(params, param{k: k, v: v})
	}
	params = s.cutOthers(params)
	e.SysID = s.text(e.SysID)
	size := len(e.SysID) + len(e.Duration)
	for i := range params {
		p := &params[i]
		name, protocol := protocolName(p.k)
		if protocol {
			p.k = name // the constant: a page's key is a piece of its body
		} else {
			p.k = s.text(p.k)
			size += len(p.k)
		}
		p.v = s.text(p.v)
		size += len(p.v)
		p.copyKey = !protocol
	}
	if s.did || e.Raw == nil { // a new map: keys cut or dropped; nil: "raw": {} in the JSON, never null
		e.Raw = make(map[string]string, len(params)+1)
	}
	c := newCopier(size)
	e.SysID, e.Duration = c.copy(e.SysID), c.copy(e.Duration) // the duration's text too: one object fewer to keep
	for _, p := range params {
		if p.copyKey {
			p.k = c.copy(p.k)
		}
		e.Raw[p.k] = c.copy(p.v) // a key the map has: it keeps the new key's storage
	}
	if s.dropped > 0 {
		e.Raw[TruncatedKey] = fmt.Sprintf("tsymock: %d more parameters not kept", s.dropped)
	}
}

// param is one form parameter of an entry while it is cut.
type param struct {
	k, v    string
	copyKey bool
}

// cutOthers leaves, of params, the protocol parameters and the first
// cut.fields others by name, and counts the others dropped in s.dropped.
func (s *shrinker) cutOthers(params []param) []param {
	others := 0
	for _, p := range params {
		if !protocolKey(p.k) {
			others++
		}
	}
	if others <= s.cut.fields {
		return params
	}
	slices.SortFunc(params, func(a, b param) int { // the protocol's first, then the others by name
		if pa, pb := protocolKey(a.k), protocolKey(b.k); pa != pb {
			if pa {
				return -1
			}
			return 1
		}
		return strings.Compare(a.k, b.k)
	})
	s.dropped, s.did = others-s.cut.fields, true
	return params[:len(params)-s.dropped]
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
	switch k {
	case form.KeySysID:
		return form.KeySysID, true
	case form.KeySign:
		return form.KeySign, true
	case form.KeyTimestamp:
		return form.KeyTimestamp, true
	case form.KeyVersion:
		return form.KeyVersion, true
	case form.KeyReq:
		return form.KeyReq, true
	case form.KeyPrivSysID:
		return form.KeyPrivSysID, true
	case form.KeyPrivBizUserID:
		return form.KeyPrivBizUserID, true
	}
	return "", false
}

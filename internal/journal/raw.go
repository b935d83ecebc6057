package journal

import (
	"fmt"
	"slices"
	"strings"

	"github.com/tsymock/tsymock/internal/form"
)

// keepRaw cuts the entry's form parameters: the protocol parameters and
// at most cut.fields others (by name order), each name and value cut. The
// texts within the cut are kept as they are: they come from the form
// reader, whose keys and values have memory of their own, so an entry
// never keeps its request's body alive. When anything is cut, the ones kept
// go into a new map: a map never gives back the room of its deleted keys.
func (s *shrinker) keepRaw(e *Entry) {
	e.SysID = s.text(e.SysID)
	if s.rawFits(e.Raw) { // the usual call
		if e.Raw == nil {
			e.Raw = map[string]string{} // "raw": {} in the JSON, never null
		}
		return
	}
	params := make([]param, 0, len(e.Raw))
	for k, v := range e.Raw {
		params = append(params, param{k: k, v: s.text(v)})
	}
	params = s.cutOthers(params)
	e.Raw = make(map[string]string, len(params)+1) // a new map: a cut key must not leave the long one behind
	if s.dropped > 0 {
		e.Raw[TruncatedKey] = fmt.Sprintf("tsymock: %d more parameters not kept", s.dropped)
	}
	for _, p := range params {
		if !form.IsProtocolKey(p.k) {
			p.k = s.text(p.k)
		}
		e.Raw[p.k] = p.v
	}
}

// rawFits reports whether raw is within the cut as it is: no name or value too
// long, and no more than cut.fields parameters besides the protocol's.
func (s *shrinker) rawFits(raw map[string]string) bool {
	others := 0
	for k, v := range raw {
		if len(k) > s.cut.value || len(v) > s.cut.value {
			return false
		}
		if !form.IsProtocolKey(k) {
			others++
		}
	}
	return others <= s.cut.fields
}

// param is one form parameter of an entry while it is cut.
type param struct{ k, v string }

// cutOthers leaves, of params, the protocol parameters and the first
// cut.fields others by name, and counts the others dropped in s.dropped.
func (s *shrinker) cutOthers(params []param) []param {
	others := 0
	for _, p := range params {
		if !form.IsProtocolKey(p.k) {
			others++
		}
	}
	if others <= s.cut.fields {
		return params
	}
	slices.SortFunc(params, func(a, b param) int { // the protocol's first, then the others by name
		if pa, pb := form.IsProtocolKey(a.k), form.IsProtocolKey(b.k); pa != pb {
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

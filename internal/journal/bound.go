package journal

import (
	"encoding/json"
	"fmt"
	"slices"
	"unicode/utf8"
)

// Limits bound what the journal keeps, in entries and in bytes. Zero
// fields get the defaults.
type Limits struct {
	// Entries is how many calls are kept per application (DefaultSize).
	Entries int
	// AppBytes bounds the estimated size of one application's calls
	// (DefaultAppBytes); past it the oldest are forgotten.
	AppBytes int
	// TotalBytes bounds the estimated size of the whole journal
	// (DefaultTotalBytes); past it the oldest calls of any application are
	// forgotten.
	TotalBytes int
}

// Default byte bounds of the journal. An entry's size is estimated from
// the text it holds plus a fixed cost per value (entrySize), which
// overstates rather than understates what the Go heap holds for it.
const (
	DefaultAppBytes   = 32 << 20
	DefaultTotalBytes = 128 << 20
)

func (l Limits) withDefaults() Limits {
	if l.Entries <= 0 {
		l.Entries = DefaultSize
	}
	if l.AppBytes <= 0 {
		l.AppBytes = DefaultAppBytes
	}
	if l.TotalBytes <= 0 {
		l.TotalBytes = DefaultTotalBytes
	}
	return l
}

// entryCut is how much of one entry is kept. A call whose signature
// verified is a merchant's real call and is kept nearly whole; any other
// (unsigned, a bad signature, an unknown sysid) is anyone's, and is kept
// small, so that junk cannot fill the journal's bytes with little effort.
type entryCut struct {
	value  int // bytes of one text value (a parameter, the response, the message)
	fields int // parameters of Raw besides the protocol ones
	tree   int // estimated bytes of the decoded req, and again of the answer
}

var (
	signedCut = entryCut{value: 64 << 10, fields: 64, tree: 256 << 10}
	otherCut  = entryCut{value: 1 << 10, fields: 16, tree: 8 << 10}
)

// perValue is the estimated heap cost of one value besides its text: a
// map slot, a string header, an interface.
const perValue = 64

// TruncatedKey is the key that stands for the parameters or items of a
// decoded object or array that were not kept.
const TruncatedKey = "…"

// shrink cuts what the entry keeps to its cut, marks it Truncated when
// anything was cut, and returns its estimated size in bytes. The journal
// owns the entry: what is within the cut is kept as it is, in place, and
// only what is cut is made anew.
func shrink(e *Entry) int {
	cut := otherCut
	if e.Signature.Verdict == SignatureValid {
		cut = signedCut
	}
	s := shrinker{cut: cut}
	s.keepRaw(e)
	e.Response = s.text(e.Response)
	e.Message = s.text(e.Message)
	e.Signature.Diagnosis = s.text(e.Signature.Diagnosis)
	if e.Req != nil {
		e.Req.Param = s.param(e.Req.Param)
	}
	if e.Answer != nil {
		e.Answer = s.param(e.Answer)
	}
	if em := e.Emulated; em != nil {
		em.Message = s.text(em.Message)
		em.Answer = s.param(em.Answer)
	}
	e.Truncated = e.Truncated || s.did
	return entrySize(e)
}

// param keeps decoded JSON within the cut's tree budget: as it is when it
// fits (the usual call), else a copy cut to it.
func (s *shrinker) param(m map[string]any) map[string]any {
	if m != nil && s.fits(m, s.cut.tree) {
		return m
	}
	budget := s.cut.tree
	out, _ := s.tree(m, &budget).(map[string]any)
	return out
}

// shrinker cuts the values of one entry; did records that it cut
// something.
type shrinker struct {
	cut     entryCut
	did     bool
	dropped int // parameters of Raw not kept
}

// text keeps at most cut.value bytes of v (whole UTF-8 characters), and
// says how long it was.
func (s *shrinker) text(v string) string {
	if len(v) <= s.cut.value {
		return v
	}
	s.did = true
	keep := v[:s.cut.value]
	for len(keep) > 0 && !utf8.RuneStart(v[len(keep)]) { // never a character cut in two
		keep = keep[:len(keep)-1]
	}
	return fmt.Sprintf("%s…(tsymock: truncated, %d bytes in all)", keep, len(v))
}

// tree keeps decoded JSON within *budget estimated bytes: texts are cut,
// and the keys (in name order) or items past the budget are replaced by
// one TruncatedKey marker.
func (s *shrinker) tree(v any, budget *int) any {
	switch x := v.(type) {
	case string:
		*budget -= perValue + min(len(x), s.cut.value)
		return s.text(x)
	case json.Number:
		*budget -= perValue + len(x)
		return x
	case map[string]any:
		return s.object(x, budget)
	case []any:
		return s.array(x, budget)
	}
	*budget -= perValue
	return v
}

// fits reports whether tree would keep v whole within budget: no text
// longer than cut.value, no nil object or list (tree makes it empty), and
// its bytes, counted as tree counts them, below budget. It errs towards
// false: tree then makes the copy, cut or not.
func (s *shrinker) fits(v any, budget int) bool {
	return s.within(v, &budget) && budget > 0
}

func (s *shrinker) within(v any, left *int) bool {
	switch x := v.(type) {
	case string:
		*left -= perValue + len(x)
		return len(x) <= s.cut.value
	case json.Number:
		*left -= perValue + len(x)
		return true
	case map[string]any:
		for k, item := range x {
			*left -= len(k)
			if len(k) > s.cut.value || !s.within(item, left) || *left <= 0 {
				return false
			}
		}
		return x != nil
	case []any:
		for _, item := range x {
			if !s.within(item, left) || *left <= 0 {
				return false
			}
		}
		return x != nil
	}
	*left -= perValue
	return true
}

func (s *shrinker) object(m map[string]any, budget *int) map[string]any {
	names := make([]string, 0, len(m))
	for k := range m {
		names = append(names, k)
	}
	slices.Sort(names)
	out := make(map[string]any, min(len(m), 64))
	for i, k := range names {
		if *budget <= 0 {
			out[TruncatedKey] = fmt.Sprintf("tsymock: %d more keys not kept", len(names)-i)
			s.did = true
			break
		}
		*budget -= len(k)
		out[s.text(k)] = s.tree(m[k], budget)
	}
	return out
}

func (s *shrinker) array(a []any, budget *int) []any {
	out := make([]any, 0, min(len(a), 64))
	for i, item := range a {
		if *budget <= 0 {
			out = append(out, fmt.Sprintf("%s tsymock: %d more items not kept", TruncatedKey, len(a)-i))
			s.did = true
			break
		}
		out = append(out, s.tree(item, budget))
	}
	return out
}

// entrySize estimates the heap an entry holds: its texts and a fixed cost
// per value.
func entrySize(e *Entry) int {
	n := 512 + len(e.Remote) + len(e.SysID) + len(e.Service) + len(e.Method) + len(e.Rule) + len(e.Fault) +
		len(e.ErrorCode) + len(e.Message) + len(e.Response) + len(e.Duration) +
		len(e.Signature.VerifiedText) + len(e.Signature.Key) + len(e.Signature.Diagnosis)
	for k, v := range e.Raw {
		n += perValue + len(k) + len(v)
	}
	if e.Req != nil {
		n += treeSize(e.Req.Param)
	}
	if em := e.Emulated; em != nil {
		n += len(em.Outcome) + len(em.ErrorCode) + len(em.Message) + treeSize(em.Answer)
	}
	return n + treeSize(e.Answer)
}

// treeSize estimates the heap of decoded JSON.
func treeSize(v any) int {
	switch x := v.(type) {
	case string:
		return perValue + len(x)
	case json.Number:
		return perValue + len(x)
	case map[string]any:
		n := perValue
		for k, item := range x {
			n += len(k) + treeSize(item)
		}
		return n
	case []any:
		n := perValue
		for _, item := range x {
			n += treeSize(item)
		}
		return n
	}
	return perValue
}

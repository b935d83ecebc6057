package proxy

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"math/big"
	"slices"
	"strconv"
	"strings"

	"github.com/tsymock/tsymock/internal/journal"
	"github.com/tsymock/tsymock/internal/soa"
)

// Kinds of difference.
const (
	DiffValue           = "value"
	DiffType            = "type"
	DiffLength          = "length"
	DiffMissingLocal    = "missing-local"
	DiffMissingUpstream = "missing-upstream"
)

// maxDifferences bounds the differences kept for one call.
const maxDifferences = 50

// Local is the emulator's answer to a call in compare mode.
type Local struct {
	Value map[string]any
	Err   *soa.Error
}

// Compare forwards the call whose answer the emulator gave (local) and
// says how the upstream's answer differs: status, errorCode, message, and
// the keys, types and values of signedValue, leaving out the values of the
// fields the ignore patterns name and of the fields each side encrypts for
// the merchant (their ciphertexts always differ; their presence is still
// compared). The client gets the emulator's answer; the upstream's is
// recorded when there is a record folder. A call whose encrypted fields the
// client encrypted for tsymock is not sent: the upstream could not open
// them.
func (p *Proxy) Compare(ctx context.Context, c Call, local Local) *journal.Upstream {
	info := &journal.Upstream{URL: p.URL(), Mode: p.modeName()}
	d := p.decode(c)
	if serr := p.refuseUnreadable(d); serr != nil {
		info.Skipped = serr.Message
		return info
	}
	x := p.send(ctx, c)
	p.describe(info, x)
	if x.answer == nil || x.err != nil {
		return info
	}
	local.Value = wireValue(local.Value)
	info.Differences = p.diff(d.method, local, x.answer)
	info.Recorded = p.record(d, c, x.answer, info.Signature)
	if len(info.Differences) > 0 {
		first := info.Differences[0]
		p.cfg.Log.Warn("upstream answers differently", "sysid", c.SysID, "call", callName(d), "differences", len(info.Differences),
			"first", fmt.Sprintf("%s (%s): tsymock %v, upstream %v", first.Path, first.Kind, show(first.Local), show(first.Upstream)))
	}
	return info
}

// wireValue is an answer as the client reads it: the emulator's Go values
// (int64, structs of the journal's views) written as JSON and read back,
// numbers as json.Number, as the upstream's are.
func wireValue(v map[string]any) map[string]any {
	if v == nil {
		return nil
	}
	text, err := soa.MarshalValue(v)
	if err != nil {
		return v
	}
	dec := json.NewDecoder(strings.NewReader(text))
	dec.UseNumber()
	var out map[string]any
	if dec.Decode(&out) != nil {
		return v
	}
	return out
}

// callName is "Service.method" of a decoded call.
func callName(d *decoded) string {
	if d.env == nil {
		return "(no req)"
	}
	return d.env.Service + "." + d.env.Method
}

// show writes a value of a difference for the log.
func show(v any) string {
	if v == nil {
		return "(none)"
	}
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return clip(string(b))
}

// differ collects the differences of one call.
type differ struct {
	ignore    Patterns
	encrypted map[string]bool // answer paths either side encrypts for the merchant
	out       []journal.Difference
	more      int
}

// diff compares the emulator's answer with the upstream's.
func (p *Proxy) diff(m *soa.Method, local Local, up *Answer) []journal.Difference {
	df := &differ{ignore: p.ignore, encrypted: map[string]bool{}}
	if m != nil {
		df.markEncrypted(m, local.Value)
		df.markEncrypted(m, up.Value)
	}
	ls, lerr, uerr := soa.StatusOK, local.Err, up.Err()
	if lerr != nil {
		ls = soa.StatusError
	}
	if ls != up.Status {
		df.add("status", DiffValue, ls, up.Status)
	}
	switch {
	case lerr != nil || uerr != nil:
		df.compareErrors(lerr, uerr)
	default:
		df.walk("signedValue", "", local.Value, up.Value)
	}
	if df.more > 0 {
		df.out = append(df.out, journal.Difference{Path: "…", Kind: "more", Local: df.more})
	}
	return df.out
}

// markEncrypted notes the paths of an answer that the method encrypts.
func (df *differ) markEncrypted(m *soa.Method, value map[string]any) {
	if value == nil {
		return
	}
	_ = soa.WalkEncrypted(soa.CopyParams(value), m.EncryptedResponse, func(path, v string) (string, error) {
		df.encrypted["signedValue."+path] = true
		return v, nil
	})
}

// compareErrors compares errorCode and message when either side failed.
func (df *differ) compareErrors(lerr, uerr *soa.Error) {
	var lc, lm, uc, um any
	if lerr != nil {
		lc, lm = lerr.Code, lerr.Message
	}
	if uerr != nil {
		uc, um = uerr.Code, uerr.Message
	}
	df.scalar("errorCode", lc, uc)
	df.scalar("message", lm, um)
}

// scalar compares an envelope field either side may lack.
func (df *differ) scalar(path string, l, u any) {
	switch {
	case l == nil && u == nil:
	case l == nil:
		df.add(path, DiffMissingLocal, nil, u)
	case u == nil:
		df.add(path, DiffMissingUpstream, l, nil)
	case l != u:
		df.add(path, DiffValue, l, u)
	}
}

// walk compares two values at path; name is the key they are under.
func (df *differ) walk(path, name string, l, u any) {
	lk, uk := kindOf(l), kindOf(u)
	switch {
	case lk != uk:
		if !df.valueIgnored(path, name) {
			df.add(path, DiffType, l, u)
		}
	case lk == "object":
		df.walkObjects(path, l.(map[string]any), u.(map[string]any))
	case lk == "array":
		df.walkArrays(path, name, l.([]any), u.([]any))
	case !df.valueIgnored(path, name) && !sameScalar(l, u):
		df.add(path, DiffValue, l, u)
	}
}

// walkObjects compares the keys of two objects, then their values.
func (df *differ) walkObjects(path string, l, u map[string]any) {
	keys := slices.Sorted(maps.Keys(l))
	for _, k := range slices.Sorted(maps.Keys(u)) {
		if _, ok := l[k]; !ok {
			keys = append(keys, k)
		}
	}
	for _, k := range keys {
		lv, lok := l[k]
		uv, uok := u[k]
		at := path + "." + k
		switch {
		case !lok:
			df.add(at, DiffMissingLocal, nil, uv)
		case !uok:
			df.add(at, DiffMissingUpstream, lv, nil)
		default:
			df.walk(at, k, lv, uv)
		}
	}
}

// walkArrays compares the lengths of two lists, then their common items.
func (df *differ) walkArrays(path, name string, l, u []any) {
	if len(l) != len(u) {
		df.add(path, DiffLength, len(l), len(u))
	}
	for i := range min(len(l), len(u)) {
		df.walk(path+"["+strconv.Itoa(i)+"]", name, l[i], u[i])
	}
}

// valueIgnored reports whether the value at path is expected to differ:
// an ignored field, or one encrypted for the merchant.
func (df *differ) valueIgnored(path, name string) bool {
	return df.encrypted[path] || df.ignore.Match(strings.TrimPrefix(path, "signedValue."), name)
}

// add keeps a difference, up to maxDifferences.
func (df *differ) add(path, kind string, l, u any) {
	if len(df.out) >= maxDifferences {
		df.more++
		return
	}
	df.out = append(df.out, journal.Difference{Path: path, Kind: kind, Local: l, Upstream: u})
}

// kindOf is a JSON value's type: object, array, string, number, bool or
// null.
func kindOf(v any) string {
	switch v.(type) {
	case map[string]any:
		return "object"
	case []any:
		return "array"
	case string:
		return "string"
	case json.Number:
		return "number"
	case bool:
		return "bool"
	}
	return "null"
}

// sameScalar compares two scalars of one kind; numbers by value (100 and
// 100.0 are the same number).
func sameScalar(l, u any) bool {
	ln, lok := l.(json.Number)
	un, uok := u.(json.Number)
	if lok && uok {
		// Only numbers of bounded exponent are read: 1e999999999 would take
		// big.Rat a long time to build.
		if !jsonNumber().MatchString(string(ln)) || !jsonNumber().MatchString(string(un)) {
			return ln == un
		}
		a, _ := new(big.Rat).SetString(string(ln))
		b, _ := new(big.Rat).SetString(string(un))
		return a.Cmp(b) == 0
	}
	return l == u
}

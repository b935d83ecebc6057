package e2e

import (
	"fmt"
	"slices"
	"sort"
	"testing"

	"github.com/tsymock/tsymock/internal/soa"
	"github.com/tsymock/tsymock/mock"
)

// checkAnswersDocumented fails t when an OK answer the emulator gave
// during the test carries a key that its method's answer table (the
// catalogue's Returns, the spec's 返回参数) does not name: an SDK that
// maps answers onto its own classes, or a suite that compares them with
// the real environment's, would find keys the platform never sends.
// Answers of scenario rules (written by the user) and of an upstream are
// not tsymock's and are skipped.
func checkAnswersDocumented(t testing.TB, srv *mock.Server) {
	t.Helper()
	cat := soa.DefaultCatalogue()
	seen := map[string]bool{}
	for _, e := range srv.Journal(mock.JournalFilter{Kind: "soa", Outcome: "OK"}) {
		if e.Rule != "" || e.Upstream != nil || e.Answer == nil {
			continue
		}
		m, err := cat.Lookup(e.Service, e.Method)
		if err != nil {
			continue
		}
		for _, path := range undocumented(m.Returns, e.Answer, "") {
			key := m.FullName() + " " + path
			if !seen[key] {
				seen[key] = true
				t.Errorf("%s answered %s, which its answer table does not name (journal #%d)", m.FullName(), path, e.ID)
			}
		}
	}
}

// undocumented lists the dotted paths of v's keys that fields do not
// name, into objects and the object items of arrays that have fields.
func undocumented(fields []soa.Param, v map[string]any, prefix string) []string {
	var out []string
	keys := make([]string, 0, len(v))
	for k := range v {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		f, ok := fieldNamed(fields, k)
		if !ok {
			out = append(out, prefix+k)
			continue
		}
		if len(f.Fields) == 0 {
			continue
		}
		switch x := v[k].(type) {
		case map[string]any:
			out = append(out, undocumented(f.Fields, x, prefix+k+".")...)
		case []any:
			for i, item := range x {
				if obj, ok := item.(map[string]any); ok {
					out = append(out, undocumented(f.Fields, obj, fmt.Sprintf("%s%s[%d].", prefix, k, i))...)
				}
			}
		}
	}
	return slices.Compact(out)
}

// fieldNamed is the field of fields named k, or the Wildcard one.
func fieldNamed(fields []soa.Param, k string) (soa.Param, bool) {
	for _, f := range fields {
		if f.Name == k {
			return f, true
		}
	}
	for _, f := range fields {
		if f.Name == soa.Wildcard {
			return f, true
		}
	}
	return soa.Param{}, false
}

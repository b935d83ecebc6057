package e2e

import (
	"fmt"
	"slices"
	"sort"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/internal/soa"
	"github.com/tsymock/tsymock/mock"
)

// checkAnswersDocumented fails t when an OK answer the emulator gave
// during the test carries a key that its method's answer table (the
// catalogue's Returns, the spec's 返回参数) does not name: an SDK that
// maps answers onto its own classes, or a suite that compares them with
// the real environment's, would find keys the platform never sends. It
// fails t too when the answer lacks a key the table requires (Required,
// the spec's 必填 是), into objects and array items: an SDK reads it
// without looking. Answers of scenario rules (written by the user) and of
// an upstream are not tsymock's and are skipped; so are the keys of an
// answer the journal cut to its bounds (Truncated).
func checkAnswersDocumented(t testing.TB, srv *mock.Server) {
	t.Helper()
	cat := soa.DefaultCatalogue()
	seen := map[string]bool{}
	report := func(m *soa.Method, id uint64, paths []string, what string) {
		for _, path := range paths {
			if key := m.FullName() + " " + what + " " + path; !seen[key] {
				seen[key] = true
				t.Errorf("%s answered %s (journal #%d)", m.FullName(), fmt.Sprintf(what, path), id)
			}
		}
	}
	for _, e := range srv.Journal(mock.JournalFilter{Kind: "soa", Outcome: "OK"}) {
		if e.Rule != "" || e.Upstream != nil || e.Answer == nil {
			continue
		}
		m, err := cat.Lookup(e.Service, e.Method)
		if err != nil {
			continue
		}
		report(m, e.ID, undocumented(m.Returns, e.Answer, ""), "%s, which its answer table does not name")
		if !e.Truncated {
			report(m, e.ID, missingRequired(m.Returns, e.Answer, ""), "without %s, which its answer table requires")
		}
	}
}

// missingRequired lists the dotted paths of the Required fields that v
// lacks, into the objects and the object items of arrays that v has. A key
// present with any value (an empty list, "") is there.
func missingRequired(fields []soa.Param, v map[string]any, prefix string) []string {
	var out []string
	for _, f := range fields {
		x, ok := v[f.Name]
		if !ok {
			if f.Required && f.Name != soa.Wildcard {
				out = append(out, prefix+f.Name)
			}
			continue
		}
		switch x := x.(type) {
		case map[string]any:
			out = append(out, missingRequired(f.Fields, x, prefix+f.Name+".")...)
		case []any:
			for i, item := range x {
				if obj, ok := item.(map[string]any); ok {
					out = append(out, missingRequired(f.Fields, obj, fmt.Sprintf("%s%s[%d].", prefix, f.Name, i))...)
				}
			}
		}
	}
	return out
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

// TestMissingRequired: the harness's check finds a required key missing
// at the top, in an object and in an array's items, and takes an empty
// list or "" as there.
func TestMissingRequired(t *testing.T) {
	cat := soa.DefaultCatalogue()
	bin, err := cat.Lookup("MemberService", "getBankCardBin")
	require.Nil(t, err)
	cards, err := cat.Lookup("MemberService", "queryBankCard")
	require.Nil(t, err)
	info, err := cat.Lookup("MemberService", "getMemberInfo")
	require.Nil(t, err)
	for _, tc := range []struct {
		name   string
		fields []soa.Param
		answer map[string]any
		want   []string
	}{
		{"all there", cards.Returns, map[string]any{"bindCardList": []any{map[string]any{"bankCardPro": 0}}}, nil},
		{"an empty list is there", cards.Returns, map[string]any{"bindCardList": []any{}}, nil},
		{"top level", bin.Returns, map[string]any{}, []string{"cardBinInfo"}},
		{"an array's item", cards.Returns, map[string]any{"bindCardList": []any{map[string]any{"bankCardPro": 1},
			map[string]any{"bankName": "x"}}}, []string{"bindCardList[1].bankCardPro"}},
		{"an object's key", info.Returns, map[string]any{"bizUserId": "", "memberType": 3,
			"memberInfo": map[string]any{"name": "x"}}, []string{"memberInfo.userId"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, missingRequired(tc.fields, tc.answer, ""))
		})
	}
}

package proxy

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/internal/journal"
	"github.com/tsymock/tsymock/keys"
	"github.com/tsymock/tsymock/keys/demo"
)

func TestUpstreamURLs(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ in, soa, base, err string }{
		{in: "http://127.0.0.1:7001", soa: "http://127.0.0.1:7001/service/soa", base: "http://127.0.0.1:7001"},
		{in: "http://127.0.0.1:7001/", soa: "http://127.0.0.1:7001/service/soa", base: "http://127.0.0.1:7001"},
		{in: "https://h/op/service/soa", soa: "https://h/op/service/soa", base: "https://h/op"},
		{in: "http://u:p@h/", soa: "http://u:p@h/service/soa", base: "http://h"},
		{in: "127.0.0.1:7001", err: "want an http:// or https:// URL"},
		{in: "ftp://h", err: "want an http:// or https:// URL"},
		{in: "http://", err: "want an http:// or https:// URL"},
		{in: "http://h/?x=1", err: "without a query"},
	} {
		t.Run(tc.in, func(t *testing.T) {
			t.Parallel()
			soaURL, base, err := upstreamURLs(tc.in)
			if tc.err != "" {
				assert.ErrorContains(t, err, tc.err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.soa, soaURL)
			assert.Equal(t, tc.base, base)
		})
	}
}

func TestNewRefuses(t *testing.T) {
	t.Parallel()
	m, err := demo.Load()
	require.NoError(t, err)
	for _, tc := range []struct {
		name string
		cfg  Config
		err  string
	}{
		{"no key", Config{URL: "http://h"}, "the platform key is required"},
		{"unknown mode", Config{URL: "http://h", PlatformKey: m.PlatformKey, Mode: "mirror"}, `unknown upstream mode "mirror"`},
		{"bad pattern", Config{URL: "http://h", PlatformKey: m.PlatformKey, CompareIgnore: []string{"a["}}, `field pattern "a["`},
		{"bad URL", Config{URL: "h:1", PlatformKey: m.PlatformKey}, "want an http://"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, err := New(tc.cfg)
			assert.ErrorContains(t, err, tc.err)
		})
	}
	p, err := New(Config{URL: "http://u:secret@h", PlatformKey: m.PlatformKey})
	require.NoError(t, err)
	assert.Equal(t, "http://u:xxxxx@h/service/soa", p.URL(), "no password in logs and files")
	assert.False(t, p.Comparing())
	assert.False(t, p.Report("").Enabled)
}

func TestPatterns(t *testing.T) {
	t.Parallel()
	ps := Patterns{"orderNo", "*Time", "bindCardList.bankName", "payMethod.*.amount"}
	for _, tc := range []struct {
		path, name string
		want       bool
	}{
		{"orderNo", "orderNo", true},
		{"detail.orderNo", "orderNo", true},
		{"payTime", "payTime", true},
		{"bindCardList[3].bankName", "bankName", true},
		{"payMethod.BALANCE.amount", "amount", true},
		{"payMethod.BALANCE[0].amount", "amount", true},
		{"bizOrderNo", "bizOrderNo", false},
		{"amount", "amount", false},
	} {
		assert.Equal(t, tc.want, ps.Match(tc.path, tc.name), tc.path)
	}
	assert.NoError(t, ps.Check())
	assert.Error(t, Patterns{"[z-a"}.Check())
}

// TestSummary: gaps are counted per method and kind, items of a list are
// one gap, applications are apart, a reset forgets one.
func TestSummary(t *testing.T) {
	t.Parallel()
	s := NewSummary()
	diff := func(path string) []journal.Difference {
		return []journal.Difference{{Path: path, Kind: DiffValue, Local: "a", Upstream: "b"}}
	}
	s.Add("A", "S.m", 1, &journal.Upstream{Outcome: "OK", Differences: diff("signedValue.l[0].x")})
	s.Add("A", "S.m", 2, &journal.Upstream{Outcome: "OK", Differences: diff("signedValue.l[1].x")})
	s.Add("A", "S.m", 3, &journal.Upstream{Outcome: "OK"})
	s.Add("A", "S.m", 4, &journal.Upstream{Error: "down"})
	s.Add("B", "S.n", 5, &journal.Upstream{Skipped: "encrypted for tsymock"})
	s.Add("B", "S.m", 6, &journal.Upstream{Outcome: "error", Differences: diff("signedValue.l[9].x")})

	all := s.Report("")
	assert.Equal(t, 4, all.Compared)
	assert.Equal(t, 3, all.Differed)
	assert.Equal(t, 1, all.UpstreamErrors)
	assert.Equal(t, 1, all.Skipped)
	require.Len(t, all.Gaps, 1)
	assert.Equal(t, Gap{Call: "S.m", Path: "signedValue.l[].x", Kind: DiffValue, Count: 3, Local: "a", Upstream: "b",
		FirstJournal: 1, LastJournal: 6}, all.Gaps[0])
	assert.Equal(t, []CallReport{{Call: "S.m", Compared: 4, Differed: 3, UpstreamErrors: 1}, {Call: "S.n", Skipped: 1}}, all.Calls)

	a := s.Report("A")
	assert.Equal(t, 2, a.Gaps[0].Count)
	s.Reset("A")
	assert.Equal(t, 1, s.Report("").Compared)
	s.Reset("")
	assert.Empty(t, s.Report("").Calls)
}

// TestRefuseUnreadable: fields encrypted with tsymock's certificate are
// refused, unless the upstream's certificate is tsymock's own.
func TestRefuseUnreadable(t *testing.T) {
	t.Parallel()
	m, err := demo.Load()
	require.NoError(t, err)
	ct, err := keys.EncryptField(&m.PlatformKey.PublicKey, "110101199003078515")
	require.NoError(t, err)
	req := `{"service":"MemberService","method":"setRealName","param":{"bizUserId":"a","identityNo":"` + ct + `"}}`
	other, err := New(Config{URL: "http://h", PlatformKey: m.PlatformKey})
	require.NoError(t, err)
	serr := other.refuseUnreadable(other.decode(Call{Req: req}))
	require.NotNil(t, serr)
	assert.Equal(t, "20017", serr.Code)
	assert.NotContains(t, serr.Message, "110101199003078515")
	same, err := New(Config{URL: "http://h", PlatformKey: m.PlatformKey, UpstreamKey: &m.PlatformKey.PublicKey})
	require.NoError(t, err)
	assert.Nil(t, same.refuseUnreadable(same.decode(Call{Req: req})), "one tsymock in front of another with the same key")
}

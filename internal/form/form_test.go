package form

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/internal/soa"
)

func TestParseWireVectors(t *testing.T) {
	vec := loadVectors(t)
	for _, w := range vec.Wire {
		t.Run(w.Name, func(t *testing.T) {
			values, err := Parse(w.raw())
			require.NoError(t, err)
			p := ParamsFrom(values)
			want := vec.request(t, w.Vector)
			assert.Equal(t, want.Req, p.Req)
			assert.Equal(t, want.Sign, p.Sign)
			assert.Equal(t, want.Timestamp, p.Timestamp)
			assert.Equal(t, want.SysID, p.SysID)
			assert.Equal(t, "2.0", p.V)
		})
	}
}

func TestParseLegacyExtraKey(t *testing.T) {
	vec := loadVectors(t)
	values, err := Parse(vec.Wire[2].raw())
	require.NoError(t, err)
	p := ParamsFrom(values)
	assert.Equal(t, map[string]string{"ssoid": "ime_public_ssoid"}, p.Extra)
	assert.NotContains(t, values, "\r\n", "the trailing CRLF is not a key")
}

func TestParseLenient(t *testing.T) {
	tests := []struct {
		name string
		raw  string
		want url.Values
	}{
		{"empty", "", url.Values{}},
		{"only whitespace", " \r\n", url.Values{}},
		{"trailing amp", "a=1&", url.Values{"a": {"1"}}},
		{"trailing amp crlf", "a=1&\r\n", url.Values{"a": {"1"}}},
		{"trailing crlf", "a=1\r\n", url.Values{"a": {"1"}}},
		{"trailing spaces", "a=1  \t", url.Values{"a": {"1"}}},
		{"double amp", "a=1&&b=2", url.Values{"a": {"1"}, "b": {"2"}}},
		{"plus is space", "t=2026-11-28+12%3A00%3A00", url.Values{"t": {"2026-11-28 12:00:00"}}},
		{"%20 is space", "t=2026-11-28%2012%3a00%3a00", url.Values{"t": {"2026-11-28 12:00:00"}}},
		{"lower-case escapes", "s=%2f%2b%3d", url.Values{"s": {"/+="}}},
		{"upper-case escapes", "s=%2F%2B%3D", url.Values{"s": {"/+="}}},
		{"utf-8 escapes", "n=%E5%BC%A0%E4%B8%89", url.Values{"n": {"张三"}}},
		{"raw utf-8", "n=张三", url.Values{"n": {"张三"}}},
		{"semicolon", "a=1;2&b=3", url.Values{"a": {"1;2"}, "b": {"3"}}},
		{"no equals", "flag&a=1", url.Values{"flag": {""}, "a": {"1"}}},
		{"empty value", "a=", url.Values{"a": {""}}},
		{"equals in value", "a=b=c", url.Values{"a": {"b=c"}}},
		{"duplicates kept in order", "a=1&a=2", url.Values{"a": {"1", "2"}}},
		{"crlf segment in middle", "a=1&\r\n&b=2", url.Values{"a": {"1"}, "b": {"2"}}},
		{"duplicates among others", "a=1&b=2&a=3&b=4&c=5", url.Values{"a": {"1", "3"}, "b": {"2", "4"}, "c": {"5"}}},
		{"more keys than the hint", manyKeys(3 * formHint), manyValues(3 * formHint)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Parse(tt.raw)
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

// manyKeys is the form k0=0&k1=1&... with n keys, and the k0 repeated.
func manyKeys(n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "k%d=%d&", i, i)
	}
	b.WriteString("k0=again")
	return b.String()
}

// manyValues is what manyKeys(n) parses to.
func manyValues(n int) url.Values {
	want := url.Values{}
	for i := range n {
		want.Add(fmt.Sprintf("k%d", i), strconv.Itoa(i))
	}
	want.Add("k0", "again")
	return want
}

func TestParseBadEscape(t *testing.T) {
	for _, raw := range []string{"req=%7", "req=%zz", "a=1&sign=abc%", "%g1=2"} {
		t.Run(raw, func(t *testing.T) {
			_, err := Parse(raw)
			require.Error(t, err)
			var soaErr *soa.Error
			require.ErrorAs(t, err, &soaErr)
			assert.Equal(t, soa.CodeInvalidParam, soaErr.Code)
			assert.Contains(t, soaErr.Message, "参数错误: the form is not valid URL encoding")
		})
	}
}

func TestParamsFrom(t *testing.T) {
	tests := []struct {
		name string
		raw  string
		want Params
	}{
		{"all", "sysid=1&sign=s&timestamp=t&v=2.0&req=r",
			Params{SysID: "1", Sign: "s", Timestamp: "t", V: "2.0", Req: "r"}},
		{"privSysid stands in for sysid", "privSysid=9&privBizUserId=u&sign=s&req=r",
			Params{SysID: "9", PrivSysID: "9", PrivBizUserID: "u", Sign: "s", Req: "r"}},
		{"sysid wins over privSysid", "sysid=1&privSysid=9&privBizUserId=u",
			Params{SysID: "1", PrivSysID: "9", PrivBizUserID: "u"}},
		{"empty sysid is still sysid", "sysid=&privSysid=9",
			Params{SysID: "", PrivSysID: "9"}},
		{"duplicates: first wins", "sysid=1&sysid=2&req=a&req=b&x=1&x=2",
			Params{SysID: "1", Req: "a", Extra: map[string]string{"x": "1"}}},
		{"v 1.0 and extras", "v=1.0&ssoid=abc&foo=",
			Params{V: "1.0", Extra: map[string]string{"ssoid": "abc", "foo": ""}}},
		{"nothing", "", Params{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			values, err := Parse(tt.raw)
			require.NoError(t, err)
			assert.Equal(t, tt.want, ParamsFrom(values))
		})
	}
}

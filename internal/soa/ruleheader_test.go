package soa

import (
	"bufio"
	"bytes"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRuleHeader(t *testing.T) {
	for _, tt := range []struct{ name, rule, header string }{
		{"ascii", "sc/my.yaml:27 slow refund", "sc/my.yaml:27 slow refund"},
		{"chinese", "sc/my.yaml:27 响应被篡改，只发生一次", "sc/my.yaml:27 %E5%93%8D%E5%BA%94%E8%A2%AB%E7%AF%A1%E6%94%B9%EF%BC%8C%E5%8F%AA%E5%8F%91%E7%94%9F%E4%B8%80%E6%AC%A1"},
		{"two rules", "a.yaml:3 slow + added#2 arm:1 armed", "a.yaml:3 slow + added#2 arm:1 armed"},
		{"percent and control characters", "100% \r\nX-Injected: 1", "100%25 %0D%0AX-Injected: 1"},
		{"magic", "magic", "magic"},
		{"spaces at the ends", " 篡改 一次 ", "%20%E7%AF%A1%E6%94%B9 %E4%B8%80%E6%AC%A1%20"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			v := FormatRuleHeader(tt.rule)
			assert.Equal(t, tt.header, v)
			assert.Equal(t, tt.rule, ParseRuleHeader(v))
			assert.Equal(t, tt.rule, ParseRuleHeader(overTheWire(t, v)), "written and read by net/http")
		})
	}
	assert.Equal(t, "50%-off", ParseRuleHeader("50%-off"), "not percent-encoding: as it came")
}

// FuzzRuleHeader: every rule id comes back from its header value, which
// holds only printable ASCII.
func FuzzRuleHeader(f *testing.F) {
	f.Add("sc/my.yaml:27 响应被篡改，只发生一次")
	f.Add("100% \r\n")
	f.Add(" a ")
	f.Fuzz(func(t *testing.T, rule string) {
		v := FormatRuleHeader(rule)
		for i := 0; i < len(v); i++ {
			if v[i] < ' ' || v[i] >= 0x7F {
				t.Fatalf("byte %#x in %q", v[i], v)
			}
		}
		if strings.TrimSpace(v) != v {
			t.Fatalf("%q: HTTP would trim its ends", v)
		}
		if got := ParseRuleHeader(v); got != rule {
			t.Fatalf("%q came back as %q", rule, got)
		}
	})
}

// overTheWire is v as a client reads it back from an HTTP/1.1 answer
// net/http wrote with v in HeaderRule (which trims a value's ends).
func overTheWire(t *testing.T, v string) string {
	t.Helper()
	rec := httptest.NewRecorder()
	rec.Header().Set(HeaderRule, v)
	rec.WriteHeader(http.StatusOK)
	var b bytes.Buffer
	require.NoError(t, rec.Result().Write(&b))
	res, err := http.ReadResponse(bufio.NewReader(&b), nil)
	require.NoError(t, err)
	return res.Header.Get(HeaderRule)
}

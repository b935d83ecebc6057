package form

import (
	"testing"
	"unsafe"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestParseOwnsItsTexts: no key or value Parse returns shares the raw
// text's memory, escaped or not, so that what keeps a parameter (the
// journal, for 10,000 calls) never keeps the whole body alive.
func TestParseOwnsItsTexts(t *testing.T) {
	for _, raw := range []string{
		"sysid=100000000002&v=2.0&sign=a%2Bb&timestamp=2026-12-06+17%3A25%3A38&req=%7B%7D",
		"ssoid=plain&other=also+plain&x%41=%42",
		"privSysid=1&privBizUserId=u1&empty=&bare",
	} {
		t.Run(raw, func(t *testing.T) {
			values, err := Parse(raw)
			require.NoError(t, err)
			for k, vs := range values {
				assert.False(t, inside(k, raw), "key %q is a piece of the raw text", k)
				for _, v := range vs {
					assert.False(t, inside(v, raw), "value %q of %q is a piece of the raw text", v, k)
				}
			}
			p, _, err := ParseParams(raw) // what /service/soa reads a call's body with
			require.NoError(t, err)
			for _, v := range []string{p.SysID, p.Sign, p.Timestamp, p.V, p.Req, p.PrivSysID, p.PrivBizUserID} {
				assert.False(t, inside(v, raw), "param %q is a piece of the raw text", v)
			}
			for k, v := range p.Extra {
				assert.False(t, inside(k, raw) || inside(v, raw), "extra %q=%q is a piece of the raw text", k, v)
			}
		})
	}
}

// inside reports whether s's bytes lie in raw's memory.
func inside(s, raw string) bool {
	if s == "" {
		return false
	}
	p, start := uintptr(unsafe.Pointer(unsafe.StringData(s))), uintptr(unsafe.Pointer(unsafe.StringData(raw)))
	return p >= start && p < start+uintptr(len(raw))
}

package pages

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestReturnLocation: the signed form is appended to the return address's
// query, before its fragment; the address's own sysid, rps, timestamp, v
// and sign are left out, so that the signed ones are the only values
// (probe-Y 7), and its other pairs keep their bytes and order; non-ASCII
// bytes are escaped in upper-case hex, the merchant's own escapes kept
// (probe-Y 8).
func TestReturnLocation(t *testing.T) {
	const signed = "sysid=1&rps=%7B%7D&timestamp=t&v=2.0&sign=s"
	for _, tt := range []struct{ name, returnURL, want string }{
		{"no query", "http://shop.test/jump", "http://shop.test/jump?" + signed},
		{"a query", "http://shop.test/jump?order=7&a=b+c", "http://shop.test/jump?order=7&a=b+c&" + signed},
		{"a fragment", "http://shop.test/jump?a=1#/done", "http://shop.test/jump?a=1&" + signed + "#/done"},
		{"the return's signed keys (a v of the merchant's own stays)", "http://shop.test/jump?sysid=EVIL&order=7&timestamp=1&sign=abc&v=3",
			"http://shop.test/jump?order=7&v=3&" + signed},
		{"only the return's keys", "http://shop.test/jump?sign=abc", "http://shop.test/jump?" + signed},
		{"an encoded key", "http://shop.test/jump?%73ign=abc&signature=x", "http://shop.test/jump?signature=x&" + signed},
		{"non-ASCII in upper-case hex", "http://shop.test/返回?名=值&b=中#完成",
			"http://shop.test/%E8%BF%94%E5%9B%9E?%E5%90%8D=%E5%80%BC&b=%E4%B8%AD&" + signed + "#%E5%AE%8C%E6%88%90"},
		{"the merchant's escapes as sent", "http://shop.test/%e8%bf%94?b=%e4%b8%ad&c=a+b%2Fc",
			"http://shop.test/%e8%bf%94?b=%e4%b8%ad&c=a+b%2Fc&" + signed},
		{"a space in the query escaped: no URL holds one (probe-AB)", "http://shop.test/jump?q=a b&c=d",
			"http://shop.test/jump?q=a%20b&c=d&" + signed},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, err := returnLocation(tt.returnURL, signed)
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

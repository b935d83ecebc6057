package soa

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestReturnKeysIn: the return keys an address's query holds already,
// decoded, once each, in the order the platform appends them; none for a
// query without them, a key that only starts like one, or a fragment.
func TestReturnKeysIn(t *testing.T) {
	for _, tt := range []struct {
		raw  string
		want []string
	}{
		{"", nil},
		{"http://shop.test/jump", nil},
		{"http://shop.test/jump?", nil},
		{"http://shop.test/jump?order=1&signature=x&vv=2", nil},
		{"http://shop.test/jump?sysid=EVIL&timestamp=1&sign=abc", []string{"sysid", "timestamp", "sign"}},
		{"http://shop.test/jump?sign=a&sign=b&v=3", []string{"sign"}}, // v is no signed key: the merchant may have its own
		{"http://shop.test/jump?%73ign=a&rps", []string{"rps", "sign"}},
		{"http://shop.test/jump?a=1#sign=x", nil},
		{"http://shop.test/jump?a=%zz&timestamp=1", []string{"timestamp"}},
	} {
		t.Run(tt.raw, func(t *testing.T) {
			assert.Equal(t, tt.want, ReturnKeysIn(tt.raw))
		})
	}
}

// TestWithoutReturnKeys: the pairs a return key names leave the query, the
// others stay with their bytes and order (lower-case escapes, "+", an empty
// pair).
func TestWithoutReturnKeys(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"", ""},
		{"a=1&b=2", "a=1&b=2"},
		{"sysid=EVIL&order=%e4%b8%ad&timestamp=1&sign=abc", "order=%e4%b8%ad"},
		{"sign=abc", ""},
		{"q=a+b&&%73ign=x&v=3&signature=y", "q=a+b&&v=3&signature=y"},
	} {
		t.Run(tt.in, func(t *testing.T) {
			assert.Equal(t, tt.want, WithoutReturnKeys(tt.in))
		})
	}
}

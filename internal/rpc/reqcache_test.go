package rpc

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/tsymock/tsymock/internal/soa"
)

// TestReqCache: a req decoded again comes from the cache exactly as
// soa.DecodeReq decodes it, with params of its own (a call that changes
// them changes no other call's); a req that does not decode is refused
// with the same error every time and not kept; a req past
// reqCacheMaxText is decoded every time.
func TestReqCache(t *testing.T) {
	long := `{"service":"MemberService","method":"createMember","param":{"x":"` + strings.Repeat("y", reqCacheMaxText) + `"}}`
	tests := []struct {
		name string
		req  string
		kept int // entries in the cache afterwards
	}{
		{"nested params", `{"service":"OrderService","method":"consumeApply","param":{"bizUserId":"u","amount":100,"payMethod":{"BALANCE":[{"amount":100}]}}}`, 1},
		{"no param", `{"service":"MemberService","method":"queryBalance"}`, 1},
		{"not JSON", `{"service":`, 0},
		{"lone surrogate", `{"service":"A","method":"b","param":{"x":"\ud800"}}`, 0},
		{"long", long, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := newReqCache()
			want, wantErr := soa.DecodeReq(tt.req)
			for i := range 3 {
				got, serr := c.decode(tt.req)
				assert.Equal(t, wantErr, serr, "call %d", i)
				assert.Equal(t, want, got, "call %d", i)
				if got != nil {
					got.Param["changed"] = true // by decryption, say: never seen by the next call
					if m, ok := got.Param["payMethod"].(map[string]any); ok {
						m["BALANCE"] = "changed"
					}
				}
			}
			assert.Equal(t, tt.kept, c.envs.Len())
		})
	}
}

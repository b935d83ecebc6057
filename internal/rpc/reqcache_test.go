package rpc

import (
	"strings"
	"testing"
	"unsafe"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/internal/soa"
)

// TestReqCache: a req decoded again comes from the cache exactly as
// soa.DecodeReq decodes it, the same envelope every time (it is shared,
// read only), and a call's copyEnvelope is its own (a call that changes its
// params, as decryption does, changes neither the cache nor another call);
// a req that does not decode is refused with the same error every time and
// not kept; a req past reqCacheMaxText is decoded every time.
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
			var first *soa.Envelope
			for i := range 3 {
				got, serr := c.decode(tt.req, soa.DefaultCatalogue())
				assert.Equal(t, wantErr, serr, "call %d", i)
				assert.Equal(t, want, got, "call %d", i)
				if got == nil {
					continue
				}
				if first == nil {
					first = got
				} else if tt.kept == 1 {
					assert.Same(t, first, got, "call %d: the cache's envelope", i)
				}
				own := copyEnvelope(got)
				own.Param["changed"] = true // by decryption, say: never seen by the next call
				if m, ok := own.Param["payMethod"].(map[string]any); ok {
					m["BALANCE"] = "changed"
				}
			}
			assert.Equal(t, tt.kept, c.envs.Len())
		})
	}
}

// TestReqCacheNamesFromTheCatalogue: a known method's names are the
// catalogue's own texts (the journal keeps no copy per call).
func TestReqCacheNamesFromTheCatalogue(t *testing.T) {
	cat := soa.DefaultCatalogue()
	m, serr := cat.Lookup("MemberService", "createMember")
	require.Nil(t, serr)
	env, serr := newReqCache().decode(`{"service":"MemberService","method":"createMember","param":{}}`, cat)
	require.Nil(t, serr)
	assert.Equal(t, unsafe.StringData(m.Service), unsafe.StringData(env.Service))
	assert.Equal(t, unsafe.StringData(m.Name), unsafe.StringData(env.Method))
}

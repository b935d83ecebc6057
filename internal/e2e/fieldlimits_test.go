package e2e

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestFieldLimitsOverHTTP: a bizUserId far too long is 10004 naming it
// (900 KB ones were members before), and a lone surrogate escape is 10000
// naming it: "a\ud800" and "a\udbff" both became "a\ufffd" and so one
// member, the second answered 30000.
func TestFieldLimitsOverHTTP(t *testing.T) {
	t.Parallel()
	e := demoEnv(t)
	tests := []struct {
		name, bizUserID, code, message string
	}{
		{"900 KB", strings.Repeat("u", 900<<10), "10004", "bizUserId is 921600 characters long"},
		{"lone high surrogate", `a\ud800`, "10000", "param.bizUserId holds a lone UTF-16 surrogate"},
		{"another lone one", `a\udbff`, "10000", "param.bizUserId holds a lone UTF-16 surrogate"},
		{"a pair is a character", `a\ud83d\ude00`, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := `{"service":"MemberService","method":"createMember","param":{"bizUserId":"` + tt.bizUserID + `","memberType":3,"source":1}}`
			a := postForm(t, e, signed(t, e.Merchant, e.SysID, req, vectorTime))
			if tt.code == "" {
				a.verified(t, e)
				assert.Equal(t, "OK", a.str(t, "status"), "%s", a.Body)
				return
			}
			assert.Equal(t, tt.code, a.errorCode(t, e))
			assert.Contains(t, a.str(t, "message"), tt.message)
		})
	}
}

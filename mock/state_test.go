package mock_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/internal/wiretest"
	"github.com/tsymock/tsymock/keys/demo"
)

func TestPreloadMembers(t *testing.T) {
	s, m := newTestServer(t)
	require.NoError(t, s.PreloadMembers(context.Background(), demo.SysID, "pre-", 100))
	for _, tt := range []struct{ bizUserID, want string }{{"pre-99", "30000"}, {"pre-100", ""}} {
		rec := httptest.NewRecorder()
		form := wiretest.SignedForm(t, m, `{"service":"MemberService","method":"createMember","param":{"bizUserId":"`+tt.bizUserID+`","memberType":3,"source":1}}`)
		req := httptest.NewRequest(http.MethodPost, "/service/soa", strings.NewReader(form))
		s.Handler().ServeHTTP(rec, req)
		body := wiretest.CheckAnswer(t, m, rec)
		if tt.want == "" {
			assert.Equal(t, "OK", body["status"], tt.bizUserID)
		} else {
			assert.Equal(t, tt.want, body["errorCode"], "%s was preloaded", tt.bizUserID)
		}
	}
	assert.NoError(t, s.PreloadMembers(context.Background(), demo.SysID, "pre-", 101), "existing members are kept")
	assert.ErrorContains(t, s.PreloadMembers(context.Background(), "999", "x", 1), "not registered")
}

package mock_test

import (
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/internal/wiretest"
)

// TestSOAPathSpellings: the endpoint answers under the paths a configured
// server URL with a trailing slash produces, with a Content-Length.
func TestSOAPathSpellings(t *testing.T) {
	s, m := newTestServer(t)
	for i, path := range []string{"/service/soa", "//service/soa", "/service/soa/", "//service//soa/"} {
		form := wiretest.SignedForm(t, m, `{"service":"MemberService","method":"createMember","param":{"bizUserId":"p`+
			strconv.Itoa(i)+`","memberType":3,"source":1}}`)
		rec := httptest.NewRecorder()
		s.Handler().ServeHTTP(rec, httptest.NewRequest(http.MethodPost, path, strings.NewReader(form)))
		require.Equal(t, http.StatusOK, rec.Code, path)
		assert.Equal(t, strconv.Itoa(rec.Body.Len()), rec.Header().Get("Content-Length"), path)
		assert.Equal(t, "OK", wiretest.CheckAnswer(t, m, rec)["status"], path)
	}
	rec := httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/service/soa/more", nil))
	assert.Equal(t, http.StatusNotFound, rec.Code, "only spellings of the endpoint itself")
}

package mock

import (
	"bytes"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/internal/soa"
)

// TestSOAPathSpellings: the endpoint answers under the paths a configured
// server URL with a trailing slash produces, with a Content-Length.
func TestSOAPathSpellings(t *testing.T) {
	s, m := newTestServer(t)
	for i, path := range []string{"/service/soa", "//service/soa", "/service/soa/", "//service//soa/"} {
		form := signedForm(t, m, `{"service":"MemberService","method":"createMember","param":{"bizUserId":"p`+
			strconv.Itoa(i)+`","memberType":3,"source":1}}`)
		rec := httptest.NewRecorder()
		s.Handler().ServeHTTP(rec, httptest.NewRequest(http.MethodPost, path, strings.NewReader(form)))
		require.Equal(t, http.StatusOK, rec.Code, path)
		assert.Equal(t, strconv.Itoa(rec.Body.Len()), rec.Header().Get("Content-Length"), path)
		assert.Equal(t, "OK", checkAnswer(t, m, rec)["status"], path)
	}
	rec := httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/service/soa/more", nil))
	assert.Equal(t, http.StatusNotFound, rec.Code, "only spellings of the endpoint itself")
}

// TestSafelyAnswers9999: a panic while answering becomes a 9999 answer and
// a log line with the stack, and the server goes on.
func TestSafelyAnswers9999(t *testing.T) {
	var log bytes.Buffer
	s := &Server{log: slog.New(slog.NewTextHandler(&log, nil))}
	v, serr := s.safely(func() (map[string]any, *soa.Error) { panic("boom") })
	assert.Nil(t, v)
	require.NotNil(t, serr)
	assert.Equal(t, "9999", serr.Code)
	assert.Contains(t, log.String(), "panic=boom")
	assert.Contains(t, log.String(), "soa_paths_test.go")
	v, serr = s.safely(func() (map[string]any, *soa.Error) { return map[string]any{"ok": true}, nil })
	assert.Nil(t, serr)
	assert.Equal(t, true, v["ok"])
}

package mock

import (
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestReadFormBody(t *testing.T) {
	const limit = 1000
	long := strings.Repeat("a", limit)
	tests := []struct {
		name          string
		body          io.Reader
		contentLength int64
		want          string
		code          string
	}{
		{"announced", strings.NewReader("a=1&b=2"), 7, "a=1&b=2", ""},
		{"unknown length", strings.NewReader(long), -1, long, ""},
		{"one byte at a time", iotest.OneByteReader(strings.NewReader(long)), -1, long, ""},
		{"empty", strings.NewReader(""), 0, "", ""},
		{"exactly the limit", strings.NewReader(long), limit, long, ""},
		{"over the limit", strings.NewReader(long + "a"), -1, "", "10004"},
		{"over the limit, announced", strings.NewReader(long + "a"), limit + 1, "", "10004"},
		{"announced short", strings.NewReader(long + "a"), 3, "", "10004"},
		{"read error", iotest.ErrReader(errors.New("boom")), -1, "", "10000"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := httptest.NewRequest(http.MethodPost, "/service/soa", nil)
			r.Body, r.ContentLength = io.NopCloser(tt.body), tt.contentLength
			got, serr := readFormBody(r, limit)
			if tt.code != "" {
				require.NotNil(t, serr)
				assert.Equal(t, tt.code, serr.Code)
				return
			}
			require.Nil(t, serr)
			assert.Equal(t, tt.want, got)
		})
	}
}

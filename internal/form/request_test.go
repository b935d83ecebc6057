package form

import (
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestReadBody(t *testing.T) {
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
		// net/http's io.ErrUnexpectedEOF: the connection closed before the
		// announced length. A body cut short never passes for a whole one.
		{"cut short", io.MultiReader(strings.NewReader("a=1&b"), iotest.ErrReader(io.ErrUnexpectedEOF)), 9, "", "10000"},
		{"cut short, one byte at a time", iotest.OneByteReader(io.MultiReader(strings.NewReader(long[:10]), iotest.ErrReader(io.ErrUnexpectedEOF))), 100, "", "10000"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := httptest.NewRequest(http.MethodPost, "/service/soa", nil)
			r.Body, r.ContentLength = io.NopCloser(tt.body), tt.contentLength
			got, serr := readBody(httptest.NewRecorder(), r, limit, &Hold{})
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

func TestRead(t *testing.T) {
	tests := []struct {
		name, method, query, contentType, body string
		want                                   url.Values
		code, message                          string
	}{
		{name: "GET reads the query", method: "GET", query: "sysid=1&req=r", body: "sysid=2",
			want: url.Values{"sysid": {"1"}, "req": {"r"}}},
		{name: "GET ignores the Content-Type", method: "GET", query: "sysid=1", contentType: "application/json",
			want: url.Values{"sysid": {"1"}}},
		{name: "POST reads the body", method: "POST", body: "sysid=1&req=r",
			contentType: "application/x-www-form-urlencoded;charset=UTF-8", want: url.Values{"sysid": {"1"}, "req": {"r"}}},
		{name: "POST without a Content-Type", method: "POST", body: "sysid=1", want: url.Values{"sysid": {"1"}}},
		{name: "the body wins over the query", method: "POST", query: "sysid=9&v=2.0", body: "sysid=1",
			want: url.Values{"sysid": {"1"}, "v": {"2.0"}}},
		{name: "a JSON body is explained", method: "POST", body: `{"sysid":"1"}`, contentType: "application/json",
			code: "10000", message: "the POST body is application/json"},
		{name: "a JSON Content-Type on a form body is fine", method: "POST", body: "sysid=1", contentType: "application/json",
			want: url.Values{"sysid": {"1"}}},
		{name: "a bad escape in the query", method: "GET", query: "req=%zz", code: "10000", message: "(in the query string)"},
		{name: "a bad escape in the body", method: "POST", body: "req=%zz", code: "10000", message: "(in the request body)"},
		{name: "a bad escape in a POST's query", method: "POST", query: "a=%", body: "sysid=1", code: "10000",
			message: "(in the query string)"},
		{name: "a body too large", method: "POST", body: "req=" + strings.Repeat("a", 100), code: "10004",
			message: "larger than 64 bytes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := httptest.NewRequest(tt.method, "/service/soa?"+tt.query, strings.NewReader(tt.body))
			if tt.contentType != "" {
				r.Header.Set("Content-Type", tt.contentType)
			}
			got, serr := Read(httptest.NewRecorder(), r, 64)
			if tt.code != "" {
				require.NotNil(t, serr)
				assert.Equal(t, tt.code, serr.Code)
				assert.Contains(t, serr.Message, tt.message)
				return
			}
			require.Nil(t, serr)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestCheckSize(t *testing.T) {
	assert.Nil(t, CheckSize(Params{Req: "12345"}, 5))
	serr := CheckSize(Params{Req: "123456"}, 5)
	require.NotNil(t, serr)
	assert.Equal(t, "10004", serr.Code)
}

package form

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// post is a POST of body announced as length bytes.
func post(body io.Reader, length int64) *http.Request {
	r := httptest.NewRequest(http.MethodPost, "/service/soa", nil)
	r.Body, r.ContentLength = io.NopCloser(body), length
	return r
}

// TestBudgetGrowsAsBytesArrive: a body announced as 1 MiB that has sent
// nothing holds only the first small piece, not what it announced.
func TestBudgetGrowsAsBytesArrive(t *testing.T) {
	b := NewBudget(64 << 20)
	pr, pw := io.Pipe()
	done := make(chan *Hold)
	go func() {
		h, _, _ := ReadHeld(httptest.NewRecorder(), post(pr, 1<<20), 1<<20, b)
		done <- h
	}()
	require.Eventually(t, func() bool { return b.Used() > 0 }, time.Second, time.Millisecond)
	assert.Equal(t, int64(firstChunk), b.Used(), "nothing but the first piece before any byte")
	_, err := pw.Write([]byte(strings.Repeat("a", 100<<10)))
	require.NoError(t, err)
	assert.LessOrEqual(t, b.Used(), int64(firstChunk+4*chunkSize), "as the bytes arrive")
	require.NoError(t, pw.Close())
	h := <-done
	assert.Equal(t, int64(100<<10), b.Used(), "the body read is held until its call is answered")
	h.Release()
	h.Release()
	assert.Zero(t, b.Used())
}

// TestBudgetRefuses: a body that would pass the budget is 9999, and holds
// nothing; once the bodies before it are released, it is read.
func TestBudgetRefuses(t *testing.T) {
	b := NewBudget(100 << 10)
	first, v, serr := ReadHeld(httptest.NewRecorder(), post(strings.NewReader("a="+strings.Repeat("x", 60<<10)), -1), 1<<20, b)
	require.Nil(t, serr)
	assert.Len(t, v.Get("a"), 60<<10)
	tests := []struct {
		name    string
		release bool
		code    string
	}{
		{"while the first is held", false, "9999"},
		{"after it is released", true, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.release {
				first.Release()
			}
			rec := httptest.NewRecorder()
			h, _, serr := ReadHeld(rec, post(strings.NewReader("b="+strings.Repeat("y", 50<<10)), -1), 1<<20, b)
			defer h.Release()
			if tt.code == "" {
				require.Nil(t, serr)
				return
			}
			require.NotNil(t, serr)
			assert.Equal(t, tt.code, serr.Code)
			assert.Contains(t, serr.Message, "102400 bytes of request bodies")
			assert.Equal(t, int64(60<<10+2), b.Used(), "the refused body holds nothing")
		})
	}
}

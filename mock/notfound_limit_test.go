package mock

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

// TestPathLimit: an unknown path is logged once a minute, and no more than
// maxLoggedPaths paths a minute, whatever a scanner sends.
func TestPathLimit(t *testing.T) {
	now := time.Date(2026, 12, 6, 4, 0, 0, 0, time.UTC)
	l := newPathLimit(func() time.Time { return now })
	for _, step := range []struct {
		name    string
		advance time.Duration
		key     string
		want    bool
	}{
		{"first time", 0, "POST /", true},
		{"again at once", time.Second, "POST /", false},
		{"another path", 0, "POST /service", true},
		{"another method", 0, "GET /", true},
		{"still in the minute", 58 * time.Second, "POST /", false},
		{"the next minute", 2 * time.Second, "POST /", true},
		{"a clock that went back starts a window", -time.Hour, "POST /", true},
	} {
		now = now.Add(step.advance)
		assert.Equal(t, step.want, l.allow(step.key), step.name)
	}
	t.Run("bounded", func(t *testing.T) {
		now = now.Add(time.Hour)
		logged := 0
		for i := range 10 * maxLoggedPaths {
			if l.allow(fmt.Sprintf("GET /scan/%d", i)) {
				logged++
			}
		}
		assert.Equal(t, maxLoggedPaths, logged)
		assert.Len(t, l.seen, maxLoggedPaths, "memory: the keys of one window")
		now = now.Add(unknownPathWindow)
		assert.True(t, l.allow("GET /scan/9999"), "a new window logs again")
		assert.Len(t, l.seen, 1)
	})
}

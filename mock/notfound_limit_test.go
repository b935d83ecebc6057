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
		ok, mute := l.allow(step.key)
		assert.Equal(t, step.want, ok, step.name)
		assert.True(t, mute.IsZero(), step.name)
	}
	t.Run("bounded", func(t *testing.T) {
		now = now.Add(time.Hour)
		logged, muted := 0, []time.Time{}
		for i := range 10 * maxLoggedPaths {
			ok, mute := l.allow(fmt.Sprintf("GET /scan/%d", i))
			if ok {
				logged++
			}
			if !mute.IsZero() {
				muted = append(muted, mute)
			}
		}
		assert.Equal(t, maxLoggedPaths, logged)
		assert.Equal(t, []time.Time{now.Add(unknownPathWindow)}, muted, "the log says once that it stops, and until when")
		assert.Len(t, l.seen, maxLoggedPaths, "memory: the keys of one window")
		now = now.Add(unknownPathWindow)
		ok, _ := l.allow("GET /scan/9999")
		assert.True(t, ok, "a new window logs again")
		assert.Len(t, l.seen, 1)
	})
}

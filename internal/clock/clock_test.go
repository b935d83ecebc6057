package clock

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

func TestManual(t *testing.T) {
	start := time.Date(2026, 11, 28, 4, 0, 0, 0, time.UTC)
	c := NewManual(start)
	assert.Equal(t, start, c.Now())
	c.Advance(time.Minute)
	assert.Equal(t, start.Add(time.Minute), c.Now())
	c.Set(start)
	assert.Equal(t, start, c.Now())
	assert.WithinDuration(t, time.Now(), System{}.Now(), time.Second)
}

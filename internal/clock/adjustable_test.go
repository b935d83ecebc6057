package clock

import (
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

func TestAdjustable(t *testing.T) {
	start := time.Date(2026, 11, 28, 4, 0, 0, 0, time.UTC)
	base := NewManual(start)
	a := NewAdjustable(base)
	assert.Equal(t, base.Now(), a.Now())

	target := time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)
	a.Set(target)
	assert.Equal(t, target, a.Now())
	base.Advance(time.Minute) // time keeps flowing from the chosen point
	assert.Equal(t, target.Add(time.Minute), a.Now())
	a.Advance(-time.Hour)
	assert.Equal(t, target.Add(time.Minute-time.Hour), a.Now())
	assert.Equal(t, target.Sub(start)-time.Hour, a.Offset())
}

func TestAdjustableSystem(t *testing.T) {
	a := NewAdjustable(nil)
	a.Advance(24 * time.Hour)
	assert.WithinDuration(t, time.Now().Add(24*time.Hour), a.Now(), time.Second)
}

func TestMakeSettable(t *testing.T) {
	m := NewManual(time.Unix(0, 0))
	assert.Same(t, m, MakeSettable(m).(*Manual), "a Manual clock is moved as it is")
	_, ok := MakeSettable(System{}).(*Adjustable)
	assert.True(t, ok, "the system clock is wrapped")
}

func TestAdjustableConcurrent(t *testing.T) {
	a := NewAdjustable(System{})
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			a.Advance(time.Second)
			_ = a.Now()
		})
	}
	wg.Wait()
	assert.Equal(t, 8*time.Second, a.Offset())
}

// TestAdjustableResetAndMoved: Reset puts the clock back on its base;
// Moved tells how far it is off, and nothing for a clock with no base.
func TestAdjustableResetAndMoved(t *testing.T) {
	base := NewManual(time.Date(2026, 11, 28, 4, 0, 0, 0, time.UTC))
	a := NewAdjustable(base)
	for _, tc := range []struct {
		name  string
		move  func()
		moved time.Duration
	}{
		{"new", func() {}, 0},
		{"advanced", func() { a.Advance(36 * time.Hour) }, 36 * time.Hour},
		{"back", func() { a.Advance(-48 * time.Hour) }, -12 * time.Hour},
		{"reset", a.Reset, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.move()
			assert.Equal(t, tc.moved, Moved(a))
			assert.Equal(t, base.Now().Add(tc.moved), a.Now())
		})
	}
	assert.Zero(t, Moved(base), "a Manual clock is off nothing")
	assert.Zero(t, Moved(System{}))
}

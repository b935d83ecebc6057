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

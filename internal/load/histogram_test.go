package load

import (
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestBucketsCoverEveryValueInOrder(t *testing.T) {
	prev := -1
	for _, v := range []uint64{0, 1, 63, 64, 65, 127, 128, 1000, 1 << 20, 1<<40 + 12345, 1<<63 - 1, 1<<64 - 1} {
		b := bucketOf(v)
		require.Less(t, b, numBuckets, "value %d", v)
		assert.GreaterOrEqual(t, b, prev, "buckets grow with the value (%d)", v)
		prev = b
	}
}

func TestBucketMidIsWithinPrecision(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 10000 {
		v := r.Uint64N(1 << 45)
		mid := bucketMid(bucketOf(v))
		diff := float64(mid) - float64(v)
		assert.LessOrEqual(t, max(diff, -diff), float64(v)/(1<<subBits)+1, "value %d reported as %d", v, mid)
	}
}

func TestQuantiles(t *testing.T) {
	var h histogram
	var all []time.Duration
	for i := 1; i <= 1000; i++ {
		d := time.Duration(i) * time.Microsecond
		h.record(d)
		all = append(all, d)
	}
	slices.Sort(all)
	assert.InEpsilon(t, float64(all[499]), float64(h.quantile(0.5)), 0.02)
	assert.InEpsilon(t, float64(all[989]), float64(h.quantile(0.99)), 0.02)
	assert.Equal(t, time.Millisecond, h.max, "the maximum is exact")
	assert.Equal(t, uint64(1000), h.total)

	var other histogram
	other.record(5 * time.Second)
	h.merge(&other)
	assert.Equal(t, 5*time.Second, h.quantile(1))
	assert.Equal(t, uint64(1001), h.total)
}

func TestEmptyHistogram(t *testing.T) {
	var h histogram
	assert.Zero(t, h.quantile(0.99))
}

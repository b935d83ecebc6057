package load

import (
	"math/bits"
	"time"
)

// subBits sets the histogram's precision: 2^subBits buckets per power of
// two, so a reported latency is within 1/64 (1.6 %) of the true one.
const subBits = 6

// numBuckets covers every uint64 nanosecond value.
const numBuckets = (64 - subBits + 1) << subBits

// histogram counts latencies in log-linear buckets: fixed memory whatever
// the number of requests, and cheap enough to record on every answer
// without disturbing the measurement. It is not safe for concurrent use;
// each worker keeps its own and they are merged at the end.
type histogram struct {
	counts [numBuckets]uint64
	total  uint64
	max    time.Duration
}

// bucketOf maps a value to its bucket: values below 2^subBits have their
// own bucket; above, the top subBits+1 bits select it.
func bucketOf(v uint64) int {
	if v < 1<<subBits {
		return int(v)
	}
	shift := bits.Len64(v) - subBits - 1
	return (shift+1)<<subBits + int(v>>shift) - 1<<subBits
}

// bucketMid is the middle of a bucket, the value a quantile reports.
func bucketMid(i int) uint64 {
	if i < 1<<subBits {
		return uint64(i)
	}
	shift := i>>subBits - 1
	low := uint64(i&(1<<subBits-1)+1<<subBits) << shift
	return low + (uint64(1)<<shift)/2
}

func (h *histogram) record(d time.Duration) {
	if d < 0 {
		d = 0
	}
	h.counts[bucketOf(uint64(d))]++
	h.total++
	h.max = max(h.max, d)
}

func (h *histogram) merge(o *histogram) {
	for i, c := range o.counts {
		h.counts[i] += c
	}
	h.total += o.total
	h.max = max(h.max, o.max)
}

// quantile returns the latency below which a fraction q of the answers
// came; the maximum is exact, never a bucket's middle.
func (h *histogram) quantile(q float64) time.Duration {
	if h.total == 0 {
		return 0
	}
	if q >= 1 {
		return h.max
	}
	rank := uint64(q * float64(h.total))
	rank = max(rank, 1)
	var seen uint64
	for i, c := range h.counts {
		seen += c
		if seen >= rank {
			return min(time.Duration(bucketMid(i)), h.max)
		}
	}
	return h.max
}

package main

import (
	"fmt"
	"slices"
	"time"
)

// summary is the median and range of some numbers.
type summary struct {
	median, min, max float64
	n                int
}

func summarize(v []float64) summary {
	if len(v) == 0 {
		return summary{}
	}
	s := slices.Sorted(slices.Values(v))
	m := (s[(len(s)-1)/2] + s[len(s)/2]) / 2
	return summary{median: m, min: s[0], max: s[len(s)-1], n: len(s)}
}

// millis summarizes durations in milliseconds.
func millis(ds []time.Duration) summary {
	v := make([]float64, len(ds))
	for i, d := range ds {
		v[i] = float64(d) / float64(time.Millisecond)
	}
	return summarize(v)
}

// String is "median (min–max)" with one decimal.
func (s summary) String() string {
	return fmt.Sprintf("%.1f (%.1f–%.1f)", s.median, s.min, s.max)
}

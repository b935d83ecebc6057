//go:build unix && soak

package main

import "testing"

// TestStartFlatAtAMillionChanges is issue 17.1's measure: a data dir of
// 1,000,000 changes with its snapshot opens in at most twice the time of
// one of 1,000 changes. Writing the long history takes one to two minutes,
// too long for make test, so make soak runs it (TestStartFlatAsHistoryGrows
// checks the same shape over 20,000 changes in every test run).
func TestStartFlatAtAMillionChanges(t *testing.T) {
	requireStartFlat(t, 1000, 1000000)
}

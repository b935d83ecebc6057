package main

import (
	"runtime"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCPUList(t *testing.T) {
	set, err := parseCPUList(" 6,0-3,2 ")
	require.NoError(t, err)
	assert.Equal(t, cpuSet{0, 1, 2, 3, 6}, set)
	assert.Equal(t, "0-3,6", set.String())
	assert.Equal(t, "1,3", cpuSet{1, 3}.String())
	assert.Equal(t, cpuSet{0, 2}, set.minus(cpuSet{1, 3, 6}))
	for _, bad := range []string{"", "a", "3-1", "-1", "1,,2", "0-"} {
		_, err := parseCPUList(bad)
		assert.Error(t, err, bad)
	}
}

// TestHalfCores: the servers get the last half of the cores, every
// hardware thread of each, so that no core is shared with the load
// generator.
func TestHalfCores(t *testing.T) {
	own := func(cpu int) string { return strconv.Itoa(cpu) }
	assert.Equal(t, cpuSet{1}, halfCores(cpuSet{0, 1}, own))
	assert.Equal(t, cpuSet{2}, halfCores(cpuSet{0, 1, 2}, own))
	assert.Equal(t, cpuSet{2, 3}, halfCores(cpuSet{0, 1, 2, 3}, own))
	assert.Equal(t, cpuSet{7, 9}, halfCores(cpuSet{4, 5, 7, 9}, func(int) string { return "" }), "unknown topology: one core each")
	siblings := func(cpu int) string { return strconv.Itoa(cpu % 4) } // cpu i and i+4 share a core
	assert.Equal(t, cpuSet{2, 3, 6, 7}, halfCores(cpuSet{0, 1, 2, 3, 4, 5, 6, 7}, siblings))
	oneCore := func(int) string { return "0-3" }
	assert.Equal(t, cpuSet{2, 3}, halfCores(cpuSet{0, 1, 2, 3}, oneCore))
}

func TestServerCPUsFlag(t *testing.T) {
	for _, off := range []string{"none", ""} {
		set, err := parseServerCPUs(off)
		require.NoError(t, err)
		assert.Nil(t, set)
	}
	auto, err := parseServerCPUs("auto")
	require.NoError(t, err)
	if runtime.GOOS != "linux" || runtime.NumCPU() < 2 {
		assert.Nil(t, auto)
	} else {
		assert.NotEmpty(t, auto)
		assert.Less(t, len(auto), runtime.NumCPU())
	}
	_, err = parseServerCPUs("x")
	assert.Error(t, err)
}

package main

import (
	"os"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestProcessFigures(t *testing.T) {
	rss, err := residentBytes(os.Getpid())
	require.NoError(t, err)
	assert.Greater(t, rss, int64(1<<20))
	cpu, err := processCPU(os.Getpid())
	require.NoError(t, err)
	assert.GreaterOrEqual(t, cpu, time.Duration(0))
	assert.Positive(t, selfCPU())
	_, err = residentBytes(-1)
	assert.Error(t, err)
	_, err = processCPU(-1)
	assert.Error(t, err)
	assert.Equal(t, time.Duration(-1), serverCPU(-1), "unknown")
	m := thisMachine()
	assert.Positive(t, m.Cores)
	assert.NotEmpty(t, m.CPU)
}

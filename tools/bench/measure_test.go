package main

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/internal/load"
)

// TestMeasure: the warmup is sent first and not counted, the requests it
// took are not sent again, and both sides' CPU time is spread over the
// timed answers; merged rounds weigh each by its answers.
func TestMeasure(t *testing.T) {
	b, err := startBare("127.0.0.1:0", bareHandler(cannedAnswer{Body: []byte(`{"status":"OK"}`)}))
	require.NoError(t, err)
	defer b.Close()
	reqs := make([][]byte, 5000)
	for i := range reqs {
		reqs[i] = load.Request(b.Addr(), "x=1")
	}
	o := load.Options{Addr: b.Addr(), Requests: reqs, Conns: 2, Duration: 100 * time.Millisecond, Warmup: 50 * time.Millisecond}
	first, err := measure(context.Background(), o, os.Getpid()) // the server runs in this process here
	require.NoError(t, err)
	assert.Positive(t, first.OK)
	assert.Greater(t, first.taken, int(first.Requests), "the warmup took requests too")
	assert.Positive(t, first.ClientCPU)
	assert.Positive(t, first.ServerCPU)

	o.Requests, o.Cycle, o.Warmup = reqs[:1], true, 0
	second, err := measure(context.Background(), o, -1)
	require.NoError(t, err)
	assert.Zero(t, second.ServerCPU, "no server process to read")
	merged := mergeMeasured(first, second)
	assert.Equal(t, first.Requests+second.Requests, merged.Requests)
	want := (first.ClientCPU*float64(first.Requests) + second.ClientCPU*float64(second.Requests)) / float64(merged.Requests)
	assert.InDelta(t, want, merged.ClientCPU, 1e-6)

	o.Requests, o.Cycle, o.Warmup = reqs[:3], false, 100*time.Millisecond
	_, err = measure(context.Background(), o, -1)
	assert.ErrorContains(t, err, "ran out in the warmup")
}

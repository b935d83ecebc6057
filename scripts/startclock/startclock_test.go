package main

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestStatField(t *testing.T) {
	// proc(5): pid (comm) state ppid pgrp session tty_nr tpgid flags minflt ...
	const stat = "4242 (tsy mock) S 1 4242 4242 0 -1 4194560 612 0 0 0 1 2"
	for _, tc := range []struct {
		name string
		stat string
		n    int
		want int
	}{
		{"minflt, after a command name with a space", stat, 10, 612},
		{"ppid", stat, 4, 1},
		{"past the end", stat, 40, 0},
		{"no command name", "garbage", 10, 0},
		{"the name itself is not a number field", stat, 2, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, statField(tc.stat, tc.n))
		})
	}
}

func TestSummarize(t *testing.T) {
	for _, tc := range []struct {
		name string
		in   []float64
		want summary
	}{
		{"none", nil, summary{}},
		{"odd count: the middle one", []float64{3, 1, 2}, summary{median: 2, min: 1, max: 3, n: 3}},
		{"even count: the mean of the middle two", []float64{4, 1, 3, 2}, summary{median: 2.5, min: 1, max: 4, n: 4}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, summarize(tc.in))
		})
	}
	assert.Equal(t, "2.5 (1.0–4.0)", summarize([]float64{4, 1, 3, 2}).String())
}

func TestStartAndStop(t *testing.T) {
	ctx := context.Background()
	t.Run("a command's first line is timed", func(t *testing.T) {
		r, err := startAndStop(ctx, []string{"/bin/sh", "-c", "echo ready; exec sleep 0.05"}, nil)
		require.NoError(t, err)
		assert.Greater(t, r.line, time.Duration(0))
		assert.Zero(t, r.answer)
	})
	t.Run("a command that prints nothing is an error", func(t *testing.T) {
		_, err := startAndStop(ctx, []string{"/bin/sh", "-c", "exit 0"}, nil)
		require.ErrorContains(t, err, "no line on stdout")
	})
	t.Run("a server whose line is not the ready line is an error, and is stopped", func(t *testing.T) {
		_, err := startAndStop(ctx, []string{"/bin/sh", "-c", "echo hello; exec sleep 60"}, &signedCall{})
		require.ErrorContains(t, err, `not a ready line: "hello\n"`)
	})
	t.Run("a command that fails is an error", func(t *testing.T) {
		_, err := startAndStop(ctx, []string{"/bin/sh", "-c", "echo ready; exit 3"}, nil)
		require.ErrorContains(t, err, "exit status 3")
	})
}

// FuzzStatField: any text read as /proc/PID/stat gives a number or 0,
// never a panic; a well-formed line gives back its minflt, whatever the
// command name holds (spaces, parentheses).
func FuzzStatField(f *testing.F) {
	f.Add("4242 (tsymock) S 1 4242 4242 0 -1 4194560 612 0 0 0", "tsy) mock", 612)
	f.Add("", "", 0)
	f.Add(")", "(", 7)
	f.Fuzz(func(t *testing.T, stat, comm string, minflt int) {
		_ = statField(stat, 10)
		if minflt < 0 || strings.ContainsAny(comm, "\n") {
			return
		}
		line := fmt.Sprintf("1 (%s) S 1 1 1 0 -1 0 %d 0 0 0", comm, minflt)
		assert.Equal(t, minflt, statField(line, 10), line)
	})
}

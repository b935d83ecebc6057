package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/internal/load"
)

func TestRunRefusesBadInput(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
		code int
		want string
	}{
		{"bad server CPUs", []string{"--server-cpus", "nope"}, 1, "bench: --server-cpus"},
		{"no tsymock binary", []string{"--server-cpus", "none", "--tsymock", "/no/such/tsymock"}, 1, "bench: --tsymock"},
		{"unknown flag", []string{"--suite"}, 1, "unknown flag: --suite"},
		{"bare server of no kind", []string{"serve-bare"}, 1, "want one kind"},
		{"bare server of a wrong kind", []string{"serve-bare", "nope"}, 1, `serve-bare "nope"`},
		{"canned bare server without its answer", []string{"serve-bare", "canned"}, 1, "bench: canned answer"},
		{"help", []string{"--help"}, 0, "make bench runs it"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			assert.Equal(t, tc.code, run(context.Background(), tc.args, &out, &errOut))
			assert.Contains(t, errOut.String(), tc.want)
		})
	}
}

// TestServeBare runs "bench serve-bare canned" as the suite does, in
// process here: a JSON ready line, then the canned answer until the
// context ends.
func TestServeBare(t *testing.T) {
	file := filepath.Join(t.TempDir(), "answer.json")
	require.NoError(t, os.WriteFile(file, []byte(`{"header":{},"body":"eyJzdGF0dXMiOiJPSyJ9"}`), 0o644))
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	exit := make(chan int, 1)
	go func() {
		exit <- run(ctx, []string{"serve-bare", "canned", "--answer", file}, pw, io.Discard)
		_ = pw.Close()
	}()
	line, err := bufio.NewReader(pr).ReadBytes('\n')
	require.NoError(t, err)
	info, ok := jsonReady(line)
	require.True(t, ok, "%s", line)
	assert.Positive(t, info.GOMAXPROCS)
	var ev map[string]any
	require.NoError(t, json.Unmarshal(line, &ev))
	assert.Equal(t, "canned", ev["bare"])

	a, err := fetchAnswer(info.Addr, load.Request(info.Addr, "x=1"))
	require.NoError(t, err)
	assert.JSONEq(t, `{"status":"OK"}`, string(a.Body))
	cancel()
	select {
	case code := <-exit:
		assert.Equal(t, 0, code)
	case <-time.After(10 * time.Second):
		t.Fatal("serve-bare did not stop")
	}
}

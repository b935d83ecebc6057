package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/internal/load"
)

func TestWireMockMissing(t *testing.T) {
	jar := filepath.Join(t.TempDir(), "wiremock.jar")
	require.NoError(t, os.WriteFile(jar, []byte("x"), 0o644))
	for _, tc := range []struct {
		name string
		o    wireMockOptions
		want string
	}{
		{"no java", wireMockOptions{Java: "no-such-java-here", Jar: jar}, `"no-such-java-here" not found`},
		{"no jar given", wireMockOptions{Java: "java"}, "--wiremock-jar"},
		{"no jar there", wireMockOptions{Java: "java", Jar: jar + ".none"}, "scripts/wiremock.sh installs it"},
		{"both there", wireMockOptions{Java: "java", Jar: jar}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.want == "" {
				assert.Empty(t, tc.o.missing())
				return
			}
			assert.Contains(t, tc.o.missing(), tc.want)
		})
	}
}

func TestWireMockReadyLine(t *testing.T) {
	ready := wireMockReady()
	for _, line := range []string{"", "version:                      3.13.2\n", "port:\n", "port: x\n", "no-request-journal: false\n"} {
		_, ok := ready([]byte(line))
		assert.False(t, ok, "%q", line)
	}
	info, ok := ready([]byte("port:                         41234\n"))
	require.True(t, ok)
	assert.Equal(t, readyInfo{Addr: "127.0.0.1:41234", Version: "3.13.2"}, info)
}

// TestWireMockServesTheCannedAnswer starts the real WireMock with the
// suite's stub: it answers the canned call with the canned bytes, and a
// call it has no stub for with a 404.
func TestWireMockServesTheCannedAnswer(t *testing.T) {
	c, _ := testClient(t)
	answer := cannedAnswer{Header: map[string]string{"Content-Type": "application/json;charset=UTF-8"},
		Body: []byte(`{"sysid":"1","sign":"a+b/c==","signedValue":"{\"allAmount\":100000000,\"freezenAmount\":0}","status":"OK"}`)}
	s := &suite{o: suiteOptions{WireMock: wireMockJar(t), WorkDir: t.TempDir()}}
	p, err := s.startWireMock(context.Background(), answer)
	require.NoError(t, err)
	defer func() { _ = p.Stop() }()
	assert.Contains(t, s.rep.Machine.WireMock, "WireMock 3.13")
	assert.Contains(t, s.rep.Machine.WireMock, "version")

	reqs, err := load.Prepare(context.Background(), c, p.Addr, []string{load.QueryBalanceReq(), load.CreateMemberReq("x")})
	require.NoError(t, err)
	require.NoError(t, sameBytes(&target{mode: modeWireMock, p: p}, answer, reqs[0]))
	res, err := load.Run(context.Background(), load.Options{Addr: p.Addr, Requests: reqs[1:], Duration: time.Minute})
	require.NoError(t, err)
	assert.Equal(t, uint64(1), res.NotOK["http-404"], "no stub for createMember")

	var stub map[string]any
	data, err := os.ReadFile(filepath.Join(s.o.WorkDir, "wiremock", "mappings", "canned.json"))
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(data, &stub))
	assert.Equal(t, string(answer.Body), stub["response"].(map[string]any)["body"])
}

// TestJVMCPU: the JIT compiler threads are told by name, and a JVM that
// has just started has spent CPU time compiling.
func TestJVMCPU(t *testing.T) {
	for name, want := range map[string]bool{"C2 CompilerThre": true, "C1 CompilerThre": true, "qtp296541232-13": false,
		"java": false, "VM Thread": false} {
		assert.Equal(t, want, isJITThread(name), name)
	}
	jit, all := jvmCPU(os.Getpid())
	assert.Zero(t, jit, "a Go process has no JIT threads")
	assert.Positive(t, all)
	jit, all = jvmCPU(-1)
	assert.Zero(t, jit+all, "no such process")

	w := warmupFigures{Seconds: 12.4, Requests: 30000, JITShare: 0.011, Steady: true}
	assert.Equal(t, "warmed up for 12 s (30000 requests) until its JIT compilers were idle (1.1 % of its CPU time in the last slice)", w.String())
	w.Steady, w.JITShare = false, 0.2
	assert.Contains(t, w.String(), "when --wiremock-warmup ran out, its JIT compilers still taking 20 %")
}

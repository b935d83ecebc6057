package e2e

import (
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/client"
	"github.com/tsymock/tsymock/scenarios"
)

// TestScenarioReload: a running server picks up a good edit within a
// second, keeps its rules on a bad edit and logs it as file:line, and can
// list the rules in force with their file.
func TestScenarioReload(t *testing.T) {
	e, srv := demoServer(t)
	dir := t.TempDir()
	file := filepath.Join(dir, "members.yaml")
	writeScenario(t, file, "40014")
	w := scenarios.NewWatcher(srv.Scenarios(), []string{dir}, scenarios.WatchOptions{Logger: slog.New(slog.NewTextHandler(e.Log, nil))})
	require.NoError(t, w.Sync())
	ctx, cancel := context.WithCancel(context.Background())
	stopped := make(chan struct{})
	go func() { w.Run(ctx); close(stopped) }()
	t.Cleanup(func() { cancel(); <-stopped })

	c := e.client(t)
	code := func() string {
		_, err := c.CreateMember(context.Background(), client.CreateMemberRequest{BizUserID: "r", MemberType: client.MemberPersonal, Source: client.SourcePC})
		return apiError(t, err).Code
	}
	assert.Equal(t, "40014", code())

	writeScenario(t, file, "50001")
	eventuallyWithin(t, time.Second, func() bool { return code() == "50001" })

	require.NoError(t, os.WriteFile(file, []byte("rules:\n  - when: {method: createMember}\n    respond: {eror: x}\n"), 0o600))
	waitForLog(t, e, file+`:3: respond: unknown key \"eror\"`)
	assert.Equal(t, "50001", code(), "the previous rules stay in force")

	rules := srv.Scenarios().Rules()
	require.Len(t, rules, 2)
	assert.Equal(t, "magic", rules[0].ID)
	assert.Equal(t, file, rules[1].Source)
	assert.Equal(t, file+":2 no", rules[1].ID)
}

func writeScenario(t *testing.T, path, code string) {
	t.Helper()
	src := "rules:\n  - name: no\n    when: {method: createMember}\n    respond: {error: \"" + code + "\"}\n"
	tmp := path + ".tmp"
	require.NoError(t, os.WriteFile(tmp, []byte(src), 0o600))
	require.NoError(t, os.Rename(tmp, path))
}

// eventuallyWithin polls cond until it holds or d passes.
func eventuallyWithin(t *testing.T, d time.Duration, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(d)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("not within %s", d)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

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
	adminapi "github.com/tsymock/tsymock/internal/admin"
	"github.com/tsymock/tsymock/mock"
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
	watch(t, e, srv, dir)

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

// TestScenarioReloadRejectedIsListed: GET /__tsymock/scenarios shows a
// watched file whose edit was refused, with each problem's file:line and
// the rules in force (its previous ones, or none for a new file), until the
// next good edit (probe-Z §14: the API listed the old rules as if the edit
// had been applied, and a CI step could not tell).
func TestScenarioReloadRejectedIsListed(t *testing.T) {
	e, srv := demoServer(t)
	dir := t.TempDir()
	file, fresh := filepath.Join(dir, "members.yaml"), filepath.Join(dir, "new.yaml")
	writeScenario(t, file, "40014")
	watch(t, e, srv, dir)
	files := func() []adminapi.ScenarioFile {
		var list adminapi.ScenarioList
		admin{t: t, base: e.URL}.get("scenarios", &list)
		return list.Files
	}
	require.Len(t, files(), 1)
	assert.Nil(t, files()[0].Rejected)

	require.NoError(t, os.WriteFile(file, []byte("rules:\n  - when: {method: createMember}\n    respond: {eror: x}\n"), 0o600))
	require.NoError(t, os.WriteFile(fresh, []byte("rules: 1\n"), 0o600))
	var got []adminapi.ScenarioFile
	eventuallyWithin(t, 2*time.Second, func() bool { got = files(); return len(got) == 2 && got[0].Rejected != nil })
	assert.Equal(t, file, got[0].Source)
	assert.Equal(t, 1, got[0].Rules, "the previous rules")
	require.NotNil(t, got[0].Rejected)
	assert.Equal(t, "previous", got[0].Rejected.RulesInForce)
	require.NotEmpty(t, got[0].Rejected.Errors)
	assert.Equal(t, scenarios.Error{File: file, Line: 3, Msg: got[0].Rejected.Errors[0].Msg}, *got[0].Rejected.Errors[0])
	assert.Contains(t, got[0].Rejected.Errors[0].Msg, `unknown key "eror"`)
	assert.WithinDuration(t, time.Now(), got[0].Rejected.Time, time.Minute)
	assert.Equal(t, adminapi.ScenarioFile{Source: fresh, Rejected: &adminapi.Rejected{Time: got[1].Rejected.Time, RulesInForce: "none",
		Errors: scenarios.Errors{{File: fresh, Line: 1, Msg: `rules must be a list, got int "1"`}}}}, got[1])

	writeScenario(t, file, "50001")
	require.NoError(t, os.Remove(fresh))
	eventuallyWithin(t, 2*time.Second, func() bool { got = files(); return len(got) == 1 && got[0].Rejected == nil })
	assert.Equal(t, file, got[0].Source)
}

// watch keeps srv's file rules in step with dir until the test ends.
func watch(t *testing.T, e *env, srv *mock.Server, dir string) {
	t.Helper()
	w := scenarios.NewWatcher(srv.Scenarios(), []string{dir}, scenarios.WatchOptions{Logger: slog.New(slog.NewTextHandler(e.Log, nil))})
	require.NoError(t, w.Sync())
	ctx, cancel := context.WithCancel(context.Background())
	stopped := make(chan struct{})
	go func() { w.Run(ctx); close(stopped) }()
	t.Cleanup(func() { cancel(); <-stopped })
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

package scenarios

import (
	"bytes"
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/tsymock/tsymock/internal/testtool"
)

func answerCode(src string) string {
	return "rules:\n  - name: r\n    when: {}\n    respond: {error: \"" + src + "\"}\n"
}

// TestWatcherReload: a good edit is in force within a second; a bad edit
// keeps the previous rules and is logged with file:line; a new file in a
// folder is picked up and a deleted one dropped. Both with change events
// and by polling.
func TestWatcherReload(t *testing.T) {
	for _, tc := range []struct {
		name string
		poll time.Duration
	}{{"events", 0}, {"poll", 20 * time.Millisecond}} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			file := filepath.Join(dir, "a.yaml")
			write(t, file, answerCode("40014"))
			log := &testtool.Buffer{}
			s := newSet(t)
			w := NewWatcher(s, []string{dir}, WatchOptions{Poll: tc.poll, Logger: slog.New(slog.NewTextHandler(log, nil))})
			require.NoError(t, w.Sync())
			ctx, cancel := context.WithCancel(context.Background())
			done := make(chan struct{})
			go func() { w.Run(ctx); close(done) }()
			t.Cleanup(func() { cancel(); <-done })
			code := func() string {
				d := s.Decide(req(t, balance, `{}`))
				if d.Err == nil {
					return ""
				}
				return d.Err.Code
			}
			require.Equal(t, "40014", code())

			write(t, file, answerCode("50001"))
			eventually(t, func() bool { return code() == "50001" })

			write(t, file, "rules:\n  - name: r\n    when: {}\n    respond: {error: \"77777\"}\n")
			eventually(t, func() bool { return bytes.Contains([]byte(log.String()), []byte(file+":4: unknown error code")) })
			assert.Equal(t, "50001", code(), "the previous rules stay in force")
			assert.Contains(t, log.String(), "previous rules stay in force")

			write(t, filepath.Join(dir, "0-first.yaml"), answerCode("9400"))
			eventually(t, func() bool { return code() == "9400" })
			require.NoError(t, os.Remove(filepath.Join(dir, "0-first.yaml")))
			eventually(t, func() bool { return code() == "50001" })
		})
	}
}

// TestWatcherFirstSync: the first Sync returns the problems (the caller
// reports them) without logging, and a missing path is one.
func TestWatcherFirstSync(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "bad.yaml"), "rules: 1\n")
	log := &testtool.Buffer{}
	w := NewWatcher(newSet(t), []string{dir, filepath.Join(dir, "missing.yaml"), "builtin:balances"},
		WatchOptions{Logger: slog.New(slog.NewTextHandler(log, nil))})
	errs := AsErrors(w.Sync())
	require.Len(t, errs, 2)
	assert.Equal(t, filepath.Join(dir, "missing.yaml"), errs[0].File)
	assert.Equal(t, filepath.Join(dir, "bad.yaml")+":1: rules must be a list, got int \"1\"", errs[1].Error())
	assert.NotContains(t, log.String(), "rejected")
	assert.Contains(t, log.String(), "file=builtin:balances")
}

// eventually polls cond for up to a second, the reload promise.
func eventually(t *testing.T, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("not within a second")
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// write replaces a file as editors do: a new file renamed over the old.
func write(t *testing.T, path, text string) {
	t.Helper()
	tmp := filepath.Join(filepath.Dir(path), ".tmp-"+filepath.Base(path))
	require.NoError(t, os.WriteFile(tmp, []byte(text), 0o600))
	require.NoError(t, os.Rename(tmp, path))
}

// TestWatcherWarnsOfCappedRules: a file loaded with a rule that waits past
// the server's cap is logged at WARN, naming the rule.
func TestWatcherWarnsOfCappedRules(t *testing.T) {
	file := filepath.Join(t.TempDir(), "slow.yaml")
	write(t, file, "rules:\n  - {name: slow, when: {method: createMember}, respond: {delay: 31s}}\n")
	log := &testtool.Buffer{}
	w := NewWatcher(newSet(t), []string{file}, WatchOptions{MaxDelay: 30 * time.Second, Logger: slog.New(slog.NewTextHandler(log, nil))})
	require.NoError(t, w.Sync())
	assert.Contains(t, log.String(), `level=WARN msg="scenario rule capped" rule="`+file+`:2 slow: waits 31s, above --max-delay 30s`)
}

// TestWatcherRejected: Set.Rejected lists a file whose latest text was
// refused, whether its previous rules stay, and since when (the same
// problems found again are no news); its next good text clears it.
func TestWatcherRejected(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.yaml"), filepath.Join(dir, "b.yaml")
	write(t, a, answerCode("40014"))
	write(t, b, "rules: 1\n")
	s := newSet(t)
	w := NewWatcher(s, []string{dir}, WatchOptions{})
	require.Error(t, w.Sync())
	first := s.Rejected()
	require.Len(t, first, 1)
	assert.Equal(t, b, first[0].Source)
	assert.False(t, first[0].Kept, "b never loaded")
	assert.Equal(t, b+":1: rules must be a list, got int \"1\"", first[0].Errors.Error())

	write(t, a, "rules:\n  - when: {}\n    respond: {error: \"77777\"}\n")
	require.Error(t, w.Sync())
	got := s.Rejected()
	require.Len(t, got, 2)
	assert.Equal(t, a, got[0].Source)
	assert.True(t, got[0].Kept, "a's previous rules stay")
	assert.Equal(t, first[0], got[1], "b's problems are no news")

	write(t, a, answerCode("50001"))
	write(t, b, answerCode("9400"))
	require.NoError(t, w.Sync())
	assert.Empty(t, s.Rejected())
}

package store

import (
	"context"
	"encoding/json"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/internal/apps"
	"github.com/tsymock/tsymock/internal/emulator"
	"github.com/tsymock/tsymock/keys/demo"
)

// registered is what a replay registered, by sysid: its origin and
// account sets, as "origin set,set".
type registered map[string]string

// open opens dir with a fresh emulator recording into the store, and
// notes the applications the replay registers.
func open(t *testing.T, dir string) (*Store, *emulator.Emulator, registered) {
	t.Helper()
	st := New()
	emu := emulator.New(emulator.Config{Recorder: st})
	got := registered{}
	require.NoError(t, st.Open(dir, Replayer{Emulator: emu, Log: slog.New(slog.DiscardHandler),
		RegisterApp: func(a apps.App, origin string) error {
			got[a.SysID] = strings.TrimSpace(origin + " " + strings.Join(a.AccountSets, ","))
			return nil
		}}))
	t.Cleanup(func() { _ = st.Close() })
	return st, emu, got
}

// TestReplay: what was kept, the applications, the changes and the
// finished notifications, is there again after a restart.
func TestReplay(t *testing.T) {
	m, err := demo.Load()
	require.NoError(t, err)
	dir := t.TempDir()
	st, emu, got := open(t, dir)
	assert.Empty(t, got)
	require.NoError(t, st.KeepApp(apps.App{SysID: "2000", Key: &m.MerchantKey.PublicKey, AccountSets: []string{"A"}}, apps.OriginAdmin))
	// no data dir's tsymock takes notifications but through the store
	_, serr := emu.Handle(context.Background(), emulator.Request{SysID: "2000", Service: "MemberService", Method: "createMember",
		Param: map[string]any{"bizUserId": "alice", "memberType": json.Number("3"), "source": json.Number("1")}})
	require.Nil(t, serr)
	st.Finished("")
	st.Finished("some-event") // not held: nothing to write
	require.NoError(t, st.Close())

	_, again, got := open(t, dir)
	assert.Equal(t, registered{"2000": apps.OriginAdmin + " A"}, got)
	require.Len(t, again.Members("2000"), 1)
	assert.Equal(t, "alice", again.Members("2000")[0].BizUserID)
}

func TestOpenRefusesARecordItCannotRead(t *testing.T) {
	_, err := decodeRecord([]byte(`{"op":`))
	assert.ErrorContains(t, err, "store: decode record")
	r, st := Replayer{Log: slog.New(slog.DiscardHandler)}, New()
	assert.ErrorContains(t, st.replayRecord(r, 7, []byte(`{}`), &replayStats{}), "record 7: empty")
	assert.ErrorContains(t, st.replayRecord(r, 8, []byte(`{"app":{"sysid":"x","key":"AAAA"}}`), &replayStats{}), "record 8: store: the key of x")
}

// TestStats: before Open there are none; after, the log's figures, which
// grow with what is kept.
func TestStats(t *testing.T) {
	_, ok := New().Stats()
	assert.False(t, ok, "not opened")
	st, _, _ := open(t, t.TempDir())
	before, ok := st.Stats()
	require.True(t, ok)
	require.NoError(t, st.KeepApp(demoApp(t, "2000", nil), apps.OriginAdmin))
	require.Eventually(t, func() bool {
		s, _ := st.Stats()
		return s.Durable == before.Last+1
	}, 5*time.Second, time.Millisecond)
	assert.Zero(t, before.SnapshotLSN)
	after, _ := st.Stats()
	assert.Greater(t, after.Bytes, before.Bytes)
}

package e2e

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/client"
	"github.com/tsymock/tsymock/internal/wiretest"
	"github.com/tsymock/tsymock/mock"
)

// Applications registered at run time by the persistence test.
const (
	keptApp  = "300000000003"
	resetApp = "300000000004"
)

// keptEnv starts a server that keeps its state in dir, with seeded ids and
// the given notification schedule (and snapshots as snap says: by default
// none come in a test's time); stop shuts it down, as before a restart.
func keptEnv(t *testing.T, dir string, schedule []time.Duration, snap ...mock.SnapshotConfig) (*notifyEnv, *orderClient, func()) {
	t.Helper()
	e, srv, stop := demoStoppable(t, func(cfg *mock.Config) {
		cfg.DataDir, cfg.IDSeed = dir, 7
		cfg.Notify = mock.NotifyConfig{Schedule: schedule, AllowHosts: []string{"127.0.0.1"}}
		if len(snap) > 0 {
			cfg.Snapshots = snap[0]
		}
	})
	ne := &notifyEnv{env: e, srv: srv}
	return ne, ne.orders(t), stop
}

// appClient is a client of another application signed with the demo key.
func appClient(t *testing.T, e *notifyEnv, sysid string) *memberClient {
	t.Helper()
	c, err := client.New(e.URL, sysid, e.Merchant, e.Cert, client.WithClock(e.Clock.Now))
	require.NoError(t, err)
	return &memberClient{Client: c, t: t, ctx: context.Background()}
}

// stateOf is everything the admin API shows of an application's state.
func stateOf(t *testing.T, e *notifyEnv, sysid string) string {
	t.Helper()
	code, body := admin{t: t, base: e.URL}.do("GET", "state/"+sysid, "")
	require.Equal(t, 200, code, "%s", body)
	return string(body)
}

// TestStateSurvivesRestart: applications registered at run time, members,
// cards, orders, balances and a reset are all there after a restart, and
// only the notification not yet delivered is sent again: from the log
// alone, and from a snapshot taken after every change (issue 17.1), which
// the metrics show, with the log cut behind it. In the snapshot the
// pending notification is one the notifier has taken.
func TestStateSurvivesRestart(t *testing.T) {
	t.Run("log", func(t *testing.T) { stateSurvivesRestart(t, nil) })
	t.Run("snapshot", func(t *testing.T) {
		stateSurvivesRestart(t, func(e *notifyEnv) { snapshotOfEverything(t, e) })
	})
}

// snapshotOfEverything waits for a snapshot that covers every record
// logged, as the metrics say, and checks what they say of it.
func snapshotOfEverything(t *testing.T, e *notifyEnv) {
	t.Helper()
	a := admin{t: t, base: e.URL}
	var got wiretest.Metrics
	require.Eventually(t, func() bool {
		got = scrapeMetrics(t, a)
		// The compaction behind a snapshot runs after it: wait for both.
		return got.Must(t, "tsymock_wal_snapshot_lsn") == got.Must(t, "tsymock_wal_last_lsn") &&
			got.Must(t, "tsymock_wal_segments") == 1 && got.Must(t, "tsymock_wal_bytes") == 0
	}, 10*time.Second, 20*time.Millisecond, "a snapshot of every record, and the log cut behind it")
	assert.Positive(t, got.Must(t, "tsymock_wal_snapshot_lsn"))
	assert.Greater(t, got.Must(t, "tsymock_wal_snapshot_bytes"), 1000.0, "the state, the apps and the notification")
	assert.InDelta(t, float64(time.Now().Unix()), got.Must(t, "tsymock_wal_last_snapshot_timestamp_seconds"), 60)
}

func stateSurvivesRestart(t *testing.T, beforeStop func(*notifyEnv)) {
	dir := t.TempDir()
	snap := mock.SnapshotConfig{Bytes: -1, Every: -1}
	if beforeStop != nil {
		snap = mock.SnapshotConfig{Bytes: -1, Every: 20 * time.Millisecond}
	}
	e, c, stop := keptEnv(t, dir, []time.Duration{time.Hour}, snap)
	rcv := newReceiver(t, c.Client, nil)
	for _, sysid := range []string{keptApp, resetApp} {
		require.NoError(t, e.srv.RegisterApp(mock.App{SysID: sysid, Key: &e.Merchant.PublicKey,
			AccountSets: []string{"200087", "100001"}}))
	}
	c.cardHolder("payer")
	c.give("payer", 10_000)
	c.person("shop")
	c.pendingConsume("payer", "c1", client.ValidateSMS, rcv.URL+"/notify")
	_, err := c.pay("payer", "c1", smsCode)
	require.NoError(t, err)
	e.srv.DeliverPendingNotifications(context.Background())
	rcv.wait(t, 1)
	c.pendingConsume("payer", "c2", client.ValidateSMS, rcv.URL+"/notify")
	_, err = c.pay("payer", "c2", smsCode)
	require.NoError(t, err)
	appClient(t, e, keptApp).person("other")
	// registered again without account sets (a new key, say): it keeps its own
	require.NoError(t, e.srv.RegisterApp(mock.App{SysID: keptApp, Key: &e.Merchant.PublicKey}))
	appClient(t, e, resetApp).person("before")
	require.NoError(t, e.srv.Reset(resetApp))
	appClient(t, e, resetApp).person("after")
	before := map[string]string{}
	for _, sysid := range []string{e.SysID, keptApp, resetApp} {
		before[sysid] = stateOf(t, e, sysid)
	}
	if beforeStop != nil {
		beforeStop(e)
	}
	stop()

	e2, c2, _ := keptEnv(t, dir, fastSchedule())
	for sysid, want := range before {
		assert.JSONEq(t, want, stateOf(t, e2, sysid), sysid)
	}
	assert.Equal(t, []int64{4000, 6000}, c2.balances("payer", "shop"))
	apps := e2.srv.Apps()
	require.Len(t, apps, 3)
	assert.Equal(t, []string{keptApp, mock.OriginAdmin}, []string{apps[1].SysID, apps[1].Origin})
	assert.Equal(t, []string{"200087", "100001"}, apps[1].AccountSets, "registered again without sets, it kept its own")
	_, err = appClient(t, e2, resetApp).GetMemberInfo(context.Background(), "before")
	assert.ErrorContains(t, err, "30001", "the reset is kept")

	got := rcv.wait(t, 2)
	o, err := got[1].Order()
	require.NoError(t, err)
	assert.Equal(t, "c2", o.BizOrderNo, "the pending notification is sent after the restart")
	time.Sleep(100 * time.Millisecond) // several attempts' worth of the fast schedule
	assert.Len(t, rcv.wait(t, 2), 2, "the delivered one is not sent again")

	c2.person("new")
	assert.NotEqual(t, memberUserID(t, c2.memberClient, "new"), memberUserID(t, c2.memberClient, "shop"),
		"ids drawn after the restart are new")
}

func memberUserID(t *testing.T, c *memberClient, bizUserID string) string {
	t.Helper()
	info, err := c.GetMemberInfo(c.ctx, bizUserID)
	require.NoError(t, err)
	return info.MemberInfo.UserID
}

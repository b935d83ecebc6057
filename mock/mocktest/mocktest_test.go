package mocktest_test

import (
	"context"
	"errors"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/client"
	"github.com/tsymock/tsymock/mock"
	"github.com/tsymock/tsymock/mock/mocktest"
)

func TestNew(t *testing.T) {
	t.Parallel()
	srv := mocktest.New(t)
	ctx := context.Background()
	_, err := srv.Client.CreateMember(ctx, client.CreateMemberRequest{BizUserID: "alice", MemberType: 3, Source: 1})
	require.NoError(t, err)
	srv.AssertCalled(t, "MemberService", "createMember", 1, "bizUserId=alice")

	srv.ArmError(t, "MemberService", "createMember", "30022")
	_, err = srv.Client.CreateMember(ctx, client.CreateMemberRequest{BizUserID: "bob", MemberType: 3, Source: 1})
	var cerr *client.Error
	require.True(t, errors.As(err, &cerr), "%v", err)
	assert.Equal(t, "30022", cerr.Code)
}

// TestClientFollowsTheServerClock: moving the clock a day never breaks the
// timestamp window, because the client stamps requests with the server's
// time.
func TestClientFollowsTheServerClock(t *testing.T) {
	t.Parallel()
	srv := mocktest.New(t)
	srv.Clock().Advance(48 * time.Hour)
	_, err := srv.Client.CreateMember(context.Background(), client.CreateMemberRequest{BizUserID: "a", MemberType: 3, Source: 1})
	require.NoError(t, err)
	e := srv.Calls("MemberService", "createMember")[0]
	assert.WithinDuration(t, time.Now().Add(48*time.Hour), e.ServerTime, time.Minute)
}

// TestNewClientForAnotherApplication: with AutoApps, a second client
// with its own sysid has its own state on the same server.
func TestNewClientForAnotherApplication(t *testing.T) {
	t.Parallel()
	srv := mocktest.New(t, mocktest.WithConfig(func(c *mock.Config) { c.AutoApps = true }))
	other, err := mocktest.NewClient(t, srv, "ci-job-2")
	require.NoError(t, err)
	ctx := context.Background()
	for _, c := range []*client.Client{srv.Client, other} {
		_, err := c.CreateMember(ctx, client.CreateMemberRequest{BizUserID: "same", MemberType: 3, Source: 1})
		require.NoError(t, err, "one member per application")
	}
	assert.Equal(t, 1, srv.Server.Calls(mock.JournalFilter{SysID: "ci-job-2"}))
}

// TestCloseWithAnUnusedConnection: a connection that never sends a request
// (a pool's spare one) does not hold the shutdown: the server closes it at
// once, where net/http counts it idle only after 5 s (a CI run failed on
// the 5 s deadline mocktest had then).
func TestCloseWithAnUnusedConnection(t *testing.T) {
	t.Parallel()
	srv := mocktest.New(t)
	conn, err := net.Dial("tcp", strings.TrimPrefix(srv.URL, "http://"))
	require.NoError(t, err)
	defer conn.Close()
	// The server accepts in order: once a later connection is answered,
	// the unused one is open on the server's side.
	later := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
	resp, err := later.Get(srv.URL + "/__tsymock/health")
	require.NoError(t, err)
	require.NoError(t, resp.Body.Close())
	started := time.Now()
	srv.Close()
	assert.Less(t, time.Since(started), 2*time.Second)
}

// TestJournalTimesInChinaTime: a journal entry's serverTime is in China
// time on the system clock too, as under a fixed clock and as docs/admin.md
// shows it (probe-Z: UTC on the system clock, +08:00 under --clock).
func TestJournalTimesInChinaTime(t *testing.T) {
	t.Parallel()
	srv := mocktest.New(t)
	_, err := srv.Client.CreateMember(context.Background(), client.CreateMemberRequest{BizUserID: "tz", MemberType: 3, Source: 1})
	require.NoError(t, err)
	e := srv.Calls("MemberService", "createMember")[0]
	_, offset := e.ServerTime.Zone()
	assert.Equal(t, 8*3600, offset)
}

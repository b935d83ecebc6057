package e2e

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/internal/emulator"
	"github.com/tsymock/tsymock/mock"
	"github.com/tsymock/tsymock/mock/mocktest"
)

// TestParallelJobsDoNotSeeEachOther: parallel CI jobs share one server,
// each with its own sysid (registered on first use with --auto-apps). The
// same bizUserIds, armed errors, resets, journals and coverage never leak
// from one job to another.
func TestParallelJobsDoNotSeeEachOther(t *testing.T) {
	srv := mocktest.New(t, mocktest.WithConfig(func(c *mock.Config) { c.AutoApps = true }))
	a := admin{t: t, base: srv.URL}
	const jobs = 8
	t.Run("jobs", func(t *testing.T) {
		for i := range jobs {
			t.Run(fmt.Sprint(i), func(t *testing.T) {
				t.Parallel()
				runJob(t, srv, fmt.Sprintf("job-%d", i))
			})
		}
	})
	for i := range jobs {
		sysid := fmt.Sprintf("job-%d", i)
		var page journalPage
		a.get("journal?sysid="+sysid, &page)
		require.Len(t, page.Entries, 1, "%s: only what it did after its own reset", sysid)
		var members []emulator.MemberView
		a.get("state/"+sysid+"/members", &members)
		assert.Len(t, members, 1, sysid)
	}
	var apps []mock.AppInfo
	a.get("apps", &apps)
	assert.Len(t, apps, jobs+1, "every job's sysid, and the demo app")
}

// runJob is one CI job: reset, arm, call, look, reset, call.
func runJob(t *testing.T, srv *mocktest.Server, sysid string) {
	a := admin{t: t, base: srv.URL}
	c, err := mocktest.NewClient(t, srv, sysid)
	require.NoError(t, err)
	require.NoError(t, createMember(t, c, "warm-up")) // registers the sysid
	a.json(http.MethodPost, "reset?sysid="+sysid, "", http.StatusOK, nil)
	a.json(http.MethodPost, "arm?sysid="+sysid,
		`{"when":{"method":"createMember"},"respond":{"error":{"code":"30022"}}}`, http.StatusCreated, nil)

	assert.Equal(t, "30022", errorCodeOf(t, createMember(t, c, "same")), "its own armed error, not a neighbour's")
	require.NoError(t, createMember(t, c, "same"), "the same bizUserId in every job")
	assert.Equal(t, "30000", errorCodeOf(t, createMember(t, c, "same")))

	var page journalPage
	a.get("journal?sysid="+sysid, &page)
	require.Len(t, page.Entries, 3)
	for _, e := range page.Entries {
		assert.Equal(t, sysid, e.SysID)
	}
	var n countAnswer
	a.get("calls?sysid="+sysid+"&method=createMember&outcome=OK", &n)
	assert.Equal(t, 1, n.Count)
	var members []emulator.MemberView
	a.get("state/"+sysid+"/members", &members)
	require.Len(t, members, 1)
	assert.Equal(t, "same", members[0].BizUserID)
	var covs []mock.Coverage
	a.get("coverage?sysid="+sysid, &covs)
	require.Len(t, covs, 1)
	assert.Equal(t, 1, covs[0].Called)

	a.json(http.MethodPost, "reset?sysid="+sysid, "", http.StatusOK, nil)
	require.NoError(t, createMember(t, c, "same"), "its state is gone after its reset")
}

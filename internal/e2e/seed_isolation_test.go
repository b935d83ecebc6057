package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/client"
	"github.com/tsymock/tsymock/internal/testtool"
	"github.com/tsymock/tsymock/mock"
	"github.com/tsymock/tsymock/mock/mocktest"
)

// TestSeededIDsPerSysidOverHTTP: 8 parallel CI jobs on one --seed 42
// --auto-apps server, each on its own sysid, get the same userIds and
// template ids in two runs, whatever the order their calls arrive in
// (probe-S finding 1); a job that resets gets its ids again
// (docs/admin.md, Isolation and Reset).
func TestSeededIDsPerSysidOverHTTP(t *testing.T) {
	const jobs = 8
	var sysids []string
	for j := range jobs {
		sysids = append(sysids, fmt.Sprintf("30000000000%d", j))
	}
	run := func() map[string][]string {
		srv := mocktest.New(t, mocktest.WithConfig(func(c *mock.Config) { c.AutoApps, c.IDSeed = true, 42 }))
		return testtool.Parallel(sysids, func(sysid string) []string { return seededJob(t, srv, sysid) })
	}
	first, second := run(), run()
	require.Len(t, first, jobs)
	assert.Equal(t, first, second)
	assert.NotEqual(t, first["300000000000"], first["300000000001"])
}

// seededJob registers sysid, arms a template that answers fresh ids,
// creates members, resets and creates them again: it returns every id it
// was answered.
func seededJob(t *testing.T, srv *mocktest.Server, sysid string) []string {
	a := admin{t: t, base: srv.URL}
	c, err := mocktest.NewClient(t, srv, sysid)
	require.NoError(t, err)
	ctx := context.Background()
	var got []string
	members := func() []string {
		var ids []string
		for _, id := range []string{"m1", "m2"} {
			v, err := c.CreateMember(ctx, client.CreateMemberRequest{BizUserID: id, MemberType: 3, Source: 1})
			require.NoError(t, err)
			ids = append(ids, v.UserID)
		}
		return ids
	}
	first := members()
	got = append(got, first...)
	a.json(http.MethodPost, "arm?sysid="+sysid,
		`{"when":{"method":"queryBalance"},"respond":{"ok":{"u":"{{uuid}}","n":"{{number}}"}}}`, http.StatusCreated, nil)
	raw, err := c.Call(ctx, "OrderService", "queryBalance", map[string]any{"bizUserId": "m1", "accountSetNo": "200126"})
	require.NoError(t, err)
	var tpl struct{ U, N string }
	require.NoError(t, json.Unmarshal(raw, &tpl))
	require.NotEmpty(t, tpl.U)
	got = append(got, tpl.U, tpl.N)
	a.json(http.MethodPost, "reset?sysid="+sysid, "", http.StatusOK, nil)
	assert.Equal(t, first, members(), "%s: after its reset, the same userIds", sysid)
	return got
}

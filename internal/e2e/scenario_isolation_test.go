package e2e

import (
	"context"
	"errors"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/client"
	"github.com/tsymock/tsymock/mock"
	"github.com/tsymock/tsymock/mock/mocktest"
)

// TestScenarioCountsPerSysid: two CI jobs on one --auto-apps server, each
// on its own sysid, each meet a file's "first createMember fails" rule, and
// a reset of one job's sysid gives it that job again alone (docs/admin.md,
// Isolation; probe-Z found the counts shared and kept by a sysid's reset).
func TestScenarioCountsPerSysid(t *testing.T) {
	opt := withScenario(t, "rules:\n  - {name: first, when: {method: createMember}, times: 1, respond: {error: \"30022\"}}\n")
	srv := mocktest.New(t, mocktest.WithConfig(func(c *mock.Config) { c.AutoApps = true; opt(c) }))
	a := admin{t: t, base: srv.URL}
	create := func(sysid, bizUserID string) string {
		c, err := mocktest.NewClient(t, srv, sysid)
		require.NoError(t, err)
		_, err = c.CreateMember(context.Background(), client.CreateMemberRequest{BizUserID: bizUserID, MemberType: 3, Source: 1})
		var apiErr *client.Error
		if errors.As(err, &apiErr) {
			return apiErr.Code
		}
		require.NoError(t, err)
		return ""
	}
	assert.Equal(t, "30022", create("ci-job-1", "m1"))
	assert.Equal(t, "30022", create("ci-job-2", "m1"), "the other job's first call")
	assert.Equal(t, "", create("ci-job-1", "m1"))
	a.json(http.MethodPost, "reset?sysid=ci-job-1", "", http.StatusOK, nil)
	assert.Equal(t, "30022", create("ci-job-1", "m1"), "the reset job's first call again")
	assert.Equal(t, "", create("ci-job-2", "m1"), "the other job's count kept")
}

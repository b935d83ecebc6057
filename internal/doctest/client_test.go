package doctest

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/client"
	"github.com/tsymock/tsymock/mock/mocktest"
)

// createAlice is the Go guide's snippet for this repository's client.
func createAlice(ctx context.Context, baseURL, keyDir string) (*client.CreateMemberResponse, error) {
	c, err := client.NewFromFiles(baseURL, "100000000002",
		keyDir+"/TEST-ONLY-100000000002.pfx", "123456", keyDir+"/TEST-ONLY-platform.cer")
	if err != nil {
		return nil, err
	}
	m, err := c.CreateMember(ctx, client.CreateMemberRequest{BizUserID: "alice",
		MemberType: client.MemberPersonal, Source: client.SourceMobile})
	return m, err
}

// TestGoClientSnippet runs the Go guide's snippet for the client package.
func TestGoClientSnippet(t *testing.T) {
	srv := mocktest.New(t)
	m, err := createAlice(context.Background(), srv.URL, demoKeys(t))
	require.NoError(t, err)
	assert.Equal(t, "alice", m.BizUserID)
	assert.NotEmpty(t, m.UserID)
}

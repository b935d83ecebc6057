package doctest

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/client"
	"github.com/tsymock/tsymock/keys/demo"
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

// createMember is the README's snippet for the client package: the bundled
// keys from package keys/demo, a member, and the platform's error code.
func createMember(ctx context.Context, baseURL, bizUserID string) (*client.CreateMemberResponse, error) {
	material, err := demo.Load() // the bundled TEST ONLY keys
	if err != nil {
		return nil, err
	}
	c, err := client.New(baseURL, demo.SysID, material.MerchantKey, material.PlatformCert)
	if err != nil {
		return nil, err
	}
	m, err := c.CreateMember(ctx, client.CreateMemberRequest{BizUserID: bizUserID,
		MemberType: client.MemberPersonal, Source: client.SourceMobile})
	var apiErr *client.Error
	if errors.As(err, &apiErr) { // a second time: apiErr.Code "30000", apiErr.Message "所属应用下已经存在此用户"
		return nil, err
	}
	return m, err
}

// TestReadmeGoSnippet runs the README's snippet for the client package, and
// checks that the README shows it as it is here.
func TestReadmeGoSnippet(t *testing.T) {
	srv := mocktest.New(t)
	m, err := createMember(context.Background(), srv.URL, "alice")
	require.NoError(t, err)
	assert.Equal(t, "alice", m.BizUserID)
	_, err = createMember(context.Background(), srv.URL, "alice")
	var apiErr *client.Error
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, client.Error{Code: "30000", Message: "所属应用下已经存在此用户"}, *apiErr)

	md, err := os.ReadFile(filepath.Join(root, "README.md"))
	require.NoError(t, err)
	self, err := os.ReadFile("client_test.go")
	require.NoError(t, err)
	found := false
	for _, b := range Blocks(string(md)) {
		if b.From == "internal/doctest/client_test.go" {
			found = true
			assert.True(t, IsExcerpt(string(self), b.Code), "README.md:%d: the snippet is not an excerpt of client_test.go:\n%s", b.Line, b.Code)
		}
	}
	assert.True(t, found, "README.md shows no snippet <!-- from internal/doctest/client_test.go -->")
}

package e2e

import (
	"encoding/json"
	"io/fs"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/keys/demo"
	"github.com/tsymock/tsymock/mock"
	"github.com/tsymock/tsymock/mock/mocktest"
)

// TestConfiguredAccountSets: mock.Config.AccountSets (--account-sets) gives
// every application the sets a suite written against Allinpay uses: its
// escrow set and the platform's marketing set work at once, GET
// /__tsymock/apps lists them, and another set is 30019 naming them.
func TestConfiguredAccountSets(t *testing.T) {
	t.Parallel()
	srv := mocktest.New(t, mocktest.WithConfig(func(cfg *mock.Config) {
		cfg.AccountSets = []string{"400193", "100001", "2000000"}
	}))
	ctx := t.Context()
	require.NoError(t, createMember(t, srv.Client, "alice"))
	_, err := srv.Client.QueryBalance(ctx, "alice", "400193")
	require.NoError(t, err)
	marketing, err := srv.Client.QueryMerchantBalance(ctx, "2000000")
	require.NoError(t, err)
	assert.Positive(t, marketing.AllAmount, "the marketing set starts funded")

	_, err = srv.Client.QueryBalance(ctx, "alice", "200126")
	got := apiError(t, err)
	assert.Equal(t, "30019", got.Code)
	assert.Contains(t, got.Message, `accountSetNo "200126"; this application has [400193 100001 2000000]`)
	assert.Contains(t, got.Message, "--app-account-sets "+demo.SysID+"=")

	var apps []mock.AppInfo
	admin{t: t, base: srv.URL}.get("apps", &apps)
	require.Len(t, apps, 1)
	assert.Equal(t, []string{"400193", "100001", "2000000"}, apps[0].AccountSets)
}

// TestAccountSetWithLetters: an escrow set whose number has letters, as a
// merchant integration written against the test environment names one
// (spec §6.17 leaves the number to the platform), is configured and
// answered like any other.
func TestAccountSetWithLetters(t *testing.T) {
	t.Parallel()
	srv := mocktest.New(t, mocktest.WithConfig(func(cfg *mock.Config) {
		cfg.AccountSets = []string{"56029005999Z8RA", "100001"}
	}))
	require.NoError(t, createMember(t, srv.Client, "alice"))
	balance, err := srv.Client.QueryBalance(t.Context(), "alice", "56029005999Z8RA")
	require.NoError(t, err)
	assert.Zero(t, balance.AllAmount)
}

// TestRegisterAppWithOtherSets: registering an application again with
// other account sets through POST /__tsymock/apps applies them: before its
// first call at once, after it with a reset of its state, which the answer
// says; the same sets again reset nothing.
func TestRegisterAppWithOtherSets(t *testing.T) {
	t.Parallel()
	srv := mocktest.New(t)
	a := admin{t: t, base: srv.URL}
	cert, err := fs.ReadFile(demo.Files(), demo.MerchantCertFile)
	require.NoError(t, err)
	register := func(sets ...string) (answer struct {
		mock.AppInfo
		StateReset bool   `json:"stateReset"`
		Note       string `json:"note"`
	}) {
		body, err := json.Marshal(map[string]any{"sysid": demo.SysID, "cert": string(cert), "accountSets": sets})
		require.NoError(t, err)
		a.json(http.MethodPost, "apps", string(body), http.StatusCreated, &answer)
		return answer
	}
	ctx := t.Context()

	first := register("400221", "100001")
	assert.False(t, first.StateReset, "no state yet")
	assert.Equal(t, []string{"400221", "100001"}, first.AccountSets)
	require.NoError(t, createMember(t, srv.Client, "alice"))
	_, err = srv.Client.QueryBalance(ctx, "alice", "400221")
	require.NoError(t, err)

	same := register("400221", "100001")
	assert.False(t, same.StateReset, "the same sets")
	again := register("400193", "100001")
	assert.True(t, again.StateReset)
	assert.Contains(t, again.Note, "it was reset")
	assert.Equal(t, []string{"400193", "100001"}, again.AccountSets)
	require.NoError(t, createMember(t, srv.Client, "alice"), "the state was reset: alice is new again")
	_, err = srv.Client.QueryBalance(ctx, "alice", "400193")
	require.NoError(t, err, "the new sets took effect")
	_, err = srv.Client.QueryBalance(ctx, "alice", "400221")
	assert.Equal(t, "30019", apiError(t, err).Code)

	body, err := json.Marshal(map[string]any{"sysid": demo.SysID, "cert": string(cert), "accountSets": []string{"x"}})
	require.NoError(t, err)
	code, msg := a.do(http.MethodPost, "apps", string(body))
	assert.Equal(t, http.StatusBadRequest, code)
	assert.Contains(t, string(msg), `account set \"x\" is not a number`)
}

package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/client"
	"github.com/tsymock/tsymock/keys/demo"
	"github.com/tsymock/tsymock/mock"
)

// TestCoverageCommand: serve with the control-plane flags, call it as two
// applications (the second registered on first use), and read the
// coverage as text and as JSON.
func TestCoverageCommand(t *testing.T) {
	addr, stderr, _ := startServe(t, "--auto-apps", "--journal-size", "5", "--admin-token", "s3cret")
	url := "http://" + addr
	for _, sysid := range []string{demo.SysID, "ci-job-9"} {
		var out, errOut bytes.Buffer
		code := run(context.Background(), []string{"call", "--url", url, "--sysid", sysid, "MemberService", "createMember",
			`{"bizUserId":"cov","memberType":3,"source":1}`}, &out, &errOut)
		require.Equal(t, 0, code, "%s", errOut.String())
	}
	assert.Eventually(t, func() bool { return strings.Contains(stderr.String(), "application registered on first use") },
		time.Second, 10*time.Millisecond, "info lines are written within logBatchInterval")
	openPage(t, url)

	var out, errOut bytes.Buffer
	require.Equal(t, 0, run(context.Background(), []string{"coverage", "--url", url}, &out, &errOut), "%s", errOut.String())
	for _, want := range []string{"sysid " + demo.SysID + ": 1 of", "sysid ci-job-9: 1 of", "MemberService.createMember", "never called (",
		"pages (1 of 8 asked):\n    " + client.PageSignContract, "pages never opened (7):"} {
		assert.Contains(t, out.String(), want)
	}

	out.Reset()
	require.Equal(t, 0, run(context.Background(), []string{"coverage", "--url", url + "/service/soa", "--sysid", "ci-job-9", "--json"}, &out, &errOut))
	var reports []mock.Coverage
	require.NoError(t, json.Unmarshal(out.Bytes(), &reports))
	require.Len(t, reports, 1)
	assert.Equal(t, 1, reports[0].Called)
	assert.Len(t, reports[0].Pages, 8, "every page, none opened by ci-job-9")

	resp, err := http.Get(url + "/__tsymock/journal?limit=1")
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusOK, resp.StatusCode, "loopback needs no token")
}

// openPage opens the demo application's e-contract page for a member it
// does not have: an error page, counted in coverage all the same.
func openPage(t *testing.T, url string) {
	t.Helper()
	m, err := demo.Load()
	require.NoError(t, err)
	c, err := client.New(url, demo.SysID, m.MerchantKey, m.PlatformCert)
	require.NoError(t, err)
	u, err := c.PageURL("", client.PageSignContract, "MemberService", "signContract", client.ContractPageParams{
		BizUserID: "nobody", JumpURL: "http://127.0.0.1:1/jump", BackURL: "http://127.0.0.1:1/notify", Source: client.SourcePC})
	require.NoError(t, err)
	resp, err := http.Get(u)
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusBadRequest, resp.StatusCode)
}

func TestCoverageCommandReportsErrors(t *testing.T) {
	var out, errOut bytes.Buffer
	code := run(context.Background(), []string{"coverage", "--url", "http://" + closedAddr(t), "--timeout", "1s"}, &out, &errOut)
	assert.Equal(t, 1, code)
	assert.Contains(t, errOut.String(), "tsymock coverage:")
}

// TestHelpMentionsControlPlane keeps --help true to the flags.
func TestHelpMentionsControlPlane(t *testing.T) {
	var out, errOut bytes.Buffer
	run(context.Background(), []string{"serve", "--help"}, &out, &errOut)
	for _, flag := range []string{"--journal-size", "--admin-token", "--auto-apps"} {
		assert.Contains(t, errOut.String(), flag)
	}
	run(context.Background(), []string{"help"}, &out, &errOut)
	assert.Contains(t, out.String(), "coverage")
}

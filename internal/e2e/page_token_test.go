package e2e

import (
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/client"
)

// TestPageTokenFollowsTheServerClock: a page's token lives 15 minutes of
// the server's clock (docs/pages.md): a test that moves the clock past them
// finds the page expired (10000), and one that moves it less confirms.
func TestPageTokenFollowsTheServerClock(t *testing.T) {
	e, c, rcv := pagesEnv(t)
	c.realNamed("sia")
	c.realNamed("tom")
	open := func(who string) (string, string) {
		u := mustPageURL(t, c, client.PageSignContract, "MemberService", "signContract", client.ContractPageParams{
			BizUserID: who, JumpURL: rcv.URL + "/jump", BackURL: rcv.URL + "/notify", Source: client.SourceMobile})
		opened := getPage(t, u)
		require.Equal(t, http.StatusOK, opened.Status, "%s", opened.Body)
		return pageAt(t, u), opened.token(t)
	}
	clk := e.Clock
	at, token := open("sia")
	clk.Advance(14 * time.Minute)
	returned(t, c.Client, postPage(t, at, url.Values{"token": {token}, "action": {"confirm"}}), rcv.URL+"/jump")

	at, token = open("tom")
	clk.Advance(16 * time.Minute)
	expired := postPage(t, at, url.Values{"token": {token}, "action": {"confirm"}})
	errorPage(t, expired, "10000")
	assert.Contains(t, expired.Body, "expired")
}

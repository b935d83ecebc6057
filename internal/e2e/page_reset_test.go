package e2e

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/tsymock/tsymock/client"
)

// TestResetForgetsOpenPages: a page opened before a reset of its sysid
// does not act after it, even on a member or order made again under the
// same number (probe-Y: a payment page opened before a reset paid the new
// order of the same bizOrderNo); the button answers that the page expired.
func TestResetForgetsOpenPages(t *testing.T) {
	e, c, rcv := pagesEnv(t)
	c.realNamed("sia")
	page := mustPageURL(t, c, client.PageSignContract, "MemberService", "signContract",
		client.ContractPageParams{BizUserID: "sia", JumpURL: rcv.URL + "/jump", BackURL: rcv.URL + "/notify", Source: client.SourceMobile})
	token := getPage(t, page).token(t)

	admin{t: t, base: e.URL}.json(http.MethodPost, "reset?sysid="+e.SysID, "", http.StatusOK, nil)
	c.realNamed("sia")
	errorPage(t, postPage(t, pageAt(t, page), url.Values{"token": {token}, "action": {"confirm"}}), "10000")
}

package e2e

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/client"
)

// TestURLFragmentNoted: an address param holding "#" (spec §3.3:
// 所有地址参数不要包含“#”) is noted url-fragment on a call and on a page,
// in the journal and the log; the page still returns to the address with
// its parameters before the fragment, where a server sees them. With
// --strict both are refused with 10000.
func TestURLFragmentNoted(t *testing.T) {
	lenientAndStrict(t, func(t *testing.T, strict bool, e *notifyEnv, c *orderClient, rcv *receiver, a admin) {
		c.realNamed("sia")
		c.withPhone("sia", phoneA)

		page := mustPageURL(t, c, client.PageSignContract, "MemberService", "signContract", client.ContractPageParams{
			BizUserID: "sia", JumpURL: rcv.URL + "/jump#/contract", BackURL: rcv.URL + "/notify", Source: client.SourceMobile})
		req := deposit("sia", "d1", 5000, 0)
		req.ValidateType, req.PayMethod = client.ValidateNone, client.Gateway(5000)
		req.FrontURL, req.BackURL = rcv.URL+"/jump", rcv.URL+"/notify#done"
		_, callErr := c.DepositApply(c.ctx, req)
		if strict {
			errorPage(t, getPage(t, page), "10000")
			assert.Equal(t, "10000", apiError(t, callErr).Code)
			assert.Empty(t, notedCalls(a, "url-fragment"))
			return
		}
		require.NoError(t, callErr)
		back := press(t, page, "confirm", nil)
		require.Equal(t, http.StatusSeeOther, back.Status, "%s", back.Body)
		u, err := url.Parse(back.Location)
		require.NoError(t, err)
		assert.Equal(t, []string{"/jump", "/contract"}, []string{u.Path, u.Fragment})
		assert.Equal(t, []string{"sysid", "rps", "timestamp", "v", "sign"}, keysInOrder(u.RawQuery),
			"the signed result before the fragment")

		noted := notedCalls(a, "url-fragment")
		require.Len(t, noted, 2, "the page's opening and the call")
		kinds := map[string]string{}
		for _, entry := range noted {
			require.Len(t, entry.Portability, 1)
			assert.Equal(t, "10000", entry.Portability[0].Code)
			assert.Contains(t, entry.Portability[0].Message, "spec §3.3")
			kinds[entry.Kind] = entry.Portability[0].Message
		}
		assert.Contains(t, kinds["page"], "jumpUrl:")
		assert.Contains(t, kinds["soa"], "backUrl:")
		waitForLog(t, e.env, "would refuse this page")
		assert.Contains(t, e.Log.String(), `wouldFail="url-fragment: jumpUrl:`)
	})
}

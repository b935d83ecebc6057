package e2e

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/client"
	"github.com/tsymock/tsymock/mock"
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

// TestURLFormatNoted: an order method's backUrl or frontUrl that is no
// absolute http(s) URL (probe: a depositApply with backUrl "notaurl", a
// gateway deposit with frontUrl "www.shop.com/return") is noted url-format
// on the call, naming the param and spec §4.2.2, and its notification is
// undeliverable; with --strict the call is refused with 40029 URL格式错误,
// as tsymock's pages refuse such an address, and no order is made.
func TestURLFormatNoted(t *testing.T) {
	lenientAndStrict(t, func(t *testing.T, strict bool, e *notifyEnv, c *orderClient, rcv *receiver, a admin) {
		c.cardHolder("buyer")
		app := orderParam("depositApply", "SD2", 9, body("ALIPAY_APP_OPEN", body("amount", 9)), "notaurl")
		app["validateType"] = 0
		_, appErr := sendSpec(t, c.Client, "OrderService.depositApply", app)
		gateway := orderParam("depositApply", "SD3", 500, body("GATEWAY_VSP", body("amount", 500, "paytype", "B2C")), rcv.URL+"/notify")
		gateway["frontUrl"] = "www.shop.com/return"
		_, gatewayErr := sendSpec(t, c.Client, "OrderService.depositApply", gateway)
		if strict {
			for _, err := range []error{appErr, gatewayErr} {
				code, msg := answerCode(t, err)
				assert.Equal(t, "40029", code)
				assert.Contains(t, msg, "URL格式错误: ")
			}
			_, err := sendSpec(t, c.Client, "OrderService.getOrderDetail", map[string]any{"bizOrderNo": "SD2"})
			code, _ := answerCode(t, err)
			assert.Equal(t, "40000", code, "refused before any order is made")
			assert.Empty(t, notedCalls(a, "url-format"))
			return
		}
		require.NoError(t, appErr)
		require.NoError(t, gatewayErr)
		noted := notedCalls(a, "url-format")
		require.Len(t, noted, 2)
		var messages []string
		for _, entry := range noted {
			n := entry.Portability[len(entry.Portability)-1]
			assert.Equal(t, []string{"url-format", "40029"}, []string{n.Rule, n.Code})
			messages = append(messages, n.Message)
		}
		assert.Contains(t, strings.Join(messages, "\n"), `backUrl "notaurl" must be an absolute http or https URL (spec §4.2.2`)
		assert.Contains(t, strings.Join(messages, "\n"), `frontUrl "www.shop.com/return" must be an absolute http or https URL (spec §4.2.2`)
		settled := e.waitSettled(t, 1)
		require.Len(t, settled, 1, "SD2 paid at once; SD3 waits for its page")
		assert.Equal(t, mock.NotifyUndeliverable, settled[0].State)
		assert.Contains(t, settled[0].Reason, `"notaurl" is not an absolute http(s) URL`)
	})
}

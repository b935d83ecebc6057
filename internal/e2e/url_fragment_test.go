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
		page, _, callErr := addressCase(t, c, rcv, rcv.URL+"/jump#/contract", rcv.URL+"/jump", rcv.URL+"/notify#done")
		if strict {
			refusedStrictly(t, a, "url-fragment", page, callErr)
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

		kinds := notedPageAndCall(t, a, "url-fragment")
		assert.Contains(t, kinds["page"], "jumpUrl: spec §3.3")
		assert.Contains(t, kinds["soa"], "backUrl: spec §3.3")
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

// TestURLReturnKeyNoted: a jumpUrl or frontUrl whose query already has a
// key the return adds (sysid, rps, timestamp, v, sign: probe-Y 7) is noted
// url-return-key on the page and on the call; the return leaves the
// address's own out, so that the signed values are the only ones (a
// merchant reading the first, as Java's getParameter and Go's Query().Get
// do, verifies), its other pairs kept. With --strict both are refused with
// 10000.
func TestURLReturnKeyNoted(t *testing.T) {
	lenientAndStrict(t, func(t *testing.T, strict bool, e *notifyEnv, c *orderClient, rcv *receiver, a admin) {
		page, got, callErr := addressCase(t, c, rcv, rcv.URL+"/jump?sysid=EVIL&order=7&timestamp=1&sign=abc",
			rcv.URL+"/front?sign=mine&k=1", rcv.URL+"/notify")
		if strict {
			refusedStrictly(t, a, "url-return-key", page, callErr)
			return
		}
		require.NoError(t, callErr)
		for at, link := range map[string]string{"/jump": page, "/front": got.PayPageURL()} {
			back := press(t, link, "confirm", nil)
			require.Equal(t, http.StatusSeeOther, back.Status, "%s", back.Body)
			u, err := url.Parse(back.Location)
			require.NoError(t, err)
			assert.Equal(t, at, u.Path)
			assert.Equal(t, []string{"sysid", "rps", "timestamp", "v", "sign"}, keysInOrder(u.RawQuery)[1:],
				"the merchant's other pair, then the signed result alone")
			_, err = c.VerifyNotificationValues(u.Query())
			require.NoError(t, err, "the first values are the signed ones")
		}

		kinds := notedPageAndCall(t, a, "url-return-key")
		assert.Contains(t, kinds["page"], "jumpUrl has sysid, timestamp, sign in its query")
		assert.Contains(t, kinds["soa"], "frontUrl has sign in its query")
		waitForLog(t, e.env, `wouldFail="url-return-key: jumpUrl has sysid`)
	})
}

// addressCase is the signed URL of sia's e-contract page returning to jump
// (notifying rcv),
// and a gateway deposit of sia's made with front and back, answered.
func addressCase(t *testing.T, c *orderClient, rcv *receiver, jump, front, back string) (string, *client.OrderResponse, error) {
	t.Helper()
	c.realNamed("sia")
	c.withPhone("sia", phoneA)
	page := mustPageURL(t, c, client.PageSignContract, "MemberService", "signContract", client.ContractPageParams{
		BizUserID: "sia", JumpURL: jump, BackURL: rcv.URL + "/notify", Source: client.SourceMobile})
	req := deposit("sia", "d1", 5000, 0)
	req.ValidateType, req.PayMethod = client.ValidateNone, client.Gateway(5000)
	req.FrontURL, req.BackURL = front, back
	got, err := c.DepositApply(c.ctx, req)
	return page, got, err
}

// refusedStrictly checks that --strict refused the page and the call of
// addressCase with 10000, noting nothing.
func refusedStrictly(t *testing.T, a admin, rule, page string, callErr error) {
	t.Helper()
	errorPage(t, getPage(t, page), "10000")
	assert.Equal(t, "10000", apiError(t, callErr).Code)
	assert.Empty(t, notedCalls(a, rule))
}

// notedPageAndCall is the message of rule's one note on the page's opening
// and on the call, by journal kind (page, soa), each with code 10000.
func notedPageAndCall(t *testing.T, a admin, rule string) map[string]string {
	t.Helper()
	noted := notedCalls(a, rule)
	require.Len(t, noted, 2, "the page's opening and the call")
	kinds := map[string]string{}
	for _, entry := range noted {
		require.Len(t, entry.Portability, 1)
		assert.Equal(t, "10000", entry.Portability[0].Code)
		kinds[entry.Kind] = entry.Portability[0].Message
	}
	return kinds
}

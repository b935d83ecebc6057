package e2e

import (
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/client"
	"github.com/tsymock/tsymock/mock"
)

// TestPayPagesConsumerIPForms: a consumerIp that is no public IP (spec
// §4.2.9, §4.2.10: 用户公网 IP; 不能使用“127.0.0.1”“localhost”) is refused by a
// --strict server's payment pages, the loopback in any spelling, private
// and link-local addresses and a value that is no IP address at all; public
// addresses of either family open the page.
func TestPayPagesConsumerIPForms(t *testing.T) {
	e := newNotifyEnv(t, fastNotify(time.Second), func(cfg *mock.Config) { cfg.Strict = true })
	c := e.orders(t)
	rcv := newReceiver(t, c.Client, nil)
	c.funded("sia", 10000)
	c.realNamed("shop")
	c.pendingConsume("sia", "c1", client.ValidateSMS, rcv.URL+"/notify")
	at := func(ip string) string {
		return mustPageURL(t, c, client.PageFrontTrans, "OrderService", "pay",
			client.PayPageParams{BizUserID: "sia", BizOrderNo: "c1", JumpURL: rcv.URL + "/jump", ConsumerIP: ip})
	}
	for _, ip := range []string{"127.0.0.1", "LOCALHOST", "127.0.0.2", "::1", "::ffff:127.0.0.1", "0.0.0.0",
		"10.1.1.1", "172.16.0.9", "192.168.11.11", "fd00::1", "169.254.1.1", "fe80::1", "not-an-ip", " 8.8.8.8"} {
		t.Run(ip, func(t *testing.T) {
			refused := getPage(t, at(ip))
			errorPage(t, refused, "10000")
			assert.Contains(t, refused.Body, "consumer-ip")
		})
	}
	for _, ip := range []string{"8.8.8.8", consumerIP, "2001:4860:4860::8888"} {
		assert.Equal(t, http.StatusOK, getPage(t, at(ip)).Status, ip)
	}
}

// TestPwdPagesNoteIdentityType: a payment-password page opened with a
// certificate other than the ID card, by a member real-named with it, is
// noted identity-type (spec §4.1.17: 证件类型 目前只支持身份证), as
// setRealName notes it.
func TestPwdPagesNoteIdentityType(t *testing.T) {
	_, c, rcv := pagesEnv(t)
	a := admin{t: t, base: c.env.URL}
	c.person("sia")
	_, err := c.SetRealName(c.ctx, client.SetRealNameRequest{BizUserID: "sia", Name: personName, IdentityType: 2,
		IdentityNo: "E12345678"})
	require.NoError(t, err)
	require.Len(t, notedCalls(a, "identity-type"), 1, "setRealName's")
	p := pwdParams(rcv)
	p.IdentityType, p.IdentityNo = 2, "E12345678"
	opened := getPage(t, mustPageURL(t, c, client.PageSetPayPwd, "MemberPwdService", "setPayPwd", p))
	require.Equal(t, http.StatusOK, opened.Status, "%s", opened.Body)
	noted := notedCalls(a, "identity-type")
	require.Len(t, noted, 2)
	page := noted[1]
	assert.Equal(t, []string{"page", "/yungateway/pwd/setPayPwd.html"}, []string{page.Kind, page.Page})
	assert.Equal(t, "20012", page.Portability[0].Code)
	assert.Contains(t, page.Portability[0].Message, "§4.1.17")
}

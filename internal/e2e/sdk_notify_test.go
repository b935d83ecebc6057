package e2e

import (
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/client"
	"github.com/tsymock/tsymock/internal/emulator"
	"github.com/tsymock/tsymock/keys/demo"
	"github.com/tsymock/tsymock/mock"
)

// capture is a merchant's server on 127.0.0.1: backUrl (/notify) and
// jumpUrl (/jump) in one. It keeps every request as it came off the wire
// and answers 200 "success", as the PHP merchants do (any 200 ends
// delivery, spec §3.7).
type capture struct {
	URL string

	mu  sync.Mutex
	got []inbound
}

func newCapture(t *testing.T) *capture {
	t.Helper()
	c := &capture{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		c.mu.Lock()
		c.got = append(c.got, inbound{Method: r.Method, Path: r.URL.Path, RawQuery: r.URL.RawQuery,
			ContentType: r.Header.Get("Content-Type"), Body: body})
		c.mu.Unlock()
		w.Header().Set("Content-Type", "text/plain;charset=utf-8")
		_, _ = io.WriteString(w, "success")
	}))
	t.Cleanup(srv.Close)
	c.URL = srv.URL
	return c
}

// wait returns what arrived once there are posts notifications and
// returns browser returns.
func (c *capture) wait(t *testing.T, posts, returns int) []inbound {
	t.Helper()
	var got []inbound
	require.Eventually(t, func() bool {
		c.mu.Lock()
		defer c.mu.Unlock()
		got = append([]inbound(nil), c.got...)
		var p, r int
		for _, in := range got {
			if in.isReturn() {
				r++
			} else {
				p++
			}
		}
		return p >= posts && r >= returns
	}, 5*time.Second, 5*time.Millisecond, "waiting for %d notifications and %d returns", posts, returns)
	return got
}

// browse follows a page's 303 as the browser does: a GET of Location.
func browse(t *testing.T, p pageResp) {
	t.Helper()
	require.Equal(t, http.StatusSeeOther, p.Status, "%s", p.Body)
	resp, err := http.Get(p.Location)
	require.NoError(t, err)
	_, _ = io.Copy(io.Discard, resp.Body)
	require.NoError(t, resp.Body.Close())
	require.Equal(t, http.StatusOK, resp.StatusCode)
}

// notifiedForReaders makes tsymock send one of each kind of notification
// to back and return the browser to jump after the pages: orders paid
// (with an extendInfo of '&', '=', '+', '%', quotes and Chinese), refunded
// and failed (spec §4.2.15), both audit results (§4.1.6), the e-contract
// (§4.1.4), the payment password (§4.1.17), a reserve-fund transfer
// (§4.3.3), and a payment page confirmed and failed. It returns how many
// notifications and returns to wait for.
func notifiedForReaders(t *testing.T, e *notifyEnv, c *orderClient, back, jump string) (posts, returns int) {
	t.Helper()
	c.cardHolder("dora")
	c.person("shop")
	dep := deposit("dora", "d1", 20000, 0)
	dep.BackURL, dep.ExtendInfo = back, `备注 a&b=c+d 100% "q" /x?y#z`
	_, err := c.DepositApply(c.ctx, dep)
	require.NoError(t, err)
	_, err = c.pay("dora", "d1", smsCode)
	require.NoError(t, err)
	c.consumed(consume("dora", "shop", "c1", 3000, 0))
	ref := refund("dora", "r1", "c1", 1000)
	ref.BackURL = back
	_, err = c.Refund(c.ctx, ref)
	require.NoError(t, err)
	wd := withdraw("dora", "w1", cardABC, 1000, 0)
	wd.BackURL, wd.ExtendInfo = back, emulator.FailMarker
	_, err = c.WithdrawApply(c.ctx, wd)
	require.NoError(t, err)

	for id, name := range map[string]string{"acme": "北京测试科技有限公司", "nope": "驳回测试公司"} {
		c.company(id)
		info := companyInfo(id, name)
		info.BackURL = back
		_, err = c.SetCompanyInfo(c.ctx, info)
		require.NoError(t, err)
	}

	c.realNamed("sia")
	// A jumpUrl with a query of its own: the result is appended to it.
	browse(t, press(t, mustPageURL(t, c, client.PageSignContract, "MemberService", "signContract",
		client.ContractPageParams{BizUserID: "sia", JumpURL: jump + "?shop=1&lang=zh", BackURL: back, Source: client.SourceMobile}), "confirm", nil))
	browse(t, press(t, mustPageURL(t, c, client.PageSetPayPwd, "MemberPwdService", "setPayPwd",
		client.PayPwdPageParams{BizUserID: "sia", Name: personName, IdentityType: client.IdentityIDCard, IdentityNo: personID,
			Phone: client.NoPhone, JumpURL: jump, BackURL: back}), "confirm", url.Values{"password": {"123456"}, "password2": {"123456"}}))
	c.give("sia", 10000)
	c.pendingConsume("sia", "c2", client.ValidateSMS, back)
	browse(t, press(t, payPage(t, c, client.PageFrontTrans, "c2", jump), "confirm", url.Values{"verificationCode": {smsCode}}))
	c.pendingConsume("sia", "c3", client.ValidateSMS, back)
	browse(t, press(t, payPage(t, c, client.PageFrontTrans, "c3", jump), "fail", url.Values{"message": {"用户取消支付 & 重试=否"}}))

	_, err = e.srv.ReserveFundIn(e.SysID, mock.ReserveFundTransfer{AccountNo: "6222000000000001", Amount: 50000, BackURL: back})
	require.NoError(t, err)
	// d1, r1, w1, two audits, the contract, the password, c2 and the transfer;
	// the contract's, the password's, c2's and c3's pages.
	return 9, 4
}

// label names an inbound request in a subtest: GET or POST, the rps's
// service.method and status, and the order or member it is about.
func label(t *testing.T, in inbound) string {
	t.Helper()
	raw := string(in.Body)
	if in.isReturn() {
		raw = in.RawQuery
	}
	v, err := url.ParseQuery(raw)
	require.NoError(t, err)
	doc, err := decodeObject(v.Get("rps"))
	require.NoError(t, err)
	name := []string{in.Method, doc["service"].(string) + "." + doc["method"].(string), doc["status"].(string)}
	rv, _ := doc["returnValue"].(map[string]any)
	for _, k := range []string{"bizOrderNo", "bizUserId"} {
		if id, ok := rv[k].(string); ok {
			return strings.Join(append(name, id), " ")
		}
	}
	return strings.Join(name, " ")
}

// TestSDKNotificationReaders: every notification tsymock POSTs to backUrl
// and every browser return to jumpUrl/frontUrl, captured on the wire, is
// read and verified by each public client's notification reader
// (sdk_notify_clients_test.go) as spec §3.4 and §3.7 and PROTOCOL.md §5
// and §6 describe it, and each reads the rps tsymock's own client reads.
func TestSDKNotificationReaders(t *testing.T) {
	e := newNotifyEnv(t, fastNotify(time.Second))
	c := e.orders(t)
	cp := newCapture(t)
	posts, returns := notifiedForReaders(t, e, c, cp.URL+"/notify", cp.URL+"/jump")
	got := cp.wait(t, posts, returns)
	conf := demoMerchant(t, e.SysID)

	for _, rd := range notifyClients() {
		t.Run(rd.name, func(t *testing.T) {
			for _, in := range got {
				t.Run(label(t, in), func(t *testing.T) {
					doc, err := rd.read(conf, in)
					require.NoError(t, err, "%s %s?%s\n%s", in.Method, in.Path, in.RawQuery, in.Body)
					want := ownReading(t, c.Client, in)
					assert.Equal(t, []any{want.Service, want.Method, want.Status},
						[]any{doc["service"], doc["method"], doc["status"]})
				})
			}
		})
	}
	for _, n := range e.waitSettled(t, posts) {
		if !strings.HasPrefix(n.BackURL, cp.URL) {
			continue // c1's backUrl is merchant.test: undeliverable
		}
		assert.Equal(t, mock.NotifyDelivered, n.State, "%s.%s: a 200 with \"success\" ends delivery", n.Service, n.Method)
	}
}

// demoMerchant is a merchant of sysid configured with the bundled
// platform certificate file.
func demoMerchant(t *testing.T, sysid string) merchantConf {
	t.Helper()
	certPEM, err := fs.ReadFile(demo.Files(), "TEST-ONLY-platform.cer")
	require.NoError(t, err)
	return merchantConf{sysid: sysid, certPEM: certPEM}
}

// auditNotification is the verifyResult notification of an enterprise
// named companyName (approved, or rejected when the name says 驳回) as
// its backUrl received it, with the merchant that reads it and the server.
func auditNotification(t *testing.T, companyName string) (inbound, merchantConf, *notifyEnv) {
	t.Helper()
	e := newNotifyEnv(t, fastNotify(time.Second))
	c := e.orders(t)
	cp := newCapture(t)
	c.company("co")
	info := companyInfo("co", companyName)
	info.BackURL = cp.URL + "/notify"
	_, err := c.SetCompanyInfo(c.ctx, info)
	require.NoError(t, err)
	return cp.wait(t, 1, 0)[0], demoMerchant(t, e.SysID), e
}

// ownReading is the request as tsymock's own client reads it.
func ownReading(t *testing.T, c *client.Client, in inbound) *client.Notification {
	t.Helper()
	raw := string(in.Body)
	if in.isReturn() {
		raw = in.RawQuery
	}
	v, err := url.ParseQuery(raw)
	require.NoError(t, err)
	n, err := c.VerifyNotificationValues(v)
	require.NoError(t, err)
	return n
}

// TestSDKNotificationReadersRefuse: the re-stated readers verify for real:
// each refuses a notification whose rps was changed after signing, or
// whose sign is of another notification; and a Java servlet, which reads a
// form without a charset as ISO-8859-1, refuses one whose Content-Type
// does not say UTF-8 once the rps holds Chinese: tsymock says
// charset=UTF-8 for that reason (docs/notifications.md).
func TestSDKNotificationReadersRefuse(t *testing.T) {
	in, conf, _ := auditNotification(t, "驳回测试公司")
	require.Equal(t, "application/x-www-form-urlencoded;charset=UTF-8", in.ContentType)

	form := func(mutate func(v url.Values)) []byte {
		v, err := url.ParseQuery(string(in.Body))
		require.NoError(t, err)
		mutate(v)
		return []byte("sysid=" + url.QueryEscape(v.Get("sysid")) + "&rps=" + url.QueryEscape(v.Get("rps")) +
			"&timestamp=" + url.QueryEscape(v.Get("timestamp")) + "&v=2.0&sign=" + url.QueryEscape(v.Get("sign")))
	}
	changed, retimed, latin1 := in, in, in
	changed.Body = form(func(v url.Values) { v.Set("rps", strings.Replace(v.Get("rps"), `"result":3`, `"result":2`, 1)) })
	retimed.Body = form(func(v url.Values) { v.Set("timestamp", "2026-11-28 12:00:01") })
	latin1.ContentType = "application/x-www-form-urlencoded"
	never := func(string) bool { return false }
	always := func(string) bool { return true }
	for _, tc := range []struct {
		name    string
		in      inbound
		refused func(reader string) bool
	}{
		{"as sent", in, never},
		{"rps changed after signing", changed, always},
		{"another timestamp than the one signed", retimed, always},
		// Read as ISO-8859-1, the Chinese failReason is another text; the
		// others take the bytes as UTF-8 whatever the header says.
		{"a Content-Type without charset", latin1, func(reader string) bool { return strings.HasPrefix(reader, "Java") }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, rd := range notifyClients() {
				_, err := rd.read(conf, tc.in)
				if tc.refused(rd.name) {
					assert.Error(t, err, rd.name)
					continue
				}
				assert.NoError(t, err, rd.name)
			}
		})
	}
}

package e2e

import (
	"crypto/rsa"
	"encoding/json"
	"fmt"
	"io"
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
	"github.com/tsymock/tsymock/keys"
	"github.com/tsymock/tsymock/mock"
)

// TestReserveFundIn: POST /__tsymock/reserve-fund-in books a transfer
// into the platform's reserve fund (spec §4.3.3): the standard set and
// queryReserveFundBalance grow by it, and the MerchantService
// NotifyReserveFundIn notification reaches the backUrl, signed like any.
func TestReserveFundIn(t *testing.T) {
	e := newNotifyEnv(t, fastNotify(0))
	c := e.orders(t)
	rcv := newReceiver(t, c.Client, nil)
	a := admin{t: t, base: e.URL}
	before := c.platform("100001")

	var n mock.Notification
	a.json(http.MethodPost, "reserve-fund-in?sysid="+e.SysID,
		`{"accountNo":"6222000000000001","amount":50000,"backUrl":"`+rcv.URL+`/notify"}`, http.StatusCreated, &n)
	// spec §4.3.3: 汇款状态 成功“ok”; §3.7 (1) puts 通联通账户余额充值 among the order notifications (4 attempts)
	assert.Equal(t, []string{"MerchantService", "NotifyReserveFundIn", "ok"}, []string{n.Service, n.Method, n.Status})
	assert.Equal(t, 4, n.MaxAttempts)
	got := rcv.wait(t, 1)[0]
	assert.Equal(t, "NotifyReserveFundIn", got.Method)
	assert.Contains(t, got.RPS, `"service":"MerchantService","status":"ok"}`, "status at the top of the rps, in the platform's key order")
	assert.True(t, got.OK())
	var rv map[string]any
	require.NoError(t, json.Unmarshal(got.ReturnValue, &rv))
	assert.Equal(t, "6222000000000001", rv["accountNo"])
	assert.Equal(t, "50000", rv["amount"])
	// §4.3.3's table lists status in returnValue's column: there too
	assert.Equal(t, "ok", rv["status"])
	// merid is the bare 通联通商户号 (made up); TLT+number is note (5)'s memo
	assert.Regexp(t, `^2002[0-9]{11}$`, rv["merid"])
	assert.Equal(t, before+50000, c.platform("100001"), "the standard set holds the transfer")

	a.json(http.MethodPost, "reserve-fund-in?sysid="+e.SysID,
		`{"accountNo":"6222000000000001","amount":1,"backUrl":"`+rcv.URL+`/notify"}`, http.StatusCreated, &n)
	got = rcv.wait(t, 2)[1]
	var again map[string]any
	require.NoError(t, json.Unmarshal(got.ReturnValue, &again))
	assert.Equal(t, rv["merid"], again["merid"], "the same made-up number for every transfer of the application")
	a.json(http.MethodPost, "reserve-fund-in?sysid="+e.SysID,
		`{"accountNo":"6222000000000001","amount":1,"merid":"200290000000001","backUrl":"`+rcv.URL+`/notify"}`, http.StatusCreated, &n)
	got = rcv.wait(t, 3)[2]
	require.NoError(t, json.Unmarshal(got.ReturnValue, &again))
	assert.Equal(t, "200290000000001", again["merid"], "a merid given is sent as given")

	for _, tc := range []struct {
		name, query, body string
		status            int
		want              string
	}{
		{"no accountNo", "?sysid=" + e.SysID, `{"amount":1}`, http.StatusBadRequest, `"errorCode": "10001"`},
		{"no amount", "?sysid=" + e.SysID, `{"accountNo":"1"}`, http.StatusBadRequest, `"errorCode": "40020"`},
		{"no sysid", "", `{"accountNo":"1","amount":1}`, http.StatusBadRequest, "?sysid="},
		{"an unknown sysid", "?sysid=42", `{"accountNo":"1","amount":1}`, http.StatusNotFound, `sysid \"42\"`},
		{"a field of another name", "?sysid=" + e.SysID, `{"account":"1","amount":1}`, http.StatusBadRequest, "account"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, body := a.do(http.MethodPost, "reserve-fund-in"+tc.query, tc.body)
			assert.Equal(t, tc.status, code, "%s", body)
			assert.Contains(t, string(body), tc.want)
		})
	}
}

// backfillMerchant is a merchant's 订单补登 URL: it checks each back-fill's
// sign with the platform certificate and answers what answer says.
type backfillMerchant struct {
	URL    string
	pub    *rsa.PublicKey
	answer func(form url.Values) string

	mu    sync.Mutex
	forms []url.Values
	bad   []error
}

func newBackfillMerchant(t *testing.T, e *env, answer func(form url.Values) string) *backfillMerchant {
	t.Helper()
	m := &backfillMerchant{pub: e.Cert.PublicKey.(*rsa.PublicKey), answer: answer}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		form, err := url.ParseQuery(string(body))
		if err == nil {
			err = keys.Verify(m.pub, backfillSignText(form), form.Get("sign"))
		}
		m.mu.Lock()
		m.forms = append(m.forms, form)
		if err != nil {
			m.bad = append(m.bad, err)
		}
		m.mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, m.answer(form))
	}))
	t.Cleanup(srv.Close)
	m.URL = srv.URL
	return m
}

// got is the forms received so far and the sign errors.
func (m *backfillMerchant) got() ([]url.Values, []error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]url.Values(nil), m.forms...), append([]error(nil), m.bad...)
}

// backfillSignText is what a back-fill's sign covers, as spec §4.1.22
// spells it out: these eight fields as key=value, sorted, joined by &.
func backfillSignText(form url.Values) string {
	var parts []string
	for _, k := range []string{"accountSetNo", "amount", "bizUserId", "bizseq", "cusid", "ordertype", "termid", "trxid"} {
		parts = append(parts, k+"="+form.Get(k))
	}
	return strings.Join(parts, "&")
}

// deliver sends every pending notification now and returns the one with
// id once an attempt of it has ended: the background notifier may have
// taken it first, and its attempt in flight is skipped by
// DeliverPendingNotifications (a loaded machine showed it still pending).
func deliver(t *testing.T, srv *mock.Server, id string) mock.Notification {
	t.Helper()
	for _, n := range srv.DeliverPendingNotifications(t.Context()) {
		if n.ID == id && len(n.Attempts) > 0 {
			return n
		}
	}
	var n mock.Notification
	require.Eventually(t, func() bool {
		var ok bool
		n, ok = srv.Notification(id)
		return ok && (len(n.Attempts) > 0 || n.State != mock.NotifyPending)
	}, 10*time.Second, 5*time.Millisecond, "notification %s: no attempt ended", id)
	return n
}

// TestTerminalPaymentBackfill: a payment at a bound terminal, triggered
// with POST /__tsymock/terminal-payment, is back-filled to the merchant
// once as a flat signed form (spec §4.1.22); its answer merchantRet 0000
// books the deposit (and a refund of it later) and the order's pay
// notification follows; 9999 declines it; an answer that cannot be read
// fails the delivery, and a redelivery can still book it.
func TestTerminalPaymentBackfill(t *testing.T) {
	e := newNotifyEnv(t, fastNotify(0))
	c := e.orders(t)
	rcv := newReceiver(t, c.Client, nil)
	c.person("shop")
	_, err := c.VspTermidService(c.ctx, client.VspTermidRequest{BizUserID: "shop", OperationType: "set",
		VspCusID: "C1", AppID: "A1", VspTermID: "T1"})
	require.NoError(t, err)
	var answersMu sync.Mutex
	answers := map[string]string{} // by amount
	answer := func(amount, text string) {
		answersMu.Lock()
		defer answersMu.Unlock()
		answers[amount] = text
	}
	m := newBackfillMerchant(t, e.env, func(form url.Values) string {
		answersMu.Lock()
		defer answersMu.Unlock()
		return answers[form.Get("amount")]
	})
	a := admin{t: t, base: e.URL}
	pay := func(body string) mock.Notification {
		var n mock.Notification
		a.json(http.MethodPost, "terminal-payment?sysid="+e.SysID, body, http.StatusCreated, &n)
		return n
	}

	answer("500", `{"bizOrderNo":"BF-1","merchantRet":"0000","extendInfo":"table 7"}`)
	n := pay(fmt.Sprintf(`{"termid":"T1","amount":500,"payInterfacetrxcode":"VSP501","url":%q,"orderBackUrl":%q}`,
		m.URL, rcv.URL+"/notify"))
	assert.Equal(t, "backfill", n.Kind)
	assert.Equal(t, map[string]string{"bizUserId": "shop", "cusid": "C1", "termid": "T1", "ordertype": "depositApply",
		"amount": "500", "payStatus": "success", "payInterfacetrxcode": "VSP501"}, pick(n.Form,
		"bizUserId", "cusid", "termid", "ordertype", "amount", "payStatus", "payInterfacetrxcode"))
	done := deliver(t, e.srv, n.ID)
	require.Equal(t, mock.NotifyDelivered, done.State, "%+v", done.Attempts)
	assert.Contains(t, done.Attempts[0].Answer, "booked as bizOrderNo BF-1")
	forms, bad := m.got()
	require.Len(t, forms, 1)
	assert.Empty(t, bad, "the sign verifies")
	assert.Equal(t, n.Form["trxid"], forms[0].Get("trxid"))
	paid := rcv.wait(t, 1)[0]
	order, err := paid.Order()
	require.NoError(t, err)
	assert.Equal(t, []string{"OrderService", "pay", "BF-1", "table 7"}, []string{paid.Service, paid.Method, order.BizOrderNo, order.ExtendInfo})
	all, _ := c.balance("shop")
	assert.Equal(t, int64(500), all)

	answer("200", `{"bizOrderNo":"BF-2","merchantRet":"0000"}`)
	refund := pay(fmt.Sprintf(`{"termid":"T1","ordertype":"refund","amount":200,"srctrxid":%q,"url":%q}`, n.Form["trxid"], m.URL))
	assert.Equal(t, "BF-1", refund.Form["oriBizOrderNo"])
	require.Equal(t, mock.NotifyDelivered, deliver(t, e.srv, refund.ID).State)
	all, _ = c.balance("shop")
	assert.Equal(t, int64(300), all, "the refund left the member's balance")
	raw, err := c.Call(c.ctx, "OrderService", "getOrderDetail", map[string]any{"bizOrderNo": "BF-2"})
	require.NoError(t, err)
	assert.Contains(t, string(raw), `"refundWhereabouts":2`, "a refund says where it went, as a number (spec §4.2.19)")

	answer("300", `{"bizOrderNo":"BF-3","merchantRet":"9999"}`)
	declined := deliver(t, e.srv, pay(`{"termid":"T1","amount":300,"url":"`+m.URL+`"}`).ID)
	assert.Equal(t, mock.NotifyDelivered, declined.State)
	assert.Contains(t, declined.Attempts[0].Answer, "declined")
	_, err = c.GetOrderDetail(c.ctx, "BF-3")
	assert.Error(t, err, "nothing was booked")

	answer("400", `OK`)
	garbled := pay(`{"termid":"T1","amount":400,"url":"` + m.URL + `"}`)
	deliver(t, e.srv, garbled.ID)
	var failed mock.Notification
	require.Eventually(t, func() bool { // the manual attempt left the scheduled one, sent once
		failed, _ = e.srv.Notification(garbled.ID)
		return failed.State == mock.NotifyFailed
	}, 5*time.Second, 5*time.Millisecond)
	assert.Contains(t, failed.Attempts[0].Error, "no merchantRet")
	answer("400", `{"bizOrderNo":"BF-4","merchantRet":"0000"}`)
	again, err := e.srv.RedeliverNotification(t.Context(), garbled.ID)
	require.NoError(t, err)
	assert.Equal(t, mock.NotifyDelivered, again.State)
	all, _ = c.balance("shop")
	assert.Equal(t, int64(700), all, "the redelivered back-fill was booked")

	answer("600", `{"bizOrderNo":"BF-5","merchantRet":"0000"}`)
	swiped := pay(`{"termid":"T1","amount":600,"pos":true,"termrefnum":"310000000600","channelFee":"4",` +
		`"acct":"6228480000000000001","accttype":"02","url":"` + m.URL + `"}`)
	assert.Equal(t, map[string]string{"termrefnum": "310000000600", "channelFee": "4", "traceno": swiped.Form["trxid"][len(swiped.Form["trxid"])-6:]},
		pick(swiped.Form, "termrefnum", "channelFee", "traceno"), "a POS payment's back-fill (spec §4.1.22)")
	require.Equal(t, mock.NotifyDelivered, deliver(t, e.srv, swiped.ID).State)
	raw, err = c.Call(c.ctx, "OrderService", "getOrderDetail", map[string]any{"bizOrderNo": "BF-5"})
	require.NoError(t, err)
	for _, kv := range []string{`"termno":"T1"`, `"cusid":"C1"`, `"payInterfaceOutTradeNo":"` + swiped.Form["trxid"] + `"`,
		`"termrefnum":"310000000600"`, `"channelFee":"4"`, `"channelPaytime":"` + swiped.Form["paytime"] + `"`,
		`"accttype":"02"`, `"acct":"622848****0001"`} {
		assert.Contains(t, string(raw), kv, "a POS payment's keys in getOrderDetail (spec §4.2.19)")
	}
	detail, err := c.GetOrderDetail(c.ctx, "BF-5")
	require.NoError(t, err)
	assert.Equal(t, []string{"T1", "C1", swiped.Form["trxid"], "310000000600", "4", swiped.Form["traceno"], "02", "622848****0001"},
		[]string{detail.TermNo, detail.CusID, detail.PayInterfaceOutTradeNo, detail.TermRefNum, detail.ChannelFee, detail.TraceNo,
			detail.AcctType, detail.Acct}, "the Go client reads them")
	refundDetail, err := c.GetOrderDetail(c.ctx, "BF-2")
	require.NoError(t, err)
	assert.Equal(t, client.RefundToChannel, refundDetail.RefundWhereabouts)

	code, body := a.do(http.MethodPost, "terminal-payment?sysid="+e.SysID, `{"termid":"T9","amount":1,"url":"`+m.URL+`"}`)
	assert.Equal(t, http.StatusBadRequest, code)
	assert.Contains(t, string(body), `"errorCode": "20009"`)
}

// pick is the entries of m with these keys.
func pick(m map[string]string, keys ...string) map[string]string {
	out := map[string]string{}
	for _, k := range keys {
		out[k] = m[k]
	}
	return out
}

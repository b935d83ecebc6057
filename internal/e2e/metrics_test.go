package e2e

import (
	"bytes"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/client"
	"github.com/tsymock/tsymock/internal/wiretest"
	"github.com/tsymock/tsymock/mock"
)

// scrapeMetrics gets GET /__tsymock/metrics over HTTP, as Prometheus
// would, and parses it with the Prometheus text parser.
func scrapeMetrics(t *testing.T, a admin) wiretest.Metrics {
	t.Helper()
	code, body := a.do(http.MethodGet, "metrics", "")
	require.Equal(t, http.StatusOK, code, "%s", body)
	return wiretest.ParseMetrics(t, bytes.NewReader(body))
}

// count is the journal's count of the calls the query selects.
func count(t *testing.T, a admin, query string) float64 {
	t.Helper()
	var c struct{ Count int }
	a.get("calls?"+query, &c)
	return float64(c.Count)
}

// metricsTraffic makes calls of every outcome on a server with a data dir:
// two orders notified to a receiver that takes them and one that refuses
// every attempt, a duplicate member, an unknown method, a call signed with
// the platform key, and a page opened and confirmed.
func metricsTraffic(t *testing.T) (*notifyEnv, *orderClient) {
	t.Helper()
	e := newNotifyEnv(t, fastNotify(time.Second), func(cfg *mock.Config) { cfg.DataDir = t.TempDir() })
	c := e.orders(t)
	good, bad := newReceiver(t, c.Client, nil), newReceiver(t, c.Client, func(int64) int { return http.StatusInternalServerError })
	c.funded("sia", 10000)
	c.person("shop")
	for i, back := range []string{good.URL, bad.URL} {
		req := consume("sia", "shop", fmt.Sprint("m", i), 100, 0)
		req.BackURL = back + "/notify"
		c.consumed(req)
	}
	_, err := c.CreateMember(c.ctx, client.CreateMemberRequest{BizUserID: "sia", MemberType: client.MemberPersonal, Source: client.SourceMobile})
	require.Error(t, err, "30000")
	_, err = c.Call(c.ctx, "OrderService", "nonsense", map[string]any{})
	require.Error(t, err, "10003")
	assert.Equal(t, "20019", postForm(t, e.env, signed(t, e.Platform, e.SysID, wiretest.CreateMemberReq("x"), vectorTime)).errorCode(t, e.env))
	c.realNamed("pia")
	u := mustPageURL(t, c, client.PageSignContract, "MemberService", "signContract",
		client.ContractPageParams{BizUserID: "pia", JumpURL: good.URL + "/jump", BackURL: good.URL + "/notify", Source: client.SourcePC})
	returned(t, c.Client, press(t, u, "confirm", nil), good.URL+"/jump")
	require.Eventually(t, func() bool {
		for _, n := range e.srv.Notifications(e.SysID) {
			if n.State == "pending" {
				return false
			}
		}
		return true
	}, 10*time.Second, 10*time.Millisecond, "every notification delivered or exhausted")
	return e, c
}

// TestMetricsOverHTTP: after real calls, the scrape (issue 17.3) counts
// them as the journal does, by service, method, outcome and code, with
// their latency; the signature failure by its reason; the page requests;
// the notifications as the notifier lists them; and the sizes of the
// journal, the queues and the write-ahead log.
func TestMetricsOverHTTP(t *testing.T) {
	e, _ := metricsTraffic(t)
	a := admin{t: t, base: e.URL}
	got := scrapeMetrics(t, a)

	const req = "tsymock_soa_requests_total"
	for _, tc := range []struct {
		labels []string
		query  string
	}{
		{[]string{"service", "MemberService", "method", "createMember", "outcome", "OK", "code", ""},
			"kind=soa&service=MemberService&method=createMember&outcome=OK"},
		{[]string{"service", "MemberService", "method", "createMember", "code", "30000"}, "method=createMember&errorCode=30000"},
		{[]string{"service", "OrderService", "method", "consumeApply", "outcome", "OK"}, "method=consumeApply&outcome=OK"},
		{[]string{"service", "OrderService", "method", "unknown", "code", "10003"}, "method=nonsense"},
		{[]string{"service", "MemberService", "method", "createMember", "code", "20019"}, "errorCode=20019"},
	} {
		want := count(t, a, tc.query)
		assert.Positive(t, want, tc.query)
		assert.Equal(t, want, got.Must(t, req, tc.labels...), "%v against the journal's %s", tc.labels, tc.query)
	}
	assert.Equal(t, count(t, a, "kind=soa&service=MemberService&method=createMember"),
		got.Must(t, "tsymock_soa_request_duration_seconds", "service", "MemberService", "method", "createMember"))
	assert.Equal(t, 1.0, got.Must(t, "tsymock_signature_failures_total", "reason", "other-key"))
	for _, action := range []string{"open", "confirm"} {
		assert.Equal(t, 1.0, got.Must(t, "tsymock_page_requests_total", "page", client.PageSignContract, "action", action, "outcome", "OK"))
	}
	assert.Equal(t, count(t, a, ""), got.Must(t, "tsymock_journal_entries"))
	assert.Equal(t, 1.0, got.Must(t, "tsymock_apps", "origin", "config"))
	assert.Equal(t, 1.0, got.Must(t, "tsymock_build_info", "version", "dev"))
	assert.Positive(t, got.Must(t, "process_resident_memory_bytes"))

	notificationsAsListed(t, e, got)
	assert.Positive(t, got.Must(t, "tsymock_wal_bytes"), "every change is in the log")
	assert.Positive(t, got.Must(t, "tsymock_wal_last_lsn"))
	assert.Equal(t, 0.0, got.Must(t, "tsymock_wal_failed"))
	got.Must(t, "tsymock_wal_snapshot_lsn")
}

// notificationsAsListed checks the notification metrics against the
// notifier's own list: one order delivered, one that used up its four
// attempts.
func notificationsAsListed(t *testing.T, e *notifyEnv, got wiretest.Metrics) {
	t.Helper()
	states := map[string]float64{}
	var ok, failed float64
	for _, n := range e.srv.Notifications("") {
		states[string(n.State)]++
		for _, at := range n.Attempts {
			if at.Status == http.StatusOK {
				ok++
			} else {
				failed++
			}
		}
	}
	assert.Equal(t, 1.0, states["failed"], "the order the receiver refused")
	assert.Equal(t, float64(len(fastSchedule())), failed, "its every attempt")
	for outcome, state := range map[string]string{"delivered": "delivered", "exhausted": "failed", "undeliverable": "undeliverable"} {
		assert.Equal(t, states[state], got.Must(t, "tsymock_notifications_total", "outcome", outcome), outcome)
	}
	assert.Equal(t, ok, got.Must(t, "tsymock_notification_attempts_total", "result", "ok"))
	assert.Equal(t, failed, got.Must(t, "tsymock_notification_attempts_total", "result", "failed"))
	assert.Equal(t, 0.0, got.Must(t, "tsymock_notifications_pending"))
	assert.Equal(t, float64(len(e.srv.Notifications(""))), got.Must(t, "tsymock_notifications_kept"))
}

// TestMetricsAccess: the scrape is behind the admin API's access rule: a
// remote client is refused without a token configured, needs it when one
// is.
func TestMetricsAccess(t *testing.T) {
	t.Parallel()
	code, _ := admin{t: t, base: startRemote(t, "")}.do(http.MethodGet, "metrics", "")
	assert.Equal(t, http.StatusForbidden, code)
	base := startRemote(t, "s3cret")
	code, _ = admin{t: t, base: base}.do(http.MethodGet, "metrics", "")
	assert.Equal(t, http.StatusUnauthorized, code)
	got := scrapeMetrics(t, admin{t: t, base: base, token: "s3cret"})
	assert.Equal(t, 1.0, got.Must(t, "tsymock_apps", "origin", "config"))
}

package admin_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/internal/wiretest"
	"github.com/tsymock/tsymock/keys/demo"
	"github.com/tsymock/tsymock/mock"
)

// consumeReq pays amount fen from payer to shop out of its balance at once
// (validateType 0; left out, the order would wait for pay, spec §4.2.4),
// with the notification sent to backURL.
func consumeReq(payer, shop, bizOrderNo string, amount int, backURL string) string {
	return fmt.Sprintf(`{"service":"OrderService","method":"consumeApply","param":{"payerId":%q,"recieverId":%q,`+
		`"bizOrderNo":%q,"amount":%d,"fee":0,"validateType":0,"backUrl":%q,"payMethod":{"BALANCE":[{"accountSetNo":"200126","amount":%d}]},`+
		`"industryCode":"1910","industryName":"其他","source":1}}`, payer, shop, bizOrderNo, amount, backURL, amount)
}

// paidOrder makes a consumption whose notification goes to backURL.
func paidOrder(t *testing.T, s *mock.Server, m *demoMaterial, backURL string) {
	t.Helper()
	h := s.Handler()
	wiretest.Call(t, h, m, wiretest.CreateMemberReq("payer"))
	wiretest.Call(t, h, m, wiretest.CreateMemberReq("shop"))
	wiretest.Call(t, h, m, `{"service":"OrderService","method":"applicationTransfer","param":{"bizTransferNo":"T1","sourceAccountSetNo":"100001","targetBizUserId":"payer","targetAccountSetNo":"200126","amount":1000}}`)
	ans := wiretest.Call(t, h, m, consumeReq("payer", "shop", "C1", 300, backURL))
	require.Equal(t, "OK", ans["status"], "%v", ans)
}

type demoMaterial = demo.Material

// shutdownNow stops the notifier's timers of a server that never served.
func shutdownNow(t *testing.T, s *mock.Server) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	require.NoError(t, s.Shutdown(ctx))
}

func TestAdminNotifications(t *testing.T) {
	var hits atomic.Int32
	rcv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		_, _ = w.Write([]byte("success"))
	}))
	defer rcv.Close()
	s, m := newServer(t) // the default schedule waits 5 s before the first attempt
	defer shutdownNow(t, s)
	h := s.Handler()
	paidOrder(t, s, m, rcv.URL+"/notify")

	list := wiretest.GetJSON[[]mock.Notification](t, h, "/__tsymock/notifications?sysid="+demo.SysID)
	require.Len(t, list, 1)
	n := list[0]
	assert.Equal(t, mock.NotifyPending, n.State)
	assert.Equal(t, "OrderService", n.Service)
	assert.Empty(t, wiretest.GetJSON[[]mock.Notification](t, h, "/__tsymock/notifications?sysid=other"))

	rec := wiretest.Do(t, h, http.MethodPost, "/__tsymock/notifications/deliver", "")
	require.Equal(t, http.StatusOK, rec.Code, "%s", rec.Body)
	var delivered []mock.Notification
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &delivered))
	require.Len(t, delivered, 1)
	assert.Equal(t, mock.NotifyDelivered, delivered[0].State)
	assert.Equal(t, int32(1), hits.Load())

	rec = wiretest.Do(t, h, http.MethodPost, "/__tsymock/notifications/"+n.ID+"/redeliver", "")
	require.Equal(t, http.StatusOK, rec.Code, "%s", rec.Body)
	one := wiretest.GetJSON[mock.Notification](t, h, "/__tsymock/notifications/"+n.ID)
	require.Len(t, one.Attempts, 2)
	assert.True(t, one.Attempts[1].Manual)
	assert.Equal(t, int32(2), hits.Load())

	assert.Equal(t, http.StatusNotFound, wiretest.Do(t, h, http.MethodPost, "/__tsymock/notifications/n99/redeliver", "").Code)
	assert.Equal(t, http.StatusNotFound, wiretest.Do(t, h, http.MethodGet, "/__tsymock/notifications/n99", "").Code)

	cov := s.Coverage(demo.SysID)
	assert.Equal(t, []mock.NotificationCoverage{{Kind: "OrderService.pay OK", Total: 1, Delivered: 1}}, cov.Notifications)

	wiretest.Do(t, h, http.MethodPost, "/__tsymock/reset?sysid="+demo.SysID, "")
	assert.Empty(t, wiretest.GetJSON[[]mock.Notification](t, h, "/__tsymock/notifications"))
}

func TestAdminRedeliverUndeliverable(t *testing.T) {
	s, m := newServer(t)
	defer shutdownNow(t, s)
	paidOrder(t, s, m, "ftp://merchant.test/notify")
	list := s.Notifications(demo.SysID)
	require.Len(t, list, 1)
	rec := wiretest.Do(t, s.Handler(), http.MethodPost, "/__tsymock/notifications/"+list[0].ID+"/redeliver", "")
	assert.Equal(t, http.StatusConflict, rec.Code, "%s", rec.Body)
	rec = wiretest.Do(t, s.Handler(), http.MethodDelete, "/__tsymock/notifications", "")
	assert.Equal(t, http.StatusOK, rec.Code)
	assert.Empty(t, s.Notifications(""))
}

package e2e

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/mock"
)

// statuses answers the n-th request with list[n-1], then 200.
func statuses(list ...int) func(int64) int {
	return func(n int64) int {
		if int(n) <= len(list) {
			return list[n-1]
		}
		return http.StatusOK
	}
}

// paidConsume makes a balance payment notified to back.
func (c *orderClient) paidConsume(bizOrderNo, back string) {
	c.t.Helper()
	req := consume("payer-"+bizOrderNo, "shop-"+bizOrderNo, bizOrderNo, 100, 0)
	req.BackURL = back
	c.funded("payer-"+bizOrderNo, 100)
	c.person("shop-" + bizOrderNo)
	c.consumed(req)
}

// TestNotificationRetries: an order notification is retried on the
// (compressed) schedule until the merchant answers 200; every attempt is
// recorded with its status and error.
func TestNotificationRetries(t *testing.T) {
	e := newNotifyEnv(t, fastNotify(time.Second))
	c := e.orders(t)
	rcv := newReceiver(t, c.Client, statuses(500, 404))
	c.paidConsume("c1", rcv.URL+"/notify")

	list := e.waitSettled(t, 1)
	n := list[0]
	assert.Equal(t, mock.NotifyDelivered, n.State)
	require.Len(t, n.Attempts, 3)
	for i, want := range []int{500, 404, 200} {
		assert.Equal(t, want, n.Attempts[i].Status)
		assert.Positive(t, n.Attempts[i].Latency)
	}
	assert.Contains(t, n.Attempts[0].Error, "HTTP 500")
	assert.Empty(t, n.Attempts[2].Error)
	assert.GreaterOrEqual(t, n.Attempts[1].At.Sub(n.Attempts[0].At), fastSchedule()[1], "the schedule's second delay")
	assert.Len(t, rcv.wait(t, 3), 3, "the same notification, three times")
}

// TestNotificationFailsThenRedelivers: after the last scheduled attempt
// the notification stays listed as failed; a redelivery delivers it.
func TestNotificationFailsThenRedelivers(t *testing.T) {
	e := newNotifyEnv(t, fastNotify(time.Second))
	c := e.orders(t)
	rcv := newReceiver(t, c.Client, statuses(500, 500, 500, 500, 503))
	c.paidConsume("c1", rcv.URL+"/notify")

	n := e.waitSettled(t, 1)[0]
	assert.Equal(t, mock.NotifyFailed, n.State)
	assert.Len(t, n.Attempts, 4, "the whole schedule")
	assert.Zero(t, n.NextAttempt)

	got, err := e.srv.RedeliverNotification(context.Background(), n.ID)
	require.NoError(t, err)
	assert.Equal(t, mock.NotifyFailed, got.State, "503 again")
	got, err = e.srv.RedeliverNotification(context.Background(), n.ID)
	require.NoError(t, err)
	assert.Equal(t, mock.NotifyDelivered, got.State)
	require.Len(t, got.Attempts, 6)
	assert.True(t, got.Attempts[5].Manual)
	assert.Equal(t, 200, got.Attempts[5].Status)

	_, err = e.srv.RedeliverNotification(context.Background(), "n999")
	assert.ErrorIs(t, err, mock.ErrNotificationNotFound)
}

// TestNonOrderNotificationIsSentOnce: other notifications get one attempt.
func TestNonOrderNotificationIsSentOnce(t *testing.T) {
	e := newNotifyEnv(t, fastNotify(time.Second))
	c := e.orders(t)
	rcv := newReceiver(t, c.Client, statuses(500))
	c.company("acme")
	req := companyInfo("acme", "某某有限公司")
	req.BackURL = rcv.URL + "/notify"
	_, err := c.SetCompanyInfo(c.ctx, req)
	require.NoError(t, err)

	n := e.waitSettled(t, 1)[0]
	assert.Equal(t, mock.NotifyFailed, n.State)
	assert.Len(t, n.Attempts, 1)
}

// TestUndeliverableNotifications: an event without a usable backUrl is
// listed, not lost, and never sent.
func TestUndeliverableNotifications(t *testing.T) {
	e := newNotifyEnv(t, fastNotify(time.Second))
	c := e.orders(t)
	for biz, back := range map[string]string{"c2": "ftp://127.0.0.1/n", "c3": "http://merchant.test/n"} {
		c.paidConsume(biz, back)
	}
	noBack := refund("payer-c2", "r1", "c2", 100)
	noBack.BackURL = ""
	_, err := c.Refund(c.ctx, noBack)
	require.NoError(t, err, "refund's backUrl is optional")
	list := e.srv.Notifications(e.SysID)
	require.Len(t, list, 3)
	reasons := map[string]string{}
	for _, n := range list {
		assert.Equal(t, mock.NotifyUndeliverable, n.State, n.BackURL)
		assert.Empty(t, n.Attempts)
		reasons[n.BackURL] = n.Reason
		_, err = e.srv.RedeliverNotification(context.Background(), n.ID)
		assert.ErrorIs(t, err, mock.ErrUndeliverable)
	}
	assert.Contains(t, reasons[""], "no backUrl")
	assert.Contains(t, reasons["ftp://127.0.0.1/n"], "not an absolute http(s) URL")
	assert.Contains(t, reasons["http://merchant.test/n"], "--notify-allow-hosts")
}

// TestDeliverPendingNow: with the platform's schedule (first attempt after
// 5 s) a test need not wait: DeliverPendingNotifications sends now.
func TestDeliverPendingNow(t *testing.T) {
	e := newNotifyEnv(t)
	c := e.orders(t)
	rcv := newReceiver(t, c.Client, nil)
	c.paidConsume("c1", rcv.URL+"/notify")
	c.paidConsume("c2", rcv.URL+"/notify")

	pending := e.srv.Notifications(e.SysID)
	require.Len(t, pending, 2)
	assert.Equal(t, mock.NotifyPending, pending[0].State)
	assert.WithinDuration(t, time.Now().Add(5*time.Second), pending[0].NextAttempt, 2*time.Second)

	done := e.srv.DeliverPendingNotifications(context.Background())
	require.Len(t, done, 2)
	for _, n := range done {
		assert.Equal(t, mock.NotifyDelivered, n.State)
		assert.True(t, n.Attempts[0].Manual)
	}
	assert.Len(t, rcv.wait(t, 2), 2)
	assert.Empty(t, e.srv.DeliverPendingNotifications(context.Background()))
}

// TestClearNotifications: cleared notifications are forgotten and their
// scheduled attempts cancelled.
func TestClearNotifications(t *testing.T) {
	e := newNotifyEnv(t)
	c := e.orders(t)
	rcv := newReceiver(t, c.Client, nil)
	c.paidConsume("c1", rcv.URL+"/notify")
	require.Len(t, e.srv.Notifications(""), 1)
	e.srv.ClearNotifications(e.SysID)
	assert.Empty(t, e.srv.Notifications(""))
	_, ok := e.srv.Notification("n1")
	assert.False(t, ok)
	_, err := e.srv.RedeliverNotification(context.Background(), "n1")
	assert.True(t, errors.Is(err, mock.ErrNotificationNotFound))
}

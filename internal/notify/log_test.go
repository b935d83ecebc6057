package notify

import (
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/internal/clock"
	"github.com/tsymock/tsymock/internal/testtool"
	"github.com/tsymock/tsymock/keys/demo"
)

// TestLogNamesTheOrderAndKey: each attempt's line, and the line of a
// notification whose attempts are used up, name the order's bizOrderNo
// and the key that names the notification across restarts.
func TestLogNamesTheOrderAndKey(t *testing.T) {
	rcv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(http.StatusInternalServerError)
	}))
	t.Cleanup(rcv.Close)
	m, err := demo.Load()
	require.NoError(t, err)
	var log testtool.Buffer
	src := &events{}
	n := New(Config{Schedule: []time.Duration{time.Millisecond, time.Millisecond}}, m.PlatformKey, clock.System{}, src,
		slog.New(slog.NewTextHandler(&log, nil)))
	t.Cleanup(func() { _ = n.Close(context.Background()) })
	src.add(orderEvent(7, rcv.URL+"/n"))
	n.Wake()
	require.Eventually(t, func() bool { return n.List("")[0].State == Failed }, 5*time.Second, time.Millisecond)
	require.Eventually(t, func() bool { return strings.Contains(log.String(), "used up") },
		time.Second, time.Millisecond)
	text := log.String()
	assert.Contains(t, text, `msg="notification attempt failed" id=n1 sysid=S call=OrderService.pay backUrl=`+rcv.URL+"/n bizOrderNo=7 key=k7 status=500")
	assert.Contains(t, text, `msg="notification failed: its attempts are used up" id=n1 sysid=S call=OrderService.pay backUrl=`+rcv.URL+"/n bizOrderNo=7 key=k7 attempts=2")
}

package mock_test

import (
	"context"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/internal/wiretest"
	"github.com/tsymock/tsymock/scenarios"
)

// TestShutdownEndsHangs: a hanging or delayed call does not hold up a
// graceful shutdown for the whole bound.
func TestShutdownEndsHangs(t *testing.T) {
	s, m := newTestServer(t)
	f, err := scenarios.Parse("hang.yaml", []byte(`rules:
  - {when: {param: {bizOrderNo: hang}}, respond: {fault: hang}}
  - {when: {param: {bizOrderNo: slow}}, respond: {delay: 1m}}
`))
	require.NoError(t, err)
	s.Scenarios().SetFiles([]*scenarios.File{f})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	done := make(chan error, 1)
	go func() { done <- s.Serve(ln) }()

	answered := make(chan struct{}, 2)
	for _, order := range []string{"hang", "slow"} {
		body := wiretest.SignedForm(t, m, `{"service":"OrderService","method":"getOrderDetail","param":{"bizOrderNo":"`+order+`"}}`)
		go func() {
			resp, err := http.Post("http://"+ln.Addr().String()+"/service/soa", "application/x-www-form-urlencoded", strings.NewReader(body))
			if err == nil {
				resp.Body.Close()
			}
			answered <- struct{}{}
		}()
	}
	time.Sleep(100 * time.Millisecond) // let both calls start waiting
	start := time.Now()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	require.NoError(t, s.Shutdown(ctx))
	require.NoError(t, <-done)
	<-answered
	<-answered
	assert.Less(t, time.Since(start), 5*time.Second)
}

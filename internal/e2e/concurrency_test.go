package e2e

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/tsymock/tsymock/client"
)

// TestConcurrentCreateMember: 1,000 concurrent createMember calls with one
// bizUserId over HTTP get exactly one OK; every other answer is the signed
// 30000, none is lost or garbled.
func TestConcurrentCreateMember(t *testing.T) {
	e := demoEnv(t)
	transport := &http.Transport{MaxIdleConnsPerHost: 64}
	defer transport.CloseIdleConnections()
	c := e.client(t, client.WithHTTPClient(&http.Client{Transport: transport}))
	var okCount, dupCount atomic.Int64
	var wg sync.WaitGroup
	sem := make(chan struct{}, 64)
	for range 1000 {
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			_, err := c.CreateMember(context.Background(), client.CreateMemberRequest{BizUserID: "one", MemberType: 3, Source: 1})
			var apiErr *client.Error
			switch {
			case err == nil:
				okCount.Add(1)
			case errors.As(err, &apiErr) && apiErr.Code == "30000":
				dupCount.Add(1)
			default:
				t.Errorf("unexpected answer: %v", err)
			}
		})
	}
	wg.Wait()
	assert.Equal(t, int64(1), okCount.Load())
	assert.Equal(t, int64(999), dupCount.Load())
}

// TestConcurrentConsumption: concurrent orders over HTTP against a balance
// that covers K of them: exactly K succeed, the rest are 40014, and the
// balances add up.
func TestConcurrentConsumption(t *testing.T) {
	c := orders(t)
	c.funded("rich", 700)
	c.person("shop")
	var succeeded atomic.Int64
	var wg sync.WaitGroup
	for i := range 40 {
		wg.Go(func() {
			_, err := c.ConsumeApply(c.ctx, consume("rich", "shop", fmt.Sprint("cc", i), 100, 0))
			var apiErr *client.Error
			switch {
			case err == nil:
				succeeded.Add(1)
			case errors.As(err, &apiErr) && apiErr.Code == "40014":
			default:
				t.Errorf("unexpected answer: %v", err)
			}
		})
	}
	wg.Wait()
	assert.Equal(t, int64(7), succeeded.Load())
	assert.Equal(t, []int64{0, 700}, c.balances("rich", "shop"))
}

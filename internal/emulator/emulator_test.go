package emulator

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/internal/clock"
	"github.com/tsymock/tsymock/internal/ids"
	"github.com/tsymock/tsymock/internal/soa"
)

func create(sysid, bizUserID string) Request {
	return Request{SysID: sysid, Service: "MemberService", Method: "createMember",
		Param: map[string]any{"bizUserId": bizUserID, "memberType": "3", "source": 1}}
}

func newTest() *Emulator {
	return New(Config{Clock: clock.NewManual(time.Date(2026, 11, 28, 4, 0, 0, 0, time.UTC)), IDs: ids.NewSeeded(1)})
}

func TestCreateMember(t *testing.T) {
	e := newTest()
	ctx := context.Background()
	got, serr := e.Handle(ctx, create("a", "u1"))
	require.Nil(t, serr)
	assert.Equal(t, "u1", got["bizUserId"])
	assert.Len(t, got["userId"], 36)

	_, serr = e.Handle(ctx, create("a", "u1"))
	require.NotNil(t, serr)
	assert.Equal(t, "30000", serr.Code)
	assert.Equal(t, "所属应用下已经存在此用户", serr.Message)

	_, serr = e.Handle(ctx, create("b", "u1"))
	assert.Nil(t, serr, "applications are isolated")

	e.Reset("a")
	_, serr = e.Handle(ctx, create("a", "u1"))
	assert.Nil(t, serr, "reset forgets the application")
}

func TestSeededIDsRepeat(t *testing.T) {
	a, b := newTest(), newTest()
	for i := range 3 {
		x, _ := a.Handle(context.Background(), create("s", fmt.Sprint(i)))
		y, _ := b.Handle(context.Background(), create("s", fmt.Sprint(i)))
		assert.Equal(t, x["userId"], y["userId"])
	}
}

// TestNotEmulated: a method without a handler (every catalogued one has
// one; this one is the platform's, not catalogued) is 9000, never a success.
func TestNotEmulated(t *testing.T) {
	_, serr := newTest().Handle(context.Background(), Request{SysID: "a", Service: "OrderService", Method: "queryModifyGoods"})
	require.NotNil(t, serr)
	assert.Equal(t, "9000", serr.Code)
	assert.Contains(t, serr.Message, "OrderService.queryModifyGoods")
}

// TestConcurrentDuplicates: of many concurrent creations of one bizUserId,
// exactly one succeeds.
func TestConcurrentDuplicates(t *testing.T) {
	e := newTest()
	var wg sync.WaitGroup
	var mu sync.Mutex
	ok := 0
	for range 200 {
		wg.Go(func() {
			if _, serr := e.Handle(context.Background(), create("c", "same")); serr == nil {
				mu.Lock()
				ok++
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	assert.Equal(t, 1, ok)
}

// TestPanicUnlocksTheApplication: a handler that panics leaves its
// application usable, so one bug cannot hang every later call.
func TestPanicUnlocksTheApplication(t *testing.T) {
	e := newTest()
	e.handlers["MemberService.boom"] = func(*app, params) (map[string]any, *soa.Error) { panic("boom") }
	assert.Panics(t, func() {
		_, _ = e.Handle(context.Background(), Request{SysID: "a", Service: "MemberService", Method: "boom"})
	})
	_, serr := e.Handle(context.Background(), create("a", "u1"))
	assert.Nil(t, serr)
}

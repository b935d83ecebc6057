package emulator

import (
	"encoding/json"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/internal/clock"
	"github.com/tsymock/tsymock/internal/ids"
)

// memLog is a Recorder that keeps ops as JSON, as a log on disk would, and
// can be told to fail.
type memLog struct {
	mu   sync.Mutex
	ops  [][]byte
	fail error
	base uint64 // the position of the record before the first, as after a snapshot
}

func (l *memLog) Record(op *Op) (uint64, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.fail != nil {
		return 0, l.fail
	}
	b, err := json.Marshal(op)
	if err != nil {
		return 0, err
	}
	l.ops = append(l.ops, b)
	return l.base + uint64(len(l.ops)), nil
}

func (l *memLog) Wait(uint64) error { return l.Err() }

func (l *memLog) Err() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.fail
}

// replayInto applies the log to a new emulator whose clock and ids differ
// from the recorded ones, as after a restart; opts set what the server was
// started with (its VerificationCode, say).
func (l *memLog) replayInto(t *testing.T, opts ...func(*Config)) *Emulator {
	t.Helper()
	cfg := Config{Clock: clock.NewManual(replayClock()), IDs: ids.NewSeeded(99)}
	for _, o := range opts {
		o(&cfg)
	}
	e := New(cfg)
	for i, b := range l.ops {
		var op Op
		dec := json.NewDecoder(strings.NewReader(string(b)))
		dec.UseNumber() // as the mock decodes req
		require.NoError(t, dec.Decode(&op))
		require.NoError(t, e.Replay(op, uint64(i+1)))
	}
	return e
}

// replayClock is the time of the emulator a log is replayed into: far
// from the original's, which the state must not depend on.
func replayClock() time.Time { return time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC) }

func newKept(l *memLog) *Emulator {
	return New(Config{Clock: clock.NewManual(time.Date(2026, 11, 28, 4, 0, 0, 0, time.UTC)), IDs: ids.NewSeeded(1),
		Recorder: l})
}

// snapshot is everything the views show of an application.
func snapshot(e *Emulator, sysid string) map[string]any {
	return map[string]any{"members": e.Members(sysid), "cards": e.Cards(sysid), "orders": e.Orders(sysid),
		"balances": e.AccountBalances(sysid), "statement": e.Statement(sysid, OwnerPlatform, SetStandard),
		"events": e.PendingEvents(sysid)}
}

// TestReplayRebuildsTheState drives calls, page actions, concurrent random
// orders and a reset, then replays the log into an emulator with another
// clock and id seed: every view is the same.
func TestReplayRebuildsTheState(t *testing.T) {
	l := &memLog{}
	e := newKept(l)
	onboard(t, e, "a", "p1", "6228480000000000001")
	_, err := e.SignContract("a", "p1", "http://127.0.0.1/back")
	require.Nil(t, err)
	require.Nil(t, e.SetPayPwd("a", "p1", "123456", "http://127.0.0.1/back"))
	assert.Equal(t, "20010", errCode(e.CheckPayPwd("a", "p1", "000000")), "a wrong password counts")
	require.Nil(t, oldPageFailure(e, "a", "p1", "http://127.0.0.1/b", "30043", "x"))
	onboard(t, e, "gone", "p2", "6228480000000000002")
	require.NoError(t, e.Reset("gone"))
	onboard(t, e, "gone", "p3", "6228480000000000003")

	users := []string{"u0", "u1", "u2", "u3"}
	funded(t, e, 10_000, users...)
	ok(t, e, "consumeApply", strings.Replace(consume("u0", "u1", "pend", 300, 0, ""), `"source":1`, `"source":1,"validateType":1`, 1))
	ok(t, e, "consumeApply", strings.Replace(consume("u0", "u1", "fail", 300, 0, ""), `"source":1`, `"source":1,"validateType":1`, 1))
	_, serr := e.ConfirmOrder("app", "pend")
	require.Nil(t, serr)
	_, serr = e.FailOrder("app", "fail", "card declined")
	require.Nil(t, serr)
	randomLoad(t, e, users, 4, 50)

	r := l.replayInto(t)
	for _, sysid := range []string{"a", "app", "gone"} {
		assert.Equal(t, snapshot(e, sysid), snapshot(r, sysid), sysid)
	}
	assert.Equal(t, e.StateApps(), r.StateApps())
	assert.Equal(t, "20010", errCode(r.CheckPayPwd("a", "p1", "000000")), "the password and its count survive")
}

// TestReplayedIDsContinue: a seeded id source stands after a replay where it
// stood before, so ids drawn after a restart are new.
func TestReplayedIDsContinue(t *testing.T) {
	l := &memLog{}
	e := newKept(l)
	funded(t, e, 100, "u0", "u1")
	r := New(Config{IDs: ids.NewSeeded(1)})
	for i, b := range l.ops {
		var op Op
		require.NoError(t, json.Unmarshal(b, &op))
		require.NoError(t, r.Replay(op, uint64(i+1)))
	}
	next := ok(t, e, "createMember", `{"bizUserId":"n","memberType":3,"source":1}`)
	again, serr := r.Handle(t.Context(), create("app", "n"))
	require.Nil(t, serr)
	assert.Equal(t, next["userId"], again["userId"])
}

// TestReplayNamesEventsAndForgetsFinished: events get the keys of their op,
// the same in the replay, and Forget drops the finished ones.
func TestReplayNamesEventsAndForgetsFinished(t *testing.T) {
	l := &memLog{}
	e := newKept(l)
	enterprise(t, e, "a", "c1", "甲")
	enterprise(t, e, "a", "c2", "乙")
	evs := e.PendingEvents("a")
	require.Len(t, evs, 2)
	assert.Regexp(t, `^\d+\.0$`, evs[0].Key)

	r := l.replayInto(t)
	r.Forget(func(key string) bool { return key == evs[0].Key })
	left := r.PendingEvents("a")
	require.Len(t, left, 1)
	assert.Equal(t, evs[1].Key, left[0].Key)
	assert.Equal(t, evs[1].ReturnValue, left[0].ReturnValue)
}

// TestReplayDetectsDivergence: an op whose outcome or draws differ is
// reported, not silently accepted.
func TestReplayDetectsDivergence(t *testing.T) {
	r := New(Config{})
	op := Op{SysID: "a", Kind: OpCall, Name: "MemberService.createMember",
		Param: map[string]any{"bizUserId": "x", "memberType": "3", "source": "1"}, Code: "30000"}
	assert.ErrorContains(t, r.Replay(op, 1), `replayed as ""`)
	assert.ErrorContains(t, r.Replay(Op{SysID: "a", Kind: OpCall, Name: "Nope.nope"}, 2), "unknown op")
	assert.ErrorContains(t, r.Replay(Op{SysID: "a", Kind: OpPage, Name: "nope"}, 3), "unknown op")
}

// TestFailedLogAnswers9200: a change the log cannot keep is answered 9200
// and every later change is refused before it runs.
func TestFailedLogAnswers9200(t *testing.T) {
	l := &memLog{}
	e := newKept(l)
	ok(t, e, "createMember", `{"bizUserId":"u0","memberType":3,"source":1}`)
	l.fail = errors.New("write /d/tsymock.wal: no space left on device")
	_, serr := do(t, e, "createMember", `{"bizUserId":"u1","memberType":3,"source":1}`)
	require.NotNil(t, serr)
	assert.Equal(t, "9200", serr.Code)
	assert.Contains(t, serr.Message, "no space left on device")
	assert.Equal(t, "9200", errCode(e.SetPayPwd("app", "u0", "123456", "")))
	assert.ErrorContains(t, e.Reset(""), "no space left")
	assert.Len(t, l.ops, 1, "nothing after the failure is kept")
}

// TestReadsChangeNothing: the methods that are not written ahead leave the
// state as it was, and are not logged once the application is funded.
func TestReadsChangeNothing(t *testing.T) {
	l := &memLog{}
	e := newKept(l)
	onboard(t, e, "app", "p1", "6228480000000000001")
	funded(t, e, 1000, "u0", "u1")
	ok(t, e, "consumeApply", consume("u0", "u1", "c1", 100, 0, `{"bizUserId":"u1","amount":10}`))
	ok(t, e, "agentCollectApply", collect("u0", "u1", "col1", 100))
	ok(t, e, "entryGoods", `{"bizUserId":"u0","goodsType":99,"bizGoodsNo":"g1","goodsName":"goods"}`)
	calls := map[string]map[string]any{
		"OrderService.queryGoods":                   {"bizUserId": "u0", "bizGoodsNo": "g1"},
		"OrderService.getOrderSplitRuleListDetail":  {"bizOrderNo": "c1"},
		"OrderService.getPaymentInformationDetail":  {"bizOrderNo": "col1"},
		"OrderService.getPayeeFundsInTransitDetail": {"bizUserId": "u1", "dateStart": "2026-11-28", "dateEnd": "2026-11-28"},
		"MerchantService.queryBankBalance":          {"acctOrgType": 3, "acctNo": "1", "acctName": "n", "date": "20261127"},
		"MemberService.getMemberInfo":               {"bizUserId": "p1"},
		"MemberService.getBankCardBin":              {"cardNo": "6228480000000000001"},
		"MemberService.queryBankCard":               {"bizUserId": "p1"},
		"OrderService.queryBalance":                 {"bizUserId": "u0", "accountSetNo": "200126"},
		"OrderService.getOrderDetail":               {"bizOrderNo": "c1"},
		"OrderService.queryInExpDetail":             {"bizUserId": "u0", "accountSetNo": "200126", "dateStart": "2026-11-01", "dateEnd": "2026-11-30", "startPosition": 1, "queryNum": 10},
		"MerchantService.queryMerchantBalance":      {"accountSetNo": "100001"},
		"MerchantService.queryReserveFundBalance":   {},
		"MerchantService.getCheckAccountFile":       {"date": "20261128"},
	}
	for name, param := range calls {
		require.True(t, reads(name), name)
		before, logged := snapshot(e, "app"), len(l.ops)
		service, method, _ := strings.Cut(name, ".")
		_, serr := e.Handle(t.Context(), Request{SysID: "app", Service: service, Method: method, Param: param})
		require.Nil(t, serr, name)
		assert.Equal(t, before, snapshot(e, "app"), name)
		assert.Equal(t, logged, len(l.ops), name)
	}
	logged := len(l.ops)
	_, _ = e.Handle(t.Context(), Request{SysID: "fresh", Service: "OrderService", Method: "queryBalance",
		Param: map[string]any{"bizUserId": "u0", "accountSetNo": "200126"}})
	assert.Len(t, l.ops, logged+1, "an application's first call is logged: it posts the starting funds")
}

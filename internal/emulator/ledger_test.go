package emulator

import (
	"math/rand/v2"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func acct200126(owner string) Account { return Account{Owner: owner, Set: "200126"} }

func TestLedgerPostAllOrNothing(t *testing.T) {
	l := newLedger()
	at := time.Date(2026, 11, 28, 4, 0, 0, 0, time.UTC)
	require.NoError(t, l.post(at, Ref{OrderNo: "d1"}, Leg{acct200126(OwnerOutside), acct200126("u1"), 100}))
	err := l.post(at, Ref{OrderNo: "c1"},
		Leg{acct200126("u1"), acct200126("u2"), 60},
		Leg{acct200126("u1"), acct200126(OwnerPlatform), 60})
	require.ErrorIs(t, err, ErrInsufficient)
	assert.Equal(t, int64(100), l.available("u1", "200126"), "nothing was applied")
	assert.Equal(t, int64(0), l.available("u2", "200126"))
	require.Error(t, l.post(at, Ref{}, Leg{acct200126("u1"), acct200126("u2"), -1}))
}

func TestLedgerStatement(t *testing.T) {
	l := newLedger()
	t0 := time.Date(2026, 11, 28, 4, 0, 0, 0, time.UTC)
	frozen := Account{Owner: "u1", Set: "200126", Frozen: true}
	require.NoError(t, l.post(t0, Ref{OrderNo: "d1"}, Leg{acct200126(OwnerOutside), acct200126("u1"), 500}))
	require.NoError(t, l.post(t0.Add(time.Hour), Ref{OrderNo: "f1"}, Leg{acct200126("u1"), frozen, 200}))
	require.NoError(t, l.post(t0.Add(2*time.Hour), Ref{OrderNo: "c1"}, Leg{acct200126("u1"), acct200126("u2"), 100}))

	lines := l.statement("u1", "200126", t0, t0.Add(24*time.Hour))
	require.Len(t, lines, 3)
	assert.Equal(t, Line{Seq: 1, At: t0, Ref: Ref{OrderNo: "d1"}, Leg: Leg{acct200126(OwnerOutside), acct200126("u1"), 500},
		Before: 0, After: 500, Change: 500}, lines[0])
	assert.Equal(t, Line{Seq: 2, At: t0.Add(time.Hour), Ref: Ref{OrderNo: "f1"}, Leg: Leg{acct200126("u1"), frozen, 200},
		Before: 500, After: 500, Change: 0, FrozenThen: 200}, lines[1])
	assert.Equal(t, Line{Seq: 3, At: t0.Add(2 * time.Hour), Ref: Ref{OrderNo: "c1"}, Leg: Leg{acct200126("u1"), acct200126("u2"), 100},
		Before: 500, After: 400, Change: -100, FrozenThen: 200}, lines[2])
	assert.Equal(t, Balances{All: 400, Frozen: 200}, l.owned("u1", "200126"))
	assert.Len(t, l.statement("u1", "200126", t0.Add(time.Hour), t0.Add(2*time.Hour)), 1, "from is inclusive, to exclusive")
}

// TestLedgerConservation: after many random movements, no account but
// outside is negative and the book sums to zero.
func TestLedgerConservation(t *testing.T) {
	l := newLedger()
	r := rand.New(rand.NewPCG(1, 2))
	owners := []string{OwnerOutside, OwnerPlatform, OwnerEscrow, "a", "b", "c"}
	at := time.Date(2026, 11, 28, 4, 0, 0, 0, time.UTC)
	for range 5000 {
		from, to := acct200126(owners[r.IntN(len(owners))]), acct200126(owners[r.IntN(len(owners))])
		to.Frozen = r.IntN(4) == 0 && to.Owner != OwnerOutside
		_ = l.post(at, Ref{}, Leg{from, to, int64(r.IntN(1000))})
	}
	var sum int64
	for a, b := range l.balances {
		sum += b
		if a.Owner != OwnerOutside {
			assert.GreaterOrEqual(t, b, int64(0), "%v", a)
		}
	}
	assert.Equal(t, int64(0), sum)
	assert.Equal(t, -l.balances[acct200126(OwnerOutside)], l.total())
}

// TestLedgerStatementLinePerEntry: each entry is a line of its own, an
// order's movements apart as the platform lists them (spec §5.3's worked
// example), each with a tradeNo of its own: the posting's number and the
// entry's place in it (§5.12 tradeNo); a freeze's has none.
func TestLedgerStatementLinePerEntry(t *testing.T) {
	l := newLedger()
	t0 := time.Date(2026, 11, 28, 4, 0, 0, 0, time.UTC)
	frozen := Account{Owner: "u1", Set: "200126", Frozen: true}
	fees := Account{Owner: OwnerPlatform, Set: "100001"}
	d1 := Ref{OrderNo: "d1", TradeNo: "d1"}
	require.NoError(t, l.post(t0, d1, Leg{acct200126(OwnerOutside), acct200126("u1"), 500}))
	c1 := Ref{OrderNo: "c1", BizOrderNo: "c1", TradeNo: "c1"}
	pay, fee, split := Leg{acct200126("u1"), acct200126("u2"), 100}, Leg{acct200126("u2"), fees, 3}, Leg{acct200126("u2"), acct200126("u3"), 40}
	require.NoError(t, l.post(t0, c1, pay, fee, split))
	freeze, unfreeze := Leg{acct200126("u1"), frozen, 100}, Leg{frozen, acct200126("u1"), 100}
	require.NoError(t, l.post(t0, Ref{BizOrderNo: "f1"}, freeze))
	require.NoError(t, l.post(t0, Ref{BizOrderNo: "f1"}, unfreeze))

	end := t0.Add(time.Hour)
	assert.Equal(t, []Line{
		{Seq: 1, At: t0, Ref: d1, Leg: Leg{acct200126(OwnerOutside), acct200126("u1"), 500}, TradeNo: "d1001", Before: 0, After: 500, Change: 500},
		{Seq: 2, At: t0, Ref: c1, Leg: pay, TradeNo: "c1001", Before: 500, After: 400, Change: -100},
		{Seq: 5, At: t0, Ref: Ref{BizOrderNo: "f1"}, Leg: freeze, Before: 400, After: 400, FrozenThen: 100},
		{Seq: 6, At: t0, Ref: Ref{BizOrderNo: "f1"}, Leg: unfreeze, Before: 400, After: 400},
	}, l.statement("u1", "200126", t0, end))
	assert.Equal(t, []Line{
		{Seq: 2, At: t0, Ref: c1, Leg: pay, TradeNo: "c1001", Before: 0, After: 100, Change: 100},
		{Seq: 3, At: t0, Ref: c1, Leg: fee, TradeNo: "c1002", Before: 100, After: 97, Change: -3},
		{Seq: 4, At: t0, Ref: c1, Leg: split, TradeNo: "c1003", Before: 97, After: 57, Change: -40},
	}, l.statement("u2", "200126", t0, end), "the receiver gets the amount, then pays the fee and the split")
	assert.Equal(t, []Line{{Seq: 3, At: t0, Ref: c1, Leg: fee, TradeNo: "c1002", Before: 0, After: 3, Change: 3}},
		l.statement(OwnerPlatform, "100001", t0, end))
}

package emulator

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestIntermediateSetStatement: the platform's statement in 100004 (中间账户集
// A, where collections wait, §6.17) explains queryMerchantBalance's sum of
// it: a collection in, its fee and a payout out, each line's oriAmount the
// line before's curAmount, the newest's curAmount the balance (probe-U
// found a balance of 2000 with no line behind it). The platform's
// statement without accountSetNo has them too (§4.2.20: 所有标准账户集, and
// §6.17's table of standard sets holds 100004).
func TestIntermediateSetStatement(t *testing.T) {
	e := feeTest(t)
	ok(t, e, "agentCollectApply", collectFee("k1", 3000, 100))
	ok(t, e, "signalAgentPay", payout("shop", "p1", "k1", 900))
	bal := ok(t, e, "queryMerchantBalance", `{"accountSetNo":"100004"}`)
	require.Equal(t, int64(2000), bal["allAmount"])

	query := func(set string) []map[string]any {
		v := ok(t, e, "queryInExpDetail", `{"bizUserId":"#yunBizUserId_B2C#",`+set+`"dateStart":"2026-11-28",`+
			`"dateEnd":"2026-11-28","startPosition":1,"queryNum":100}`)
		var out []map[string]any
		for _, l := range v["inExpDetail"].([]any) {
			if l := l.(map[string]any); l["accountSetName"] == "中间账户集A" {
				out = append(out, l)
			}
		}
		return out
	}
	for name, set := range map[string]string{"accountSetNo 100004": `"accountSetNo":"100004",`, "every standard set": ""} {
		t.Run(name, func(t *testing.T) {
			lines := query(set)
			require.Len(t, lines, 3, "the collection, its fee, the payout")
			assert.Equal(t, int64(2000), lines[0]["curAmount"], "newest first: the balance")
			var changes []any
			for i := len(lines) - 1; i >= 0; i-- { // oldest first
				changes = append(changes, lines[i]["chgAmount"])
				if i < len(lines)-1 {
					assert.Equal(t, lines[i+1]["curAmount"], lines[i]["oriAmount"], "a running balance")
				}
			}
			assert.Equal(t, []any{int64(3000), int64(-100), int64(-900)}, changes)
		})
	}
}

// TestMergedLines: holdings shown as one have one line per entry, its
// change their sum (a move between them changes nothing), balances their
// sum from the first entry on, whatever range is asked.
func TestMergedLines(t *testing.T) {
	l := newLedger()
	day := func(d int) time.Time { return time.Date(2026, 11, d, 4, 0, 0, 0, time.UTC) }
	out, a, b := Account{Owner: OwnerOutside, Set: "x"}, Account{Owner: "p", Set: "s"}, Account{Owner: "q", Set: "t"}
	require.NoError(t, l.post(day(1), Ref{OrderNo: "1"}, Leg{out, a, 100}))
	require.NoError(t, l.post(day(2), Ref{OrderNo: "2"}, Leg{out, b, 50}))
	require.NoError(t, l.post(day(3), Ref{OrderNo: "3"}, Leg{a, b, 30}))
	require.NoError(t, l.post(day(4), Ref{OrderNo: "4"}, Leg{b, out, 20}))
	holdings := [][2]string{{"p", "s"}, {"q", "t"}}
	type row struct{ before, change, after int64 }
	rows := func(from, to time.Time) []row {
		var got []row
		for _, line := range l.merged(holdings, from, to) {
			got = append(got, row{line.Before, line.Change, line.After})
		}
		return got
	}
	assert.Equal(t, []row{{0, 100, 100}, {100, 50, 150}, {150, 0, 150}, {150, -20, 130}}, rows(day(1), day(5)))
	assert.Equal(t, []row{{150, 0, 150}}, rows(day(3), day(4)), "a range inside: balances from the start")
}

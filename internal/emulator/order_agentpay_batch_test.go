package emulator

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// batchOf is a batchAgentPay of items (payout JSON objects) as batch bizBatchNo.
func batchOf(batch string, items ...string) string {
	return fmt.Sprintf(`{"bizBatchNo":%q,"tradeCode":"4001","batchPayList":[%s]}`, batch, strings.Join(items, ","))
}

// TestBatchRefusesATakenBizOrderNo: an item whose bizOrderNo an order has
// already, or an earlier item of the batch, refuses the whole batch with
// 40017 (订单已经存在, spec §7) naming the item, before any item is paid,
// and leaves bizBatchNo free for the batch sent again: such an item could
// be neither paid nor failed, where §3.7 (每个托管代付订单分别通知, l.1040) and
// §4.2.7 note 3 (每笔托管代付订单是否成功，以异步通知为准, l.6527) promise each
// item its notification.
func TestBatchRefusesATakenBizOrderNo(t *testing.T) {
	tests := []struct {
		name  string
		items []string
		says  []string
	}{
		{"an order's bizOrderNo", []string{payout("shop", "p1", "k1", 500), payout("shop", "k2", "k2", 500)},
			[]string{`batchPayList[1] bizOrderNo "k2" is an order already`, `batch "B"`}},
		{"twice in the batch", []string{payout("shop", "p1", "k1", 500), payout("shop", "p1", "k2", 500)},
			[]string{`batchPayList[1] bizOrderNo "p1" is batchPayList[0]'s too`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newTest()
			market(t, e)
			ok(t, e, "agentCollectApply", collect("buyer", "shop", "k1", 500))
			ok(t, e, "agentCollectApply", collect("buyer", "shop", "k2", 500))
			orders, events := len(e.Orders("app")), len(e.PendingEvents("app"))
			out := call(t, e, "OrderService", "batchAgentPay", batchOf("B", tt.items...))
			require.True(t, refused(t, out, "40017", tt.says...))
			assert.Len(t, e.Orders("app"), orders, "no item paid nor recorded")
			assert.Len(t, e.PendingEvents("app"), events, "nothing notified")
			all, _ := balance(t, e, "shop")
			assert.Zero(t, all)

			ok(t, e, "batchAgentPay", batchOf("B", payout("shop", "p1", "k1", 500), payout("shop", "p2", "k2", 500)))
			all, _ = balance(t, e, "shop")
			assert.Equal(t, int64(1000), all, "the batch sent again, fixed, with the same bizBatchNo")
			for _, no := range []string{"p1", "p2"} {
				assert.Equal(t, statusSucceeded, orderView(t, e, no).Status)
				assert.Len(t, orderEvents(e, no), 1)
			}
		})
	}
}

// TestBatchTakenItemLogReplaysAsAnswered: before RulesDec2026c an item
// whose bizOrderNo was taken was skipped (no order, no notification) and
// the batch answered OK; a log of then replays so.
func TestBatchTakenItemLogReplaysAsAnswered(t *testing.T) {
	l := &memLog{}
	old := newKept(l)
	old.answerAs = RulesDec2026b
	market(t, old)
	ok(t, old, "agentCollectApply", collect("buyer", "shop", "k1", 500))
	ok(t, old, "agentCollectApply", collect("buyer", "shop", "k2", 500))
	events := len(old.PendingEvents("app"))
	ok(t, old, "batchAgentPay", batchOf("B", payout("shop", "p1", "k1", 500), payout("shop", "p1", "k2", 500),
		payout("shop", "k2", "k2", 500)))
	all, _ := balance(t, old, "shop")
	assert.Equal(t, int64(500), all, "then the first p1 paid, the second p1 and k2 skipped")
	assert.Len(t, old.PendingEvents("app"), events+1, "p1's notification only")
	r := l.replayInto(t) // fails on a divergence
	sameState(t, old, r, "replayed")
}

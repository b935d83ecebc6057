package emulator

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/internal/soa"
)

// fuzzedOrderMethods are the methods FuzzOrderCalls sends its param to.
var fuzzedOrderMethods = []string{"depositApply", "consumeApply", "agentCollectApply", "signalAgentPay",
	"batchAgentPay", "withdrawApply", "refund", "applicationTransfer", "freezeMoney", "unfreezeMoney", "pay"}

// FuzzOrderCalls: whatever param an order method gets past the catalogue's
// checks (as on the wire), the emulator answers without panicking, and
// the book stays whole: no account but outside below zero, the accounts
// summing to zero (money comes from outside and goes back there only).
// A market with a collection k1 and a consumption c0 gives refunds and
// payouts something to act on.
func FuzzOrderCalls(f *testing.F) {
	for i, seed := range []string{
		consume("buyer", "shop", "c1", 100, 10, `{"bizUserId":"shop","amount":50,"fee":1,"splitRuleList":[{"bizUserId":"shop","amount":9,"fee":0}]}`),
		collectFor("buyer", "k2", 100, 0, `{"bizUserId":"shop","amount":100}`),
		payout("shop", "p1", "k1", 60),
		`{"bizBatchNo":"b1","batchPayList":[` + payout("shop", "p2", "k1", 40) + `],"goodsType":99,"bizGoodsNo":"g","tradeCode":"4001"}`,
		`{"bizOrderNo":"r1","oriBizOrderNo":"c0","bizUserId":"buyer","amount":50,"feeAmount":0}`,
		orderParams("depositApply", "buyer", "d1", 100, `{"QUICKPAY_VSP":{`+card+`,"amount":100}}`, `"validateType":0,`),
		`{"bizTransferNo":"t1","sourceAccountSetNo":"100001","targetBizUserId":"shop","targetAccountSetNo":"200126","amount":7}`,
		`{"bizFreezenNo":"f1","bizUserId":"buyer","accountSetNo":"200126","amount":30}`,
	} {
		f.Add(uint8(i%len(fuzzedOrderMethods)), seed)
	}
	catalogue := soa.DefaultCatalogue()
	f.Fuzz(func(t *testing.T, which uint8, param string) {
		method := fuzzedOrderMethods[int(which)%len(fuzzedOrderMethods)]
		p, valid := validParam(t, catalogue, "OrderService", method, param)
		if !valid {
			return
		}
		e := newTest()
		market(t, e)
		ok(t, e, "agentCollectApply", collectFor("buyer", "k1", 100, 0, `{"bizUserId":"shop","amount":100}`))
		ok(t, e, "consumeApply", consume("buyer", "shop", "c0", 100, 0, ""))
		e.Call(context.Background(), Request{SysID: "app", Service: "OrderService", Method: method, Param: p})
		assertBalanced(t, e)
	})
}

// validParam decodes a fuzzed param as the server does (numbers kept as
// json.Number) and reports whether the catalogue lets it through to the
// emulator.
func validParam(t *testing.T, c *soa.Catalogue, service, method, param string) (map[string]any, bool) {
	p := map[string]any{}
	dec := json.NewDecoder(strings.NewReader(param))
	dec.UseNumber()
	if dec.Decode(&p) != nil {
		return nil, false
	}
	m, serr := c.Lookup(service, method)
	require.Nil(t, serr)
	return p, m.Validate(p) == nil
}

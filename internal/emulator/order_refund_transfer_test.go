package emulator

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// transferRefund is a refund of applicationTransfer ori; extra is spliced
// in before the closing brace.
func transferRefund(no, ori, bizUserID string, amount int64, extra string) string {
	return fmt.Sprintf(`{"bizOrderNo":%q,"oriBizOrderNo":%q,"bizUserId":%q,"amount":%d,"backUrl":"http://127.0.0.1/n"%s}`,
		no, ori, bizUserID, amount, extra)
}

// platformFunds is the platform's balance in its standard set 100001,
// where funded's transfers come from.
func platformFunds(t *testing.T, e *Emulator) int64 {
	t.Helper()
	return ok(t, e, "queryMerchantBalance", `{"accountSetNo":"100001"}`)["allAmount"].(int64)
}

// TestRefundOfApplicationTransfer: spec §4.2.16 note 1 refunds platform
// transfers; the refund names the platform as bizUserId (the refund
// table: 如果是平台，参数值为 #yunBizUserId_B2C#) and takes the money back from
// the member's account to the platform's set, wholly or in parts.
func TestRefundOfApplicationTransfer(t *testing.T) {
	tests := []struct {
		name     string
		refunds  []string // refunds of fund-m (m was given 1000), in turn; the last is checked
		code     string   // of the last; "" for success
		says     string
		memberTo int64 // m's balance after them all
	}{
		{"whole", []string{transferRefund("r", "fund-m", OwnerPlatform, 1000, "")}, "", "", 0},
		{"in parts", []string{transferRefund("r1", "fund-m", OwnerPlatform, 400, `,"refundType":"D0"`),
			transferRefund("r", "fund-m", OwnerPlatform, 600, "")}, "", "", 0},
		{"more than is left", []string{transferRefund("r1", "fund-m", OwnerPlatform, 400, ""),
			transferRefund("r", "fund-m", OwnerPlatform, 601, "")}, "40020", "exceeds the 600 left", 600},
		{"the member as bizUserId", []string{transferRefund("r", "fund-m", "m", 100, "")}, "40022", OwnerPlatform, 1000},
		{"a fee to give back", []string{transferRefund("r", "fund-m", OwnerPlatform, 100, `,"feeAmount":1`)}, "40020", "no fee", 1000},
		{"a coupon to give back", []string{transferRefund("r", "fund-m", OwnerPlatform, 100, `,"couponAmount":1`)}, "40020", "no coupon", 1000},
		{"a refundType of neither D0 nor D1", []string{transferRefund("r", "fund-m", OwnerPlatform, 100, `,"refundType":"T1"`)}, "40023", "D0", 1000},
		{"an unknown transfer", []string{transferRefund("r", "fund-x", OwnerPlatform, 100, "")}, "40000", "fund-x", 1000},
		{"a bizOrderNo used before", []string{transferRefund("r", "fund-m", OwnerPlatform, 100, ""),
			transferRefund("r", "fund-m", OwnerPlatform, 100, "")}, "40017", "", 900},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newTest()
			funded(t, e, 1000, "m")
			platform := platformFunds(t, e)
			var serr error
			for i, r := range tt.refunds {
				_, s := do(t, e, "refund", r)
				if i < len(tt.refunds)-1 {
					require.Nil(t, s, r)
				} else if s != nil {
					serr = s
					assert.Equal(t, tt.code, s.Code, s.Message)
					assert.Contains(t, s.Message, tt.says)
				}
			}
			if tt.code != "" {
				require.Error(t, serr, "the last refund must fail with %s", tt.code)
			} else {
				require.NoError(t, serr)
			}
			all, _ := balance(t, e, "m")
			assert.Equal(t, tt.memberTo, all)
			assert.Equal(t, platform+1000-tt.memberTo, platformFunds(t, e), "the money goes back to the set it came from")
		})
	}
}

// TestRefundOfApplicationTransferAnswers: the refund answers, is queried
// and notified as any refund, with the transfer's transferNo and
// bizTransferNo as its original (spec §4.2.16, §4.2.19, §4.2.15), to the
// balance; a member short of the money refuses it (40014).
func TestRefundOfApplicationTransferAnswers(t *testing.T) {
	e := newTest()
	funded(t, e, 0, "m", "shop")
	realNamed(t, e, "shop")
	transfer := `{"bizTransferNo":%q,"sourceAccountSetNo":"100001","targetBizUserId":"m","targetAccountSetNo":"200126","amount":%d}`
	transferNo := ok(t, e, "applicationTransfer", fmt.Sprintf(transfer, "t1", 1000))["transferNo"]
	got := ok(t, e, "refund", transferRefund("r", "t1", OwnerPlatform, 300, `,"extendInfo":"back"`))
	assert.Equal(t, map[string]any{"payStatus": "success", "orderNo": got["orderNo"], "bizOrderNo": "r",
		"amount": int64(300), "couponAmount": int64(0), "feeAmount": int64(0), "extendInfo": "back"}, got)

	detail := ok(t, e, "getOrderDetail", `{"bizOrderNo":"r"}`)
	assert.Equal(t, transferNo, detail["oriOrderNo"])
	assert.Equal(t, "t1", detail["oriBizOrderNo"])
	assert.Equal(t, statusSucceeded, detail["orderStatus"])
	assert.EqualValues(t, toBalance, detail["refundWhereabouts"])
	assert.NotEqual(t, OwnerPlatform, detail["buyerBizUserId"], "the platform is shown by its uuid (spec §4.2.19)")

	evs := orderEvents(e, "r")
	require.Len(t, evs, 1)
	assert.Equal(t, "t1", evs[0].ReturnValue["oriBizOrderNo"])
	assert.Equal(t, transferNo, evs[0].ReturnValue["oriOrderNo"])
	assert.Equal(t, "t1", orderView(t, e, "r").Original)
	line := fileLineOf(t, e, "r")
	assert.Equal(t, []string{"退款", transferNo.(string), "t1", transferPayMethod},
		[]string{line.kind, line.oriOrderNo, line.oriBizOrderNo, line.payMethod}, "the reconciliation file's line (spec §4.3.2)")

	ok(t, e, "applicationTransfer", fmt.Sprintf(transfer, "t2", 50))
	ok(t, e, "consumeApply", consume("m", "shop", "c", 750, 0, "")) // m spends all it has
	_, serr := do(t, e, "refund", transferRefund("r2", "t2", OwnerPlatform, 50, ""))
	require.NotNil(t, serr, "m has nothing left to give back")
	assert.Equal(t, "40014", serr.Code)
}

// fileLineOf is the reconciliation file's line of bizOrderNo.
func fileLineOf(t *testing.T, e *Emulator, bizOrderNo string) checkLine {
	t.Helper()
	a := e.find("app")
	defer a.mu.Unlock()
	for _, l := range a.checkLines(time.Time{}, time.Date(3000, 1, 1, 0, 0, 0, 0, time.UTC)) {
		if l.bizOrderNo == bizOrderNo {
			return l
		}
	}
	require.Failf(t, "no line", "bizOrderNo %s", bizOrderNo)
	return checkLine{}
}

package emulator

import (
	"context"
	"encoding/json"
	"fmt"
	"hash/crc32"
	"math/rand/v2"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/internal/soa"
)

// do calls a method of application "app" with params written as JSON, as
// the mock would hand them over (numbers as json.Number).
func do(t testing.TB, e *Emulator, method, param string) (map[string]any, *soa.Error) {
	t.Helper()
	p := map[string]any{}
	dec := json.NewDecoder(strings.NewReader(param))
	dec.UseNumber()
	require.NoError(t, dec.Decode(&p), param)
	service := "OrderService"
	if method == "createMember" || method == "lockMember" || method == "bindPhone" || method == "sendVerificationCode" {
		service = "MemberService"
	}
	if method == "queryMerchantBalance" || method == "queryBankBalance" {
		service = "MerchantService"
	}
	return e.Handle(context.Background(), Request{SysID: "app", Service: service, Method: method, Param: p})
}

func ok(t testing.TB, e *Emulator, method, param string) map[string]any {
	t.Helper()
	v, serr := do(t, e, method, param)
	require.Nil(t, serr, "%s %s", method, param)
	return v
}

// refused checks an outcome: a success when code is "" (false), else an
// error of code whose message says each of says (true: the caller checks
// that nothing was kept).
func refused(t *testing.T, out Outcome, code string, says ...string) bool {
	t.Helper()
	if code == "" {
		require.Nil(t, out.Err, "%v", out.Err)
		return false
	}
	require.NotNil(t, out.Err)
	assert.Equal(t, code, out.Err.Code)
	for _, s := range says {
		assert.Contains(t, out.Err.Message, s)
	}
	return true
}

func code(t testing.TB, e *Emulator, method, param string) string {
	t.Helper()
	_, serr := do(t, e, method, param)
	require.NotNil(t, serr, "%s %s must fail", method, param)
	return serr.Code
}

// funded creates members and gives each amount fen in 200126 from the
// platform's funds.
func funded(t testing.TB, e *Emulator, amount int64, ids ...string) {
	t.Helper()
	for _, id := range ids {
		ok(t, e, "createMember", fmt.Sprintf(`{"bizUserId":%q,"memberType":3,"source":1}`, id))
		// a member makes orders once its phone is bound (spec §4.2.1 三 note)
		phone := fmt.Sprintf("139%08d", crc32.ChecksumIEEE([]byte(id))%100_000_000)
		ok(t, e, "sendVerificationCode", fmt.Sprintf(`{"bizUserId":%q,"phone":%q,"verificationCodeType":9}`, id, phone))
		ok(t, e, "bindPhone", fmt.Sprintf(`{"bizUserId":%q,"phone":%q,"verificationCode":"111111"}`, id, phone))
		if amount > 0 {
			ok(t, e, "applicationTransfer", fmt.Sprintf(`{"bizTransferNo":"fund-%s","sourceAccountSetNo":"100001","targetBizUserId":%q,"targetAccountSetNo":"200126","amount":%d}`, id, id, amount))
		}
	}
}

// realNamed real-names members, as receivers must be (spec §4.2.4 note 3).
func realNamed(t *testing.T, e *Emulator, ids ...string) {
	t.Helper()
	for _, id := range ids {
		_, serr := memberCall(t, e, "app", "setRealName", map[string]any{"bizUserId": id, "name": "李四", "identityType": 1,
			"identityNo": "11010119900307803X"})
		require.Nil(t, serr, "setRealName %s: %v", id, serr)
	}
}

func balance(t testing.TB, e *Emulator, id string) (all, frozen int64) {
	t.Helper()
	v := ok(t, e, "queryBalance", fmt.Sprintf(`{"bizUserId":%q,"accountSetNo":"200126"}`, id))
	return v["allAmount"].(int64), v["freezenAmount"].(int64)
}

// consume is a balance consumption completed at once (validateType 0; left
// out, it would wait for pay with the SMS code, spec §4.2.4).
func consume(payer, receiver, no string, amount, fee int64, splits string) string {
	return fmt.Sprintf(`{"validateType":0,"payerId":%q,"recieverId":%q,"bizOrderNo":%q,"amount":%d,"fee":%d,"backUrl":"http://127.0.0.1/n","splitRule":[%s],"payMethod":{"BALANCE":[{"accountSetNo":"200126","amount":%d}]},"industryCode":"1910","industryName":"其他","source":1}`,
		payer, receiver, no, amount, fee, splits, amount)
}

func TestConsumeWithSplit(t *testing.T) {
	e := newTest()
	funded(t, e, 1000, "buyer")
	funded(t, e, 0, "shop", "agent")
	v := ok(t, e, "consumeApply", consume("buyer", "shop", "c1", 600, 10, `{"bizUserId":"agent","amount":100,"fee":5}`))
	assert.Equal(t, "success", v["payStatus"])
	all, _ := balance(t, e, "buyer")
	assert.Equal(t, int64(400), all)
	all, _ = balance(t, e, "agent")
	assert.Equal(t, int64(95), all)
	all, _ = balance(t, e, "shop")
	assert.Equal(t, int64(600-10-100), all)
	assert.Equal(t, "40017", code(t, e, "consumeApply", consume("buyer", "shop", "c1", 1, 0, "")))
	assert.Equal(t, "40014", code(t, e, "consumeApply", consume("buyer", "shop", "c2", 401, 0, "")))
	assert.Equal(t, "40016", code(t, e, "consumeApply", consume("buyer", "shop", "c3", 10, 11, "")))
	assert.Equal(t, "30058", code(t, e, "consumeApply", consume("buyer", "nobody", "c4", 10, 0, "")))
	ok(t, e, "consumeApply", consume("buyer", "shop", "c2", 400, 0, "")) // c2 was refused, so it is free
}

// TestConcurrentOrdersAgainstBalance: of N concurrent orders against a
// balance that covers K of them, exactly K succeed.
func TestConcurrentOrdersAgainstBalance(t *testing.T) {
	e := newTest()
	funded(t, e, 700, "buyer")
	funded(t, e, 0, "shop")
	var succeeded atomic.Int64
	var wg sync.WaitGroup
	for i := range 50 {
		wg.Go(func() {
			if _, serr := do(t, e, "consumeApply", consume("buyer", "shop", fmt.Sprint("k", i), 100, 0, "")); serr == nil {
				succeeded.Add(1)
			} else {
				assert.Equal(t, "40014", serr.Code)
			}
		})
	}
	wg.Wait()
	assert.Equal(t, int64(7), succeeded.Load())
	all, _ := balance(t, e, "buyer")
	assert.Equal(t, int64(0), all)
}

// TestMoneyConserved runs thousands of random operations from many
// goroutines; afterwards no balance is negative and the ledger's total
// equals what entered minus what left.
func TestMoneyConserved(t *testing.T) {
	e := newTest()
	users := []string{"u0", "u1", "u2", "u3", "u4"}
	funded(t, e, 10_000, users...)
	randomLoad(t, e, users, 8, 400)
	a := e.app("app")
	a.mu.Lock()
	defer a.mu.Unlock()
	for acc, b := range a.book.ledger.balances {
		if acc.Owner != OwnerOutside {
			assert.GreaterOrEqual(t, b, int64(0), "%v", acc)
		}
	}
	outside := int64(0)
	for _, set := range a.sets {
		outside -= a.book.ledger.balances[Account{Owner: OwnerOutside, Set: set}]
	}
	assert.Equal(t, outside, a.book.ledger.total())
}

// randomLoad runs n random operations in each of workers goroutines.
func randomLoad(t testing.TB, e *Emulator, users []string, workers, n int) {
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			r := rand.New(rand.NewPCG(uint64(w), 7))
			for i := range n {
				randomOperation(t, e, r, users, fmt.Sprintf("w%d-%d", w, i))
			}
		})
	}
	wg.Wait()
}

func randomOperation(t testing.TB, e *Emulator, r *rand.Rand, users []string, no string) {
	u, v := users[r.IntN(len(users))], users[r.IntN(len(users))]
	amount := int64(r.IntN(300) + 1)
	switch r.IntN(4) {
	case 0:
		_, _ = do(t, e, "consumeApply", consume(u, v, no, amount, amount/10, ""))
	case 1:
		_, _ = do(t, e, "freezeMoney", fmt.Sprintf(`{"bizUserId":%q,"bizFreezenNo":%q,"accountSetNo":"200126","amount":%d}`, u, no, amount))
	case 2:
		_, _ = do(t, e, "agentCollectApply", collect(u, v, no, amount))
		_, _ = do(t, e, "signalAgentPay", payout(v, "p"+no, no, amount/2))
	case 3:
		_, _ = do(t, e, "consumeApply", consume(u, v, no, amount, 0, ""))
		_, _ = do(t, e, "refund", fmt.Sprintf(`{"bizOrderNo":"r%s","oriBizOrderNo":%q,"bizUserId":%q,"amount":%d}`, no, no, u, amount/2))
	}
}

// collect is a balance collection completed at once (validateType 0).
func collect(payer, receiver, no string, amount int64) string {
	return fmt.Sprintf(`{"validateType":0,"bizOrderNo":%q,"payerId":%q,"recieverList":[{"bizUserId":%q,"amount":%d}],"tradeCode":"3001","amount":%d,"fee":0,"backUrl":"http://127.0.0.1/n","payMethod":{"BALANCE":[{"accountSetNo":"200126","amount":%d}]},"industryCode":"1910","industryName":"其他","source":1}`,
		no, payer, receiver, amount, amount, amount)
}

func payout(payee, no, collectNo string, amount int64) string {
	return fmt.Sprintf(`{"bizOrderNo":%q,"collectPayList":[{"bizOrderNo":%q,"amount":%d}],"bizUserId":%q,"accountSetNo":"200126","backUrl":"http://127.0.0.1/n","amount":%d,"fee":0,"tradeCode":"4001"}`,
		no, collectNo, amount, payee, amount)
}

func TestPerAppAccountSets(t *testing.T) {
	e := newTest()
	e.SetAccountSets("app", []string{"300001", SetStandard})
	funded(t, e, 0, "m")
	assert.Equal(t, "30019", code(t, e, "queryBalance", `{"bizUserId":"m","accountSetNo":"200126"}`))
	ok(t, e, "queryBalance", `{"bizUserId":"m","accountSetNo":"300001"}`)
}

func TestRefundGivesBackTheFee(t *testing.T) {
	e := newTest()
	funded(t, e, 1000, "buyer")
	funded(t, e, 0, "shop")
	ok(t, e, "consumeApply", consume("buyer", "shop", "c1", 1000, 100, ""))
	assert.Equal(t, "40020", code(t, e, "refund", `{"bizOrderNo":"r0","oriBizOrderNo":"c1","bizUserId":"buyer","amount":1000,"feeAmount":101}`))
	assert.Equal(t, "40020", code(t, e, "refund", `{"bizOrderNo":"r1","oriBizOrderNo":"c1","bizUserId":"buyer","amount":1000}`),
		"without feeAmount a refund is at most the amount less the fee, 900 (spec §4.2.16 note 11 A)")
	ok(t, e, "refund", `{"bizOrderNo":"r2","oriBizOrderNo":"c1","bizUserId":"buyer","amount":1000,"feeAmount":100}`)
	all, _ := balance(t, e, "buyer")
	assert.Equal(t, int64(1000), all)
	all, _ = balance(t, e, "shop")
	assert.Equal(t, int64(0), all)
}

package e2e

import (
	"context"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/client"
	"github.com/tsymock/tsymock/mock"
)

// TestCollectionAmountIsSharesPlusFee: over the wire, a collection whose
// recieverList adds up to its amount (a fee on top of the shares is
// missing) is 40020, and one whose shares plus fee make the amount is
// taken and pays each receiver its whole share (spec §4.2.5, amount:
// 订单金额=收款列表总金额+手续费).
func TestCollectionAmountIsSharesPlusFee(t *testing.T) {
	c := orders(t)
	c.funded("payer", 10000)
	c.person("shop")
	_, err := c.AgentCollectApply(c.ctx, collect("payer", "k1", 1000, 10, client.Receiver{BizUserID: "shop", Amount: 1000}))
	code, msg := answerCode(t, err)
	assert.Equal(t, "40020", code)
	assert.Contains(t, msg, "§4.2.5")

	_, err = c.AgentCollectApply(c.ctx, collect("payer", "k1", 1010, 10, client.Receiver{BizUserID: "shop", Amount: 1000}))
	require.NoError(t, err)
	_, err = c.SignalAgentPay(c.ctx, payout("shop", "p1", "k1", 1000, 0))
	require.NoError(t, err)
	assert.Equal(t, []int64{8990, 1000}, c.balances("payer", "shop"), "the whole share reaches the receiver")
}

// TestWithdrawTypesOverHTTP: a channel refuses the withdrawTypes spec
// §4.2.3 note 6 says it does not take (40042 该提现方式不支持), takes the
// others, and a value outside the note's four (the older T1) is noted
// withdraw-type, 40042 with --strict.
func TestWithdrawTypesOverHTTP(t *testing.T) {
	sd := client.PayMethod{"WITHDRAW_SD": body("amount", 100, "unionBank", "102100099996", "bankName", "工行")}
	jfb := client.PayMethod{"WITHDRAW_JFB": body("amount", 100)}
	c := orders(t)
	c.cardHolder("wendy")
	c.give("wendy", 10000)
	for _, tc := range []struct {
		name, withdrawType string
		payMethod          client.PayMethod
		code               string
	}{
		{"通联通代付 takes D0customized", "D0customized", nil, ""},
		{"山东代付 takes T1customized", "T1customized", sd, ""},
		{"山东代付 does not take D0customized", "D0customized", sd, "40042"},
		{"金服宝代付 does not take T1customized", "T1customized", jfb, "40042"},
		{"金服宝代付 takes D1", "D1", jfb, ""},
		{"the older T1, noted", "T1", nil, ""},
	} {
		req := withdraw("wendy", "w-"+tc.name, cardABC, 100, 0)
		req.WithdrawType, req.PayMethod = tc.withdrawType, tc.payMethod
		_, err := c.WithdrawApply(c.ctx, req)
		if tc.code == "" {
			assert.NoError(t, err, tc.name)
			continue
		}
		code, msg := answerCode(t, err)
		assert.Equal(t, tc.code, code, tc.name)
		assert.Contains(t, msg, "§4.2.3 note 6", tc.name)
	}
	noted := notedCalls(admin{t: t, base: c.env.URL}, "withdraw-type")
	require.Len(t, noted, 1)
	assert.Contains(t, fmt.Sprint(noted[0].Portability), `withdrawType "T1"`) // beside wendy's unsigned e-contract

	e := demoEnv(t, func(cfg *mock.Config) { cfg.Strict = true })
	s := &orderClient{memberClient: &memberClient{Client: e.client(t), t: t, ctx: context.Background()}, env: e}
	req := withdraw(client.PlatformBizUserID, "pw1", "1234567890123", 100, 0) // no member prerequisites
	req.AccountSetNo, req.BankCardPro, req.WithdrawType = standardSet, 1, "T1"
	_, err := s.WithdrawApply(s.ctx, req)
	assert.Equal(t, "40042", apiCode(t, err), "with --strict")
	req.WithdrawType = "T1customized"
	_, err = s.WithdrawApply(s.ctx, req)
	assert.NoError(t, err)
}

// TestPlatformOrderSets: the platform's own withdrawal leaves the deposit,
// reserve and intermediate sets alone, and its deposit the intermediate
// sets (spec §4.2.2, §4.2.3 accountSetNo: 30018 账户集错误); its withdrawal
// is confirmed without validation or by SMS, never by password (40028).
func TestPlatformOrderSets(t *testing.T) {
	c := orders(t)
	for _, set := range []string{"100002", "100003", "100004"} {
		req := withdraw(client.PlatformBizUserID, "pw-"+set, "1234567890123", 100, 0)
		req.AccountSetNo, req.BankCardPro = set, 1
		_, err := c.WithdrawApply(c.ctx, req)
		assert.Equal(t, "30018", apiCode(t, err), "withdrawal from %s", set)
	}
	req := withdraw(client.PlatformBizUserID, "pw1", "1234567890123", 100, 0)
	req.AccountSetNo, req.BankCardPro, req.ValidateType = standardSet, 1, client.ValidatePassword
	_, err := c.WithdrawApply(c.ctx, req)
	assert.Equal(t, "40028", apiCode(t, err))

	dep := deposit(client.PlatformBizUserID, "pd1", 5000, 0)
	dep.AccountSetNo, dep.ValidateType, dep.PayMethod = "100005", client.ValidateNone, client.Gateway(5000)
	_, err = c.DepositApply(c.ctx, dep)
	assert.Equal(t, "30018", apiCode(t, err))
	dep.AccountSetNo = "100002"
	_, err = c.DepositApply(c.ctx, dep)
	require.NoError(t, err)
	assert.Equal(t, client.OrderUnpaid, c.status("pd1"))
}

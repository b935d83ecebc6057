package e2e

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/client"
)

// Test data of the order tests. The demo application has the account sets
// 200126 (escrow-style; the tests keep members' money there) and the
// standard sets of spec §6.17: in 100001 (standard), 100002 and 2000000
// (marketing) the platform starts with platformFunds each.
const (
	escrowSet     = client.AccountSetEscrow
	standardSet   = client.AccountSetStandard
	marketingSet  = "2000000" // spec §6.17: where a COUPON pays from by default
	platformFunds = 1_000_000_000
	backURL       = "http://merchant.test/notify"
	consumerIP    = "203.0.113.7" // TEST-NET-3: a payer's public address; loopback is noted consumer-ip (§4.2.8)
	today         = "2026-11-28"  // the day of the env's clock
)

// orderClient is a memberClient that also knows the env, for its clock.
type orderClient struct {
	*memberClient
	env *env
}

// orders starts a server with the demo material and returns its client.
func orders(t *testing.T) *orderClient {
	t.Helper()
	e, c := members(t)
	return &orderClient{memberClient: c, env: e}
}

// cardHolder is a personal member with phoneA bound, real-named, and with
// cardABC bound: what quick pay and withdrawals need.
func (c *orderClient) cardHolder(bizUserID string) {
	c.t.Helper()
	c.realNamed(bizUserID)
	c.withPhone(bizUserID, phoneA)
	c.withCard(applyCard(bizUserID, cardABC))
}

// funded creates a personal member with phoneB bound, as a member that
// makes orders needs (spec §4.2.1 三 note), and gives it amount fen in set
// 200126 from the platform's funds (applicationTransfer from 100001).
func (c *orderClient) funded(bizUserID string, amount int64) {
	c.t.Helper()
	c.person(bizUserID)
	c.withPhone(bizUserID, phoneB)
	c.give(bizUserID, amount)
}

// give transfers amount fen from the platform to a member's escrow set.
func (c *orderClient) give(bizUserID string, amount int64) {
	c.t.Helper()
	_, err := c.ApplicationTransfer(c.ctx, client.ApplicationTransferRequest{BizTransferNo: "fund-" + bizUserID,
		SourceAccountSetNo: standardSet, TargetBizUserID: bizUserID, TargetAccountSetNo: escrowSet, Amount: amount})
	require.NoError(c.t, err)
}

// balance is a member's allAmount and freezenAmount in the escrow set.
func (c *orderClient) balance(bizUserID string) (all, frozen int64) {
	c.t.Helper()
	b, err := c.QueryBalance(c.ctx, bizUserID, escrowSet)
	require.NoError(c.t, err)
	return b.AllAmount, b.FreezenAmount
}

// balances is the allAmount of each member in the escrow set.
func (c *orderClient) balances(bizUserIDs ...string) []int64 {
	c.t.Helper()
	out := make([]int64, 0, len(bizUserIDs))
	for _, id := range bizUserIDs {
		all, _ := c.balance(id)
		out = append(out, all)
	}
	return out
}

// platform is the platform's allAmount in a set (queryMerchantBalance).
func (c *orderClient) platform(set string) int64 {
	c.t.Helper()
	b, err := c.QueryMerchantBalance(c.ctx, set)
	require.NoError(c.t, err)
	return b.AllAmount
}

// status is an order's orderStatus.
func (c *orderClient) status(bizOrderNo string) int64 {
	c.t.Helper()
	d, err := c.GetOrderDetail(c.ctx, bizOrderNo)
	require.NoError(c.t, err)
	return d.OrderStatus
}

// pay confirms an order with a code.
func (c *orderClient) pay(bizUserID, bizOrderNo, code string) (*client.PayResponse, error) {
	return c.Pay(c.ctx, client.PayRequest{BizUserID: bizUserID, BizOrderNo: bizOrderNo,
		VerificationCode: code, ConsumerIP: consumerIP})
}

// deposit is a quick-pay deposit of amount (fee to the platform) from
// cardABC into the escrow set, waiting for Pay.
func deposit(bizUserID, bizOrderNo string, amount, fee int64) client.DepositApplyRequest {
	return client.DepositApplyRequest{BizOrderNo: bizOrderNo, BizUserID: bizUserID, AccountSetNo: escrowSet,
		Amount: amount, Fee: fee, ValidateType: client.ValidateSMS, BackURL: backURL,
		PayMethod: client.QuickPay(cardABC, amount), IndustryCode: "1910", IndustryName: "其他", Source: client.SourceMobile}
}

// deposited makes and pays a quick-pay deposit.
func (c *orderClient) deposited(bizUserID, bizOrderNo string, amount, fee int64) {
	c.t.Helper()
	_, err := c.DepositApply(c.ctx, deposit(bizUserID, bizOrderNo, amount, fee))
	require.NoError(c.t, err)
	got, err := c.pay(bizUserID, bizOrderNo, smsCode)
	require.NoError(c.t, err)
	require.Equal(c.t, client.PayStatusSuccess, got.PayStatus)
}

// consume is a balance payment from the payer's escrow set.
func consume(payer, receiver, bizOrderNo string, amount, fee int64, splits ...client.SplitRule) client.ConsumeApplyRequest {
	return client.ConsumeApplyRequest{PayerID: payer, ReceiverID: receiver, BizOrderNo: bizOrderNo, Amount: amount,
		Fee: fee, SplitRule: splits, BackURL: backURL, PayMethod: client.Balance(escrowSet, amount),
		IndustryCode: "1910", IndustryName: "其他", Source: client.SourceMobile}
}

// consumed makes a balance payment that must succeed at once.
func (c *orderClient) consumed(req client.ConsumeApplyRequest) {
	c.t.Helper()
	got, err := c.ConsumeApply(c.ctx, req)
	require.NoError(c.t, err)
	require.Equal(c.t, client.PayStatusSuccess, got.PayStatus)
}

// collect is a balance collection from payer for receivers.
func collect(payer, bizOrderNo string, amount, fee int64, receivers ...client.Receiver) client.AgentCollectApplyRequest {
	return client.AgentCollectApplyRequest{BizOrderNo: bizOrderNo, PayerID: payer, ReceiverList: receivers,
		TradeCode: "3001", Amount: amount, Fee: fee, BackURL: backURL, PayMethod: client.Balance(escrowSet, amount),
		IndustryCode: "1910", IndustryName: "其他", Source: client.SourceMobile}
}

// payout pays amount of collection to payee, into the escrow set.
func payout(payee, bizOrderNo, collection string, amount, fee int64, splits ...client.SplitRule) client.SignalAgentPayRequest {
	return client.SignalAgentPayRequest{BizOrderNo: bizOrderNo, BizUserID: payee, AccountSetNo: escrowSet,
		CollectPayList: []client.CollectPay{{BizOrderNo: collection, Amount: amount}}, BackURL: backURL,
		Amount: amount, Fee: fee, SplitRuleList: splits, TradeCode: "4001"}
}

// scanWeixin is a WeChat QR payment (SCAN_WEIXIN, spec §5.2): its limitPay
// must be sent, "" for any card.
func scanWeixin(amount int64) client.PayMethod {
	return client.PayMethod{"SCAN_WEIXIN": map[string]any{"amount": amount, "limitPay": ""}}
}

// withdraw sends amount (fee to the platform) to a card at once.
func withdraw(bizUserID, bizOrderNo, cardNo string, amount, fee int64) client.WithdrawApplyRequest {
	return client.WithdrawApplyRequest{BizOrderNo: bizOrderNo, BizUserID: bizUserID, AccountSetNo: escrowSet,
		Amount: amount, Fee: fee, BackURL: backURL, BankCardNo: cardNo, WithdrawType: "D0",
		IndustryCode: "1910", IndustryName: "其他", Source: client.SourceMobile}
}

// refund gives amount of an order back to its payer.
func refund(payer, bizOrderNo, ori string, amount int64) client.RefundRequest {
	return client.RefundRequest{BizOrderNo: bizOrderNo, OriBizOrderNo: ori, BizUserID: payer, Amount: amount, BackURL: backURL}
}

// freeze names a freeze of a member's escrow set.
func freeze(bizUserID, bizFreezenNo string, amount int64) client.FreezeRequest {
	return client.FreezeRequest{BizUserID: bizUserID, BizFreezenNo: bizFreezenNo, AccountSetNo: escrowSet, Amount: amount}
}

// freezeMoney and unfreezeMoney have the shape of a table's call.
func (c *orderClient) freezeMoney(req client.FreezeRequest) (*client.FreezeResponse, error) {
	return c.FreezeMoney(c.ctx, req)
}

func (c *orderClient) unfreezeMoney(req client.FreezeRequest) (*client.FreezeResponse, error) {
	return c.UnfreezeMoney(c.ctx, req)
}

// orderNo is the platform's number of an order (the tradeNo of its
// statement lines).
func (c *orderClient) orderNo(bizOrderNo string) string {
	c.t.Helper()
	d, err := c.GetOrderDetail(c.ctx, bizOrderNo)
	require.NoError(c.t, err)
	return d.OrderNo
}

// statement is a page of a member's statement in set 200126.
func (c *orderClient) statement(bizUserID, start, end string, from, num int64) *client.InExpDetailResponse {
	c.t.Helper()
	got, err := c.QueryInExpDetail(c.ctx, client.QueryInExpDetailRequest{BizUserID: bizUserID, AccountSetNo: escrowSet,
		DateStart: start, DateEnd: end, StartPosition: from, QueryNum: num})
	require.NoError(c.t, err)
	return got
}

// consume calls ConsumeApply for its error only.
func (c *orderClient) consume(req client.ConsumeApplyRequest) error {
	_, err := c.ConsumeApply(c.ctx, req)
	return err
}

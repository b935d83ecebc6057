package e2e

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/client"
	"github.com/tsymock/tsymock/internal/soa"
	"github.com/tsymock/tsymock/mock"
)

// readyEnterprise creates an approved enterprise with a bound phone, the
// e-contract signed on its page and 1000 fen: one withdrawApply's
// prerequisites let withdraw (spec §4.2.3 note 1, §4.1.4 note 6), with
// --strict too.
func (c *memberClient) readyEnterprise(bizUserID string) {
	c.t.Helper()
	c.approved(bizUserID)
	c.withPhone(bizUserID, phoneA)
	u, err := c.PageURL("", client.PageSignContract, "MemberService", "signContract", client.ContractPageParams{
		BizUserID: bizUserID, JumpURL: "http://127.0.0.1:9/jump", BackURL: "http://127.0.0.1:9/notify", Source: client.SourcePC})
	require.NoError(c.t, err)
	require.Equal(c.t, http.StatusSeeOther, press(c.t, u, "confirm", nil).Status)
	_, err = c.ApplicationTransfer(c.ctx, client.ApplicationTransferRequest{BizTransferNo: "fund-" + bizUserID,
		SourceAccountSetNo: standardSet, TargetBizUserID: bizUserID, TargetAccountSetNo: escrowSet, Amount: 1000})
	require.NoError(c.t, err)
}

// TestWithdrawalValidationAndSummaryOverHTTP: over the wire, an
// enterprise's withdrawal and cross-border withdrawal by payment password
// (spec §4.2.3: 企业用户请使用【后台+短信验证码验证】方式; an enterprise has no
// password, §4.1.17 note 1), and cross-border withdrawals without the 易通汇
// remittance number as their summary or with another text (§4.2.23:
// 需上送易通汇平台汇款申请单（FEE+跨境平台汇款申请单号，如 FEE101961）) are answered OK
// with X-Tsymock-Would-Fail naming their rules, and the journal keeps the
// notes; with --strict they are refused with the codes the notes name and
// the money stays where it was. All passed silently, even with --strict
// (probe-N findings 5 and 6).
func TestWithdrawalValidationAndSummaryOverHTTP(t *testing.T) {
	const corporate = "6222020000000000099" // companyInfo's accountNo
	byPassword := func(p map[string]any) { p["validateType"] = client.ValidatePassword }
	for _, strict := range []bool{false, true} {
		t.Run(fmt.Sprintf("strict %v", strict), func(t *testing.T) {
			e := demoEnv(t, func(cfg *mock.Config) { cfg.Strict = strict })
			tap := &headerTap{}
			c := &memberClient{Client: e.client(t, client.WithHTTPClient(&http.Client{Transport: tap})), t: t, ctx: t.Context()}
			c.approved("reserve")
			c.readyEnterprise("ent")
			tests := []struct {
				name, rule, code string // the rule and code of the note, and of the refusal
				do               func() error
				moves            int64 // what it moves from ent's balance when taken
			}{
				{"an enterprise's withdrawal by password", "enterprise-validate-type", "40028", func() error {
					p := withdrawParam("w1", corporate, 100, 0, backURL, nil)
					p["bizUserId"], p["bankCardPro"] = "ent", 1
					byPassword(p)
					_, err := sendSpec(t, c.Client, "OrderService.withdrawApply", p)
					return err
				}, 0},
				{"an enterprise's cross-border withdrawal by password", "enterprise-validate-type", "40028", func() error {
					return c.crossBorderWith("ent", "reserve", "x1", 100, byPassword)
				}, 0},
				{"a cross-border withdrawal without a summary", "required-param", "10001", func() error {
					return c.crossBorderWith("ent", "reserve", "x2", 100, func(p map[string]any) { delete(p, "summary") })
				}, -100},
				{"a cross-border withdrawal whose summary is a text", "param-format", "10000", func() error {
					return c.crossBorderWith("ent", "reserve", "x3", 100, func(p map[string]any) { p["summary"] = "hello" })
				}, -100},
			}
			for _, tt := range tests {
				t.Run(tt.name, func(t *testing.T) {
					a := admin{t: t, base: e.URL}
					before, err := c.QueryBalance(c.ctx, "ent", escrowSet)
					require.NoError(t, err)
					notedBefore := len(notedCalls(a, tt.rule))
					err = tt.do()
					header, present := tap.wouldFail()
					after, qerr := c.QueryBalance(c.ctx, "ent", escrowSet)
					require.NoError(t, qerr)
					noted := notedCalls(a, tt.rule)
					if strict {
						got := apiError(t, err)
						assert.Equal(t, tt.code, got.Code)
						assert.Contains(t, got.Message, "tsymock --strict: the real test environment refuses this; rule "+tt.rule)
						assert.False(t, present, "no %s header on an error answer: %q", soa.HeaderWouldFail, header)
						assert.Equal(t, before.AllAmount, after.AllAmount, "nothing moved")
						assert.Len(t, noted, notedBefore, "nothing journaled as noted")
						return
					}
					require.NoError(t, err)
					assert.Equal(t, tt.rule+"="+tt.code, header)
					assert.Equal(t, before.AllAmount+tt.moves, after.AllAmount)
					require.Len(t, noted, notedBefore+1)
					assert.Equal(t, mock.OutcomeOK, noted[0].Outcome)
				})
			}
		})
	}
}

package client_test

import (
	"context"
	"fmt"

	"github.com/tsymock/tsymock/client"
	"github.com/tsymock/tsymock/keys/demo"
)

// ExampleClient_ConsumeApply: a buyer, funded by the platform, pays a shop
// from its balance; an agent gets a share of the payment. Amounts are fen.
func ExampleClient_ConsumeApply() {
	url, stop := startMock()
	defer stop()
	m, _ := demo.Load()
	c, _ := client.New(url, demo.SysID, m.MerchantKey, m.PlatformCert)
	ctx := context.Background()
	for _, id := range []string{"buyer", "shop", "agent"} {
		_, _ = c.CreateMember(ctx, client.CreateMemberRequest{BizUserID: id, MemberType: client.MemberPersonal, Source: client.SourceMobile})
	}
	_, _ = c.ApplicationTransfer(ctx, client.ApplicationTransferRequest{BizTransferNo: "T1", SourceAccountSetNo: client.AccountSetStandard,
		TargetBizUserID: "buyer", TargetAccountSetNo: client.AccountSetEscrow, Amount: 10000})

	got, err := c.ConsumeApply(ctx, client.ConsumeApplyRequest{PayerID: "buyer", ReceiverID: "shop", BizOrderNo: "C1",
		Amount: 6000, Fee: 100, SplitRule: []client.SplitRule{{BizUserID: "agent", Amount: 1000, Fee: 50}},
		BackURL: "http://merchant.test/notify", PayMethod: client.Balance(client.AccountSetEscrow, 6000),
		IndustryCode: "1910", IndustryName: "其他", Source: client.SourcePC})
	fmt.Println(got.PayStatus, err)
	for _, id := range []string{"buyer", "shop", "agent"} {
		b, _ := c.QueryBalance(ctx, id, client.AccountSetEscrow)
		fmt.Println(id, b.AllAmount)
	}
	// the fees (100 and the split's 50) are the platform's income in its
	// standard balance set (spec §4.3.2), where it started with
	// 10,000,000.00 yuan and funded the buyer with 100.00
	standard, _ := c.QueryMerchantBalance(ctx, client.AccountSetStandard)
	fmt.Println("platform", standard.AllAmount-(1_000_000_000-10000))
	// Output:
	// success <nil>
	// buyer 4000
	// shop 4900
	// agent 950
	// platform 150
}

package client_test

import (
	"context"
	"fmt"

	"github.com/tsymock/tsymock/client"
	"github.com/tsymock/tsymock/keys/demo"
)

// A call that tsymock answers but Allinpay's real test environment would
// refuse is reported to WithWouldFail: here a deposit of a member that has
// not bound a phone (spec §4.2.1: members bind a phone before they make
// orders). A test would t.Errorf there.
func ExampleWithWouldFail() {
	url, stop := startMock()
	defer stop()
	m, _ := demo.Load()
	report := func(service, method string, notes []client.WouldFail) {
		for _, n := range notes {
			fmt.Printf("%s.%s would not pass: %s (the real test environment answers %s): %s\n",
				service, method, n.Rule, n.Code, n.Reason)
		}
	}
	c, err := client.New(url, demo.SysID, m.MerchantKey, m.PlatformCert, client.WithWouldFail(report))
	if err != nil {
		panic(err)
	}
	ctx := context.Background()
	_, _ = c.CreateMember(ctx, client.CreateMemberRequest{BizUserID: "bob", MemberType: client.MemberPersonal,
		Source: client.SourcePC})
	_, err = c.DepositApply(ctx, client.DepositApplyRequest{BizOrderNo: "d1", BizUserID: "bob", AccountSetNo: "200126",
		Amount: 100, Fee: 0, ValidateType: client.ValidateNone, BackURL: "http://127.0.0.1:1/n",
		FrontURL: "http://127.0.0.1:1/f", PayMethod: client.Gateway(100), IndustryCode: "1910", IndustryName: "其他",
		Source: client.SourcePC})
	fmt.Println("answered:", err)
	// Output:
	// OrderService.depositApply would not pass: member-prerequisite (the real test environment answers 30021): depositApply of bizUserId "bob" without a bound phone: a member makes orders once its phone is bound (spec §4.2.1 三 note, §4.1.24; a person may bind a payment account with applyBindAcct instead, §4.1.23)
	// answered: <nil>
}

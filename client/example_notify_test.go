package client_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"time"

	"github.com/tsymock/tsymock/client"
	"github.com/tsymock/tsymock/keys/demo"
	"github.com/tsymock/tsymock/mock"
)

// startFastMock is startMock with notifications sent 10 ms after the
// event instead of the platform's 5 s.
func startFastMock() (url string, stop func()) {
	return startMock(func(c *mock.Config) {
		c.Notify = mock.NotifyConfig{Schedule: []time.Duration{10 * time.Millisecond}}
	})
}

// ExampleClient_VerifyNotification: a merchant's backUrl handler verifies
// the platform's notification, reads the order's outcome and answers 200,
// which ends delivery.
func ExampleClient_VerifyNotification() {
	url, stop := startFastMock()
	defer stop()
	m, _ := demo.Load()
	c, _ := client.New(url, demo.SysID, m.MerchantKey, m.PlatformCert)

	results := make(chan string, 1)
	backURL := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n, err := c.VerifyNotification(r)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest) // not from the platform: never trust it
			return
		}
		order, _ := n.Order()
		results <- fmt.Sprintf("%s.%s %s %s %d", n.Service, n.Method, n.Status, order.BizOrderNo, order.Amount)
		w.WriteHeader(http.StatusOK)
	}))
	defer backURL.Close()

	ctx := context.Background()
	_, _ = c.CreateMember(ctx, client.CreateMemberRequest{BizUserID: "buyer", MemberType: client.MemberPersonal, Source: client.SourceMobile})
	_, _ = c.CreateMember(ctx, client.CreateMemberRequest{BizUserID: "shop", MemberType: client.MemberPersonal, Source: client.SourceMobile})
	_, _ = c.ApplicationTransfer(ctx, client.ApplicationTransferRequest{BizTransferNo: "T1", SourceAccountSetNo: client.AccountSetStandard,
		TargetBizUserID: "buyer", TargetAccountSetNo: client.AccountSetEscrow, Amount: 5000})
	_, err := c.ConsumeApply(ctx, client.ConsumeApplyRequest{PayerID: "buyer", ReceiverID: "shop", BizOrderNo: "C1",
		Amount: 5000, BackURL: backURL.URL + "/notify", PayMethod: client.Balance(client.AccountSetEscrow, 5000),
		IndustryCode: "1910", IndustryName: "其他", Source: client.SourcePC})
	fmt.Println(err)
	fmt.Println(<-results)
	// Output:
	// <nil>
	// OrderService.pay OK C1 5000
}

// ExampleClient_PageURL: the payment-password page is a platform page the
// merchant sends the user's browser to, with signed parameters; identityNo
// is encrypted on the way.
func ExampleClient_PageURL() {
	url, stop := startMock()
	defer stop()
	m, _ := demo.Load()
	c, _ := client.New(url, demo.SysID, m.MerchantKey, m.PlatformCert)
	ctx := context.Background()
	_, _ = c.CreateMember(ctx, client.CreateMemberRequest{BizUserID: "alice", MemberType: client.MemberPersonal, Source: client.SourceMobile})
	_, _ = c.SetRealName(ctx, client.SetRealNameRequest{BizUserID: "alice", Name: "张三", IdentityType: client.IdentityIDCard,
		IdentityNo: "110101199001011237"})

	page, err := c.PageURL("", client.PageSetPayPwd, "MemberPwdService", "setPayPwd", client.PayPwdPageParams{
		BizUserID: "alice", Name: "张三", IdentityType: client.IdentityIDCard, IdentityNo: "110101199001011237",
		Phone: client.NoPhone, JumpURL: "https://shop.example/back", BackURL: "https://shop.example/notify"})
	fmt.Println(strings.HasPrefix(page, url+client.PageSetPayPwd+"?"), err)
	resp, err := http.Get(page)
	if err != nil {
		panic(err)
	}
	resp.Body.Close()
	fmt.Println(resp.StatusCode, resp.Header.Get("Content-Type"))
	// Output:
	// true <nil>
	// 200 text/html;charset=UTF-8
}

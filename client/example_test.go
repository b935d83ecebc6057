package client_test

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"

	"github.com/tsymock/tsymock/client"
	"github.com/tsymock/tsymock/keys/demo"
	"github.com/tsymock/tsymock/mock"
)

// startMock runs tsymock with the bundled demo material on a free loopback
// port, as a merchant's test would; opts adjust its configuration.
func startMock(opts ...func(*mock.Config)) (url string, stop func()) {
	m, err := demo.Load()
	if err != nil {
		panic(err)
	}
	cfg := mock.Config{PlatformKey: m.PlatformKey,
		Apps: []mock.App{{SysID: demo.SysID, Key: &m.MerchantKey.PublicKey}}}
	for _, o := range opts {
		o(&cfg)
	}
	srv, err := mock.New(cfg)
	if err != nil {
		panic(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	go func() { _ = srv.Serve(ln) }()
	return "http://" + ln.Addr().String(), func() { _ = srv.Shutdown(context.Background()) }
}

func ExampleClient_CreateMember() {
	url, stop := startMock()
	defer stop()
	m, _ := demo.Load()

	c, err := client.New(url, demo.SysID, m.MerchantKey, m.PlatformCert)
	if err != nil {
		panic(err)
	}
	req := client.CreateMemberRequest{BizUserID: "alice", MemberType: client.MemberPersonal, Source: client.SourceMobile}
	got, err := c.CreateMember(context.Background(), req)
	fmt.Println(got.BizUserID, len(got.UserID), err)

	_, err = c.CreateMember(context.Background(), req)
	var apiErr *client.Error
	if errors.As(err, &apiErr) {
		fmt.Println(apiErr.Code, apiErr.Message)
	}
	// Output:
	// alice 36 <nil>
	// 30000 所属应用下已经存在此用户
}

func ExampleClient_Call() {
	url, stop := startMock()
	defer stop()
	m, _ := demo.Load()

	c, _ := client.New(url, demo.SysID, m.MerchantKey, m.PlatformCert,
		client.WithGET(), client.WithHTTPClient(http.DefaultClient))
	_, err := c.Call(context.Background(), "MemberService", "createMembr", map[string]any{})
	fmt.Println(err)
	// Output:
	// client: 10003 参数method错误: unknown method "createMembr" in MemberService; did you mean "createMember"?
}

func ExampleClient_Encrypt() {
	m, _ := demo.Load()
	c, _ := client.New("http://127.0.0.1:6900", demo.SysID, m.MerchantKey, m.PlatformCert)
	hex, _ := c.Encrypt("110101199001011237")
	fmt.Println(len(hex)) // 2048-bit platform key: 256 bytes, 512 hex digits
	// Output: 512
}

// ExampleClient_SetRealName: identityNo travels encrypted both ways; the
// typed call takes and returns plain text.
func ExampleClient_SetRealName() {
	url, stop := startMock()
	defer stop()
	m, _ := demo.Load()
	c, _ := client.New(url, demo.SysID, m.MerchantKey, m.PlatformCert)
	ctx := context.Background()

	_, _ = c.CreateMember(ctx, client.CreateMemberRequest{BizUserID: "bob", MemberType: client.MemberPersonal, Source: client.SourcePC})
	req := client.SetRealNameRequest{BizUserID: "bob", Name: "张三", IdentityType: client.IdentityIDCard, IdentityNo: "11010119900101123"}
	_, err := c.SetRealName(ctx, req)
	fmt.Println(err)

	req.IdentityNo = "110101199001011237"
	got, err := c.SetRealName(ctx, req)
	fmt.Println(got.Name, got.IdentityType, got.IdentityNo, err)
	// Output:
	// client: 30012 身份证验证失败: identityNo: must be 18 characters, got 17
	// 张三 1 110101199001011237 <nil>
}

package mock_test

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"time"

	"github.com/tsymock/tsymock/keys"
	"github.com/tsymock/tsymock/keys/demo"
	"github.com/tsymock/tsymock/mock"
)

// Server.Calls counts journal entries, for assertions outside a test
// server; Coverage shows what the calls never exercised.
func ExampleServer_Calls() {
	m, _ := demo.Load()
	srv, _ := mock.New(mock.Config{PlatformKey: m.PlatformKey,
		Apps: []mock.App{{SysID: demo.SysID, Key: &m.MerchantKey.PublicKey}}})
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	go func() { _ = srv.Serve(ln) }()
	defer func() { _ = srv.Shutdown(context.Background()) }()

	for _, id := range []string{"alice", "alice"} { // the second is a duplicate: 30000
		postSigned(m, "http://"+ln.Addr().String(), srv,
			`{"service":"MemberService","method":"createMember","param":{"bizUserId":"`+id+`","memberType":3,"source":1}}`)
	}
	fmt.Println(srv.Calls(mock.JournalFilter{Method: "createMember", Params: map[string]string{"bizUserId": "alice"}}))
	fmt.Println(srv.Calls(mock.JournalFilter{ErrorCode: "30000"}))
	cov := srv.Coverage(demo.SysID)
	fmt.Println(cov.Called, "method called")
	// Output:
	// 2
	// 1
	// 1 method called
}

// postSigned signs req with the demo merchant key at the server's time and
// posts it.
func postSigned(m *demo.Material, base string, srv *mock.Server, req string) {
	china := time.FixedZone("CST", 8*3600) // timestamps are China time
	ts := srv.Clock().Now().In(china).Format("2006-01-02 15:04:05")
	sign, _ := keys.Sign(m.MerchantKey, demo.SysID+req+ts)
	resp, err := http.PostForm(base+"/service/soa", url.Values{"sysid": {demo.SysID}, "sign": {sign},
		"timestamp": {ts}, "v": {"2.0"}, "req": {req}})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return
	}
	_ = resp.Body.Close()
}

// The coverage report as "tsymock coverage" prints it.
func ExampleWriteCoverageText() {
	rep := mock.Coverage{SysID: "100000000002", Called: 1, Total: 2, Methods: []mock.MethodCoverage{
		{Service: "OrderService", Method: "refund", Calls: 2, OK: 2, Gaps: []string{mock.GapNeverFailed}},
		{Service: "OrderService", Method: "withdrawApply", Gaps: []string{mock.GapNeverCalled}},
	}}
	_ = mock.WriteCoverageText(os.Stdout, []mock.Coverage{rep})
	// Output:
	// sysid 100000000002: 1 of 2 methods called (50%)
	//   OrderService.refund                          2 calls, 2 OK; never failed
	//   never called (1):
	//     OrderService.withdrawApply
	//   notifications: none
}

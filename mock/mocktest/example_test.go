package mocktest_test

import (
	"context"
	"testing"

	"github.com/tsymock/tsymock/client"
	"github.com/tsymock/tsymock/mock/mocktest"
)

// A Go test gets a server and a ready client in one line. (Examples cannot
// be handed a *testing.T: in a test file this is the body of
// func TestSignup(t *testing.T).)
func ExampleNew() {
	testSignup := func(t *testing.T) {
		t.Parallel()
		srv := mocktest.New(t)
		_, err := srv.Client.CreateMember(context.Background(),
			client.CreateMemberRequest{BizUserID: "alice", MemberType: 3, Source: 1})
		if err != nil {
			t.Fatal(err)
		}
		srv.AssertCalled(t, "MemberService", "createMember", 1, "bizUserId=alice")
	}
	_ = testSignup
}

// A test points the code under test (an SDK of its own) at the server, and
// asserts what was called. (Examples cannot be handed a *testing.T: in a
// test file this is the body of func TestCheckout(t *testing.T).)
func ExampleServer_AssertCalled() {
	testCheckout := func(t *testing.T) {
		t.Parallel() // every test server has its own state
		ts := mocktest.New(t)

		// Configure the SDK under test with ts.URL+"/service/soa", ts.SysID,
		// ts.MerchantKey (or the bundled .pfx) and ts.PlatformCert, then run it.
		checkout(ts.URL, ts.SysID)

		// Was refund called once with amount 100?
		ts.AssertCalled(t, "OrderService", "refund", 1, "amount=100")
		// Make the next refund fail, to test the unhappy path.
		ts.ArmError(t, "OrderService", "refund", "40014")
	}
	_ = testCheckout
}

// checkout stands for the code under test.
func checkout(baseURL, sysid string) { _, _ = baseURL, sysid }

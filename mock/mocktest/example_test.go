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

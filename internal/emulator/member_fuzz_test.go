package emulator

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/internal/soa"
)

// fuzzedMemberMethods are the methods FuzzMemberCalls sends its param to.
var fuzzedMemberMethods = []string{"createMember", "sendVerificationCode", "bindPhone", "unbindPhone", "setRealName",
	"setCompanyInfo", "getMemberInfo", "getBankCardBin", "applyBindBankCard", "bindBankCard", "queryBankCard",
	"unbindBankCard", "setSafeCard", "lockMember", "unlockMember", "createBankSubAcctNo", "applyBindAcct",
	"vspTermidService", "bankCardChangeBindPhone", "verifyBankCardChangeBindPhone"}

// FuzzMemberCalls: whatever param a member method gets past the
// catalogue's checks (as on the wire), the emulator answers without
// panicking, and goes on serving: a member can be created after it. The
// market's buyer (real-named, a phone and cards bound) gives the methods
// something to act on.
func FuzzMemberCalls(f *testing.F) {
	for i, seed := range []string{
		`{"bizUserId":"new","memberType":3,"source":1}`,
		`{"bizUserId":"buyer","phone":"13800000009","verificationCodeType":9}`,
		`{"bizUserId":"buyer","phone":"13800000009","verificationCode":"111111"}`,
		`{"bizUserId":"buyer","phone":"13800000002","verificationCode":"111111"}`,
		`{"bizUserId":"buyer","name":"张三","identityType":1,"identityNo":"11010119900307803X"}`,
		`{"bizUserId":"buyer"}`,
		`{"bizUserId":"buyer","memberType":3}`,
		`{"cardNo":"6228480000000000001"}`,
		`{"bizUserId":"buyer","cardNo":"6228480000000000009","phone":"13800000001","name":"张三","cardCheck":7,"identityType":1,"identityNo":"11010119900307803X","validate":"1399","cvv2":"1x3"}`,
		`{"bizUserId":"buyer","operationType":"set","acctType":"weChatPublic","acct":"o1"}`,
		`{"bizUserId":"buyer","operationType":"set","vspCusid":"c","appid":"a","vspTermid":"t"}`,
	} {
		f.Add(uint8(i), seed)
	}
	catalogue := soa.DefaultCatalogue()
	f.Fuzz(func(t *testing.T, which uint8, param string) {
		method := fuzzedMemberMethods[int(which)%len(fuzzedMemberMethods)]
		p, valid := validParam(t, catalogue, soa.MemberService, method, param)
		if !valid {
			return
		}
		e := newTest()
		market(t, e)
		e.Call(context.Background(), Request{SysID: "app", Service: soa.MemberService, Method: method, Param: p})
		_, serr := memberCall(t, e, "app", "createMember", map[string]any{"bizUserId": "after-the-call", "memberType": 3, "source": 1})
		if serr != nil {
			require.Equal(t, "30000", serr.Code, "the emulator goes on serving: %v", serr) // the call may have made it
		}
	})
}

package emulator

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/internal/clock"
	"github.com/tsymock/tsymock/internal/ids"
	"github.com/tsymock/tsymock/internal/soa"
)

// The spec's test data (§6.18), written out here independently of
// testenv.go.
const (
	tsyName   = "通商云"
	tsyID     = "310226123456745676"
	tsyCard   = "6228481234567898346"
	tsyPhone  = "18019823456"
	wxeName   = "王小二"
	wxeID     = "610422198600000000"
	wxeCard   = "6228480402637874214"
	rnpPhone  = "13616515002"
	validID   = "11010119900307803X" // a right check digit
	validName = "李四"
	abcCard   = "6228480000000000005" // a test-environment card: 19 digits, 622848
	abcCredit = "6228480000000000000" // with cardCheck 6, ending 00 stands for a credit card
	ccbCredit = "4367420000000004"    // a credit card of tsymock's BIN table
)

// envTest is an emulator under a manual clock, strict or not, with one
// application "a".
type envTest struct {
	t     *testing.T
	e     *Emulator
	clock *clock.Manual
	cat   *soa.Catalogue // gives each call its Fields, as the rpc layer does
}

func newEnvTest(t *testing.T, strict bool) *envTest {
	t.Helper()
	c := clock.NewManual(time.Date(2026, 11, 28, 4, 0, 0, 0, time.UTC))
	return &envTest{t: t, e: New(Config{Clock: c, IDs: ids.NewSeeded(1), Strict: strict}), clock: c,
		cat: soa.DefaultCatalogue()}
}

// call runs a MemberService method of application a.
func (et *envTest) call(method string, param map[string]any) Outcome {
	et.t.Helper()
	var fields []soa.Param
	if m, serr := et.cat.Lookup(soa.MemberService, method); serr == nil {
		fields = m.Params
	}
	return et.e.Call(context.Background(), Request{SysID: "a", Service: soa.MemberService, Method: method, Param: param,
		Fields: fields})
}

// ok runs a call that must succeed.
func (et *envTest) ok(method string, param map[string]any) map[string]any {
	et.t.Helper()
	out := et.call(method, param)
	require.Nil(et.t, out.Err, "%s %v", method, param)
	return out.Value
}

// person creates a personal member real-named as name and id.
func (et *envTest) person(bizUserID, name, id string) {
	et.t.Helper()
	et.ok("createMember", map[string]any{"bizUserId": bizUserID, "memberType": 3, "source": 1})
	et.ok("setRealName", map[string]any{"bizUserId": bizUserID, "name": name, "identityType": 1, "identityNo": id})
}

// withPhone binds phone to the member.
func (et *envTest) withPhone(bizUserID, phone string) {
	et.t.Helper()
	et.ok("sendVerificationCode", map[string]any{"bizUserId": bizUserID, "phone": phone, "verificationCodeType": 9})
	et.ok("bindPhone", map[string]any{"bizUserId": bizUserID, "phone": phone, "verificationCode": "111111"})
}

// apply is applyBindBankCard's params for the member's card: name and id
// its holder's, phone and cardCheck (0: not sent) as given, and extra.
func apply(bizUserID, cardNo, name, id, phone string, cardCheck int, extra map[string]any) map[string]any {
	p := map[string]any{"bizUserId": bizUserID, "cardNo": cardNo, "name": name, "identityType": 1, "identityNo": id,
		"phone": phone}
	if cardCheck != 0 {
		p["cardCheck"] = cardCheck
	}
	for k, v := range extra {
		p[k] = v
	}
	return p
}

// bound lists the member's bound card numbers.
func (et *envTest) bound(bizUserID string) []string {
	et.t.Helper()
	out := []string{}
	for _, c := range asList(et.ok("queryBankCard", map[string]any{"bizUserId": bizUserID})["bindCardList"]) {
		out = append(out, c["bankCardNo"].(string))
	}
	return out
}

// rules are the rules of an outcome's Portability notes.
func rules(out Outcome) []string {
	var r []string
	for _, p := range out.Portability {
		r = append(r, p.Rule)
	}
	return r
}

package scenarios_test

import (
	"fmt"

	"github.com/tsymock/tsymock/scenarios"
)

// A scenario file answers createMember for some bizUserIds with 30000, and
// queryBalance with a fixed balance; the mock carries out each Decision.
func Example() {
	file, err := scenarios.Parse("members.yaml", []byte(`
rules:
  - name: already exists
    when:
      service: MemberService
      method: createMember
      param:
        bizUserId: {regex: "^dup-"}
    respond:
      error: {code: "30000"}
  - when: {service: OrderService, method: queryBalance}
    respond:
      ok: {allAmount: "{{param.amount | default 100000}}", freezenAmount: 0}
`))
	if err != nil {
		fmt.Println(err) // members.yaml:LINE: what is wrong
		return
	}
	set := scenarios.NewSet(scenarios.Options{})
	set.SetFiles([]*scenarios.File{file})

	d := set.Decide(scenarios.Request{Service: "MemberService", Method: "createMember",
		Param: map[string]any{"bizUserId": "dup-1"}})
	fmt.Println(d.Rule(), d.Kind, d.Err.Code, d.Err.Message)

	d = set.Decide(scenarios.Request{Service: "OrderService", Method: "queryBalance"})
	fmt.Println(d.Rule(), d.Kind, d.Body)

	d = set.Decide(scenarios.Request{Service: "OrderService", Method: "pay",
		Param: map[string]any{"bizOrderNo": "err-40006-o1"}})
	fmt.Println(d.Rule(), d.Kind, d.Err.Code, d.Err.Message)

	d = set.Decide(scenarios.Request{Service: "MemberService", Method: "createMember",
		Param: map[string]any{"bizUserId": "alice"}})
	fmt.Println(d.Kind)
	// Output:
	// members.yaml:3 already exists error 30000 所属应用下已经存在此用户
	// members.yaml:11 ok map[allAmount:100000 freezenAmount:0]
	// magic bizOrderNo=err-40006- error 40006 支付失败
	// emulate
}

// Rules lists the rules in force, in the order they are tried.
func ExampleSet_Rules() {
	file, _ := scenarios.Builtin("balances")
	set := scenarios.NewSet(scenarios.Options{NoMagic: true})
	set.SetFiles([]*scenarios.File{file})
	for _, r := range set.Rules()[:2] {
		fmt.Printf("%s | %s | %s\n", r.ID, r.When, r.Answer)
	}
	// Output:
	// builtin:balances:8 rich member | OrderService.queryBalance, bizUserId = rich | ok
	// builtin:balances:16 broke member | OrderService.queryBalance, bizUserId = broke | ok
}

package doctest

import (
	"testing"

	"github.com/tsymock/tsymock/mock/mocktest"
)

// TestNodeExample checks the syntax of examples/sdk-node with node --check,
// then runs check.js, the Node guide's client, against tsymock with
// TZ=Asia/Shanghai and with TZ=UTC.
func TestNodeExample(t *testing.T) {
	node := need(t, "node", "apt-get install nodejs")
	for _, f := range []string{"allinpay-client.js", "check.js"} {
		mustRun(t, "examples/sdk-node", nil, node, "--check", f)
	}
	srv := mocktest.New(t)
	env := []string{"ALLINPAY_ENDPOINT=" + srv.URL, "ALLINPAY_KEY_DIR=" + demoKeys(t)}
	runCases(t, "examples/sdk-node", []sdkCase{
		{name: "China time", env: append(env, "TZ=Asia/Shanghai"), cmd: []string{node, "check.js"}, want: []string{
			"createMember OK: {\"userId\":\"", "\",\"bizUserId\":\"sdk-node-",
			"queryBalance 400193 error: " + quote30019 + " (30019)",
		}},
		{name: "a UTC clock", env: append(env, "TZ=UTC"), cmd: []string{node, "check.js"}, code: 1, want: []string{
			"sdk-node: 参数错误: timestamp", quote10000UTC, "format the timestamp in Asia/Shanghai (PHP: date.timezone, which ignores TZ; JVM: -Duser.timezone; others: TZ) (10000)",
		}},
	})
}

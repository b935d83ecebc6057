package doctest

import (
	"testing"

	"github.com/tsymock/tsymock/mock/mocktest"
)

// TestPHPExample runs examples/sdk-php/check.php, the PHP guide's client,
// against tsymock with php-cli: with date.timezone = Asia/Shanghai every
// call answers as the guide says; with UTC the first one is refused.
func TestPHPExample(t *testing.T) {
	php := need(t, "php", "apt-get install php-cli")
	mustRun(t, "examples/sdk-php", nil, php, "-l", "AllinpayClient.php")
	srv := mocktest.New(t)
	env := []string{"ALLINPAY_SERVER_URL=" + srv.URL + "/service/soa", "ALLINPAY_KEY_DIR=" + demoKeys(t)}
	runCases(t, "examples/sdk-php", []sdkCase{
		{name: "China time", env: env, cmd: []string{php, "-d", "date.timezone=Asia/Shanghai", "check.php"}, want: []string{
			"createMember OK: {\"userId\":\"", "\",\"bizUserId\":\"sdk-php-",
			"queryBalance 200126 OK: {\"allAmount\":0,\"freezenAmount\":0}",
			"createMember again error: 所属应用下已经存在此用户 (30000)",
		}},
		{name: "a UTC clock", env: env, cmd: []string{php, "-d", "date.timezone=UTC", "check.php"}, code: 1, want: []string{
			"sdk-php: 参数错误: timestamp", quote10000UTC, "format the timestamp in Asia/Shanghai (PHP: date.timezone, which ignores TZ; JVM: -Duser.timezone; others: TZ) (10000)",
		}},
	})
}

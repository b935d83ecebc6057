package doctest

import (
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/tsymock/tsymock/mock/mocktest"
)

// sdkCase is one run of an SDK example: the setting under test (env and
// the command line) and what the team sees (exit code, lines of output).
type sdkCase struct {
	name string
	env  []string
	cmd  []string
	code int
	want []string
}

// runCases runs each case's command in dir and checks what it printed.
func runCases(t *testing.T, dir string, cases []sdkCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := runIn(t, dir, tc.env, tc.cmd[0], tc.cmd[1:]...)
			assert.Equal(t, tc.code, r.code, r.out)
			for _, w := range tc.want {
				assert.Contains(t, r.out, w)
			}
		})
	}
}

// TestGoSDKExample builds examples/sdk-go, a module of its own that uses
// github.com/hhjpin/allinpay v0.2.1 unchanged, and runs it against tsymock
// with the settings of the Go guide, then with a UTC clock and a wrong key.
func TestGoSDKExample(t *testing.T) {
	goTool := need(t, "go", "the Go toolchain (go.dev/dl)")
	bin := filepath.Join(t.TempDir(), "sdk-go")
	mustRun(t, "examples/sdk-go", nil, goTool, "build", "-o", bin, ".")
	srv := mocktest.New(t)
	soa := "ALLINPAY_SERVER_URL=" + srv.URL + "/service/soa"
	runCases(t, "examples/sdk-go", []sdkCase{
		{name: "China time", env: []string{soa, "ALLINPAY_KEY_DIR=" + demoKeys(t), "TZ=Asia/Shanghai"}, cmd: []string{bin}, want: []string{
			"createMember OK: {\"userId\":\"", "\",\"bizUserId\":\"sdk-go-",
			"queryBalance 200126 OK: {\"allAmount\":0,\"freezenAmount\":0}",
			`queryBalance 400193 error: ` + quote30019 + `(30019)`,
		}},
		{name: "a UTC clock", env: []string{soa, "ALLINPAY_KEY_DIR=" + demoKeys(t), "TZ=UTC"}, cmd: []string{bin}, code: 1, want: []string{
			"createMember: 参数错误: timestamp", quote10000UTC, "format the timestamp in Asia/Shanghai (PHP: date.timezone, which ignores TZ; JVM: -Duser.timezone; others: TZ)(10000)",
		}},
		{name: "the wrong private key", env: []string{soa, "ALLINPAY_KEY_DIR=" + wrongKeys(t), "TZ=Asia/Shanghai"}, cmd: []string{bin}, code: 1,
			want: []string{"createMember: " + quote20019 + "(20019)"}},
	})
}

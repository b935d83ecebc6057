package doctest

import (
	"context"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/internal/testtool"
	"github.com/tsymock/tsymock/mock"
	"github.com/tsymock/tsymock/mock/mocktest"
)

// servePHP serves script (in examples/sdk-php) with php-cli's built-in
// server on a free loopback port and returns its address and its log.
func servePHP(t *testing.T, php, script string, env ...string) (string, *testtool.Buffer) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := ln.Addr().String()
	require.NoError(t, ln.Close()) // php -S takes a port, not a socket
	cmd := exec.Command(php, "-S", addr, script)
	cmd.Dir = filepath.Join(root, "examples", "sdk-php")
	cmd.Env = append(os.Environ(), env...)
	log := &testtool.Buffer{}
	cmd.Stdout, cmd.Stderr = log, log
	require.NoError(t, cmd.Start())
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
	})
	require.Eventually(t, func() bool {
		c, err := net.Dial("tcp", addr)
		if err == nil {
			_ = c.Close()
		}
		return err == nil
	}, 10*time.Second, 20*time.Millisecond, "php -S %s %s did not listen:\n%s", addr, script, log)
	return addr, log
}

// TestPHPNotifyExample serves examples/sdk-php/notify.php, the flow pages'
// backUrl handler, as the backUrl of a real notification (a reserve fund
// transfer, spec §4.3.3, sent as spec §3.7 says): tsymock's notification,
// signed over sysid + rps + timestamp (spec §3.4), verifies and is answered
// 200; the same form with its rps changed is answered 400.
func TestPHPNotifyExample(t *testing.T) {
	php := need(t, "php", "apt-get install php-cli")
	mustRun(t, "examples/sdk-php", nil, php, "-l", "notify.php")
	addr, log := servePHP(t, php, "notify.php", "ALLINPAY_TL_CERT_PATH="+filepath.Join(demoKeys(t), "TEST-ONLY-platform.cer"))
	srv := mocktest.New(t)
	backURL := "http://" + addr + "/notify"
	_, err := srv.Server.ReserveFundIn(srv.SysID, mock.ReserveFundTransfer{AccountNo: "6222000000000001", Amount: 50000, BackURL: backURL})
	require.NoError(t, err)

	sent := srv.Server.DeliverPendingNotifications(context.Background())
	require.Len(t, sent, 1)
	n := sent[0]
	require.NotEmpty(t, n.Attempts, "%+v", n)
	assert.Equal(t, http.StatusOK, n.Attempts[len(n.Attempts)-1].Status, "notify.php refused tsymock's notification:\n%s", log)
	logs(t, log, "notify: verified MerchantService.NotifyReserveFundIn")

	form, err := url.ParseQuery(n.Body)
	require.NoError(t, err)
	form.Set("rps", strings.Replace(form.Get("rps"), "50000", "90000", 1))
	resp, err := http.PostForm(backURL, form)
	require.NoError(t, err)
	require.NoError(t, resp.Body.Close())
	assert.Equal(t, http.StatusBadRequest, resp.StatusCode, "a forged rps was accepted:\n%s", log)
	logs(t, log, "notify: the sign does not verify")
}

// logs waits for php -S to write line: its log may follow its answer.
func logs(t *testing.T, log *testtool.Buffer, line string) {
	t.Helper()
	assert.Eventually(t, func() bool { return strings.Contains(log.String(), line) }, 5*time.Second, 10*time.Millisecond,
		"php -S did not log %q:\n%s", line, log)
}

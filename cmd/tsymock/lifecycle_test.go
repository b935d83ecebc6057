//go:build unix

package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/internal/soa"
	"github.com/tsymock/tsymock/internal/testtool"
	"github.com/tsymock/tsymock/keys"
	"github.com/tsymock/tsymock/keys/demo"
)

// These tests run the real binary as a subprocess, as a CI job or a
// container runtime does: signals, exit codes and files are the contract.

// stampedVersion is linked into the binary the tests build.
const stampedVersion = "v9.9.9-lifecycle"

// The binary is built once, by the first test that needs it (so that
// "go test -list" and -run filters that skip these tests do not pay for a
// build), into a temporary folder that TestMain removes.
var (
	binDir   string
	binOnce  sync.Once
	binPath  string
	binError error
)

func TestMain(m *testing.M) {
	// The tests read English whatever the locale of the machine they run on
	// (--lang auto follows it for people); a test of the Chinese sets its own.
	_ = os.Setenv("LC_ALL", "C.UTF-8")
	_ = os.Unsetenv(langEnv)
	code := m.Run()
	if binDir != "" {
		_ = os.RemoveAll(binDir)
	}
	os.Exit(code)
}

// tsymockBinary returns the path of the test binary, building it first.
func tsymockBinary(t *testing.T) string {
	t.Helper()
	binOnce.Do(func() {
		if binDir, binError = os.MkdirTemp("", "tsymock-bin-"); binError != nil {
			return
		}
		path := filepath.Join(binDir, "tsymock")
		build := exec.Command(goTool(), "build", "-trimpath", "-ldflags", "-X main.version="+stampedVersion, "-o", path, ".")
		build.Env = append(os.Environ(), "CGO_ENABLED=0")
		if out, err := build.CombinedOutput(); err != nil {
			binError = fmt.Errorf("building tsymock: %w\n%s", err, out)
			return
		}
		binPath = path
	})
	require.NoError(t, binError)
	return binPath
}

// goTool is the go command on PATH, or the one of this machine's Go
// installation when PATH has none (as in an empty environment).
func goTool() string {
	if p, err := exec.LookPath("go"); err == nil {
		return p
	}
	return "/usr/local/go/bin/go"
}

// proc is a running "tsymock serve".
type proc struct {
	cmd    *exec.Cmd
	ready  readyLine
	line   string
	stderr *testtool.Buffer
	exited chan int
}

func startBinary(t *testing.T, args ...string) *proc {
	t.Helper()
	return startCmd(t, exec.Command(tsymockBinary(t), append([]string{"serve", "--addr", "127.0.0.1:0"}, args...)...))
}

// startCmd starts a command that runs "tsymock serve" and waits for its
// ready line.
func startCmd(t *testing.T, cmd *exec.Cmd) *proc {
	t.Helper()
	p := &proc{cmd: cmd, stderr: &testtool.Buffer{}, exited: make(chan int, 1)}
	p.cmd.Stderr = p.stderr
	stdout, err := p.cmd.StdoutPipe()
	require.NoError(t, err)
	require.NoError(t, p.cmd.Start())
	t.Cleanup(func() { _ = p.cmd.Process.Kill() })
	lines := make(chan string, 1)
	go func() {
		line, _ := bufio.NewReader(stdout).ReadString('\n')
		lines <- line
		_, _ = io.Copy(io.Discard, stdout)
		err := p.cmd.Wait()
		code := 0
		if err != nil {
			code = p.cmd.ProcessState.ExitCode()
		}
		p.exited <- code
	}()
	select {
	case p.line = <-lines:
	case <-time.After(10 * time.Second):
		t.Fatalf("no ready line; stderr: %s", p.stderr)
	}
	require.NoError(t, json.Unmarshal([]byte(p.line), &p.ready), "ready line %q; stderr: %s", p.line, p.stderr)
	return p
}

// stop sends sig and returns the exit code.
func (p *proc) stop(t *testing.T, sig os.Signal) int {
	t.Helper()
	require.NoError(t, p.cmd.Process.Signal(sig))
	return p.wait(t)
}

func (p *proc) wait(t *testing.T) int {
	t.Helper()
	select {
	case code := <-p.exited:
		return code
	case <-time.After(15 * time.Second):
		t.Fatalf("tsymock did not stop; stderr: %s", p.stderr)
		return -1
	}
}

// tsymockCmd runs the binary with args and returns its exit code and output.
func tsymockCmd(t *testing.T, args ...string) (int, string) {
	t.Helper()
	out, err := exec.Command(tsymockBinary(t), args...).CombinedOutput()
	if err != nil {
		var ee *exec.ExitError
		require.ErrorAs(t, err, &ee)
		return ee.ExitCode(), string(out)
	}
	return 0, string(out)
}

func TestBinaryReadyFileHealthVersion(t *testing.T) {
	readyPath := filepath.Join(t.TempDir(), "ready.json")
	require.NoError(t, os.WriteFile(readyPath, []byte("left by a killed run"), 0o644))
	p := startBinary(t, "--ready-file", readyPath)
	assert.Equal(t, "ready", p.ready.Event)
	assert.Equal(t, stampedVersion, p.ready.Version)
	assert.Equal(t, p.cmd.Process.Pid, p.ready.PID)
	assert.Equal(t, []string{demo.SysID}, p.ready.SysIDs)
	written, err := os.ReadFile(readyPath)
	require.NoError(t, err)
	assert.Equal(t, p.line, string(written), "the ready file holds the ready line")
	base := "http://" + p.ready.Addr

	code, out := tsymockCmd(t, "health", "--url", base)
	assert.Equal(t, 0, code, out)
	assert.Contains(t, out, "ok: tsymock "+stampedVersion)
	code, out = tsymockCmd(t, "version")
	assert.Equal(t, 0, code)
	assert.Equal(t, "tsymock "+stampedVersion+"\n", out)
	for path, status := range map[string]int{"/__tsymock/health": 200, "/no/such/page": 404} {
		resp, err := http.Get(base + path)
		require.NoError(t, err)
		_ = resp.Body.Close()
		assert.Equal(t, status, resp.StatusCode, path)
		assert.Equal(t, stampedVersion, resp.Header.Get("X-Tsymock-Version"), path)
	}

	assert.Equal(t, 0, p.stop(t, syscall.SIGINT), "stderr: %s", p.stderr)
	assert.NoFileExists(t, readyPath, "removed on a clean exit")
	code, out = tsymockCmd(t, "health", "--url", base, "--timeout", "1s")
	assert.Equal(t, 1, code, out)
}

func TestReadyFileProblemStopsServe(t *testing.T) {
	code, out := tsymockCmd(t, "serve", "--addr", "127.0.0.1:0", "--ready-file", filepath.Join(t.TempDir(), "missing", "ready.json"))
	assert.Equal(t, 1, code)
	assert.Contains(t, out, "--ready-file")
}

// TestSignalDrainsInFlightRequests stops tsymock while two requests are in
// flight: one still sending its body, one in a scenario delay. Both get a
// signed answer, new connections are refused meanwhile, and the process
// exits 0.
func TestSignalDrainsInFlightRequests(t *testing.T) {
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGINT} {
		t.Run(sig.String(), func(t *testing.T) {
			dir := t.TempDir()
			rules := filepath.Join(dir, "slow.yaml")
			require.NoError(t, os.WriteFile(rules, []byte(`rules:
  - name: slow member
    when: {service: MemberService, method: createMember, param: {bizUserId: slow}}
    respond: {delay: 20s}
`), 0o644))
			readyPath := filepath.Join(dir, "ready.json")
			p := startBinary(t, "--scenarios", rules, "--ready-file", readyPath)

			held := openRequest(t, p.ready.Addr, "held") // body not sent yet
			slow := openRequest(t, p.ready.Addr, "slow")
			slow.sendBody(t)
			signalled := time.Now()
			require.NoError(t, p.cmd.Process.Signal(sig))

			require.Eventually(t, func() bool {
				c, err := net.DialTimeout("tcp", p.ready.Addr, time.Second)
				if err == nil {
					_ = c.Close()
				}
				return err != nil
			}, 5*time.Second, 20*time.Millisecond, "new connections are refused while draining")
			select {
			case code := <-p.exited:
				t.Fatalf("exited (%d) with a request in flight; stderr: %s", code, p.stderr)
			case <-time.After(200 * time.Millisecond):
			}
			held.sendBody(t)
			held.assertSignedOK(t, "held")
			slow.assertSignedOK(t, "slow")
			assert.Less(t, time.Since(signalled), 10*time.Second, "the scenario delay ends at shutdown")

			assert.Equal(t, 0, p.wait(t), "stderr: %s", p.stderr)
			assert.NoFileExists(t, readyPath)
			assert.Contains(t, p.stderr.String(), "shutting down")
		})
	}
}

// inflight is a createMember request on its own connection, announced with
// "Expect: 100-continue": the server's "100 Continue" proves that a handler
// is running it, so a shutdown must wait for it.
type inflight struct {
	conn net.Conn
	br   *bufio.Reader
	body string
}

func openRequest(t *testing.T, addr, bizUserID string) *inflight {
	t.Helper()
	m, err := demo.Load()
	require.NoError(t, err)
	req := fmt.Sprintf(`{"service":"MemberService","method":"createMember","param":{"bizUserId":%q,"memberType":3,"source":1}}`, bizUserID)
	ts := time.Now().In(soa.Shanghai()).Format("2006-01-02 15:04:05")
	sign, err := keys.Sign(m.MerchantKey, demo.SysID+req+ts)
	require.NoError(t, err)
	body := url.Values{"sysid": {demo.SysID}, "sign": {sign}, "timestamp": {ts}, "v": {"2.0"}, "req": {req}}.Encode()

	conn, err := net.DialTimeout("tcp", addr, 5*time.Second)
	require.NoError(t, err)
	t.Cleanup(func() { _ = conn.Close() })
	require.NoError(t, conn.SetDeadline(time.Now().Add(20*time.Second)))
	_, err = fmt.Fprintf(conn, "POST /service/soa HTTP/1.1\r\nHost: %s\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: %d\r\nExpect: 100-continue\r\n\r\n", addr, len(body))
	require.NoError(t, err)
	in := &inflight{conn: conn, br: bufio.NewReader(conn), body: body}
	resp, err := http.ReadResponse(in.br, nil)
	require.NoError(t, err)
	require.Equal(t, http.StatusContinue, resp.StatusCode)
	return in
}

func (in *inflight) sendBody(t *testing.T) {
	t.Helper()
	_, err := io.WriteString(in.conn, in.body)
	require.NoError(t, err)
}

// assertSignedOK reads the answer and checks it is an OK envelope signed by
// the platform key.
func (in *inflight) assertSignedOK(t *testing.T, bizUserID string) {
	t.Helper()
	resp, err := http.ReadResponse(in.br, nil)
	require.NoError(t, err)
	defer resp.Body.Close()
	require.Equal(t, http.StatusOK, resp.StatusCode)
	var env struct {
		Status      string `json:"status"`
		Sign        string `json:"sign"`
		SignedValue string `json:"signedValue"`
	}
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&env))
	m, err := demo.Load()
	require.NoError(t, err)
	require.NoError(t, keys.Verify(&m.PlatformKey.PublicKey, env.SignedValue, env.Sign), "signed by the platform key")
	assert.Equal(t, "OK", env.Status, env.SignedValue)
	assert.True(t, strings.Contains(env.SignedValue, `"bizUserId":"`+bizUserID+`"`), env.SignedValue)
}

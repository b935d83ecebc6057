package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/internal/testtool"
	"github.com/tsymock/tsymock/keys"
	"github.com/tsymock/tsymock/keys/demo"
)

// TestServeCallShutdown starts "serve" on a free port, reads its ready line,
// makes a signed call with "call", and stops it as SIGTERM would.
func TestServeCallShutdown(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	stderr := &testtool.Buffer{}
	exit := make(chan int, 1)
	go func() {
		exit <- run(ctx, []string{"serve", "--addr", "127.0.0.1:0", "--seed", "7"}, pw, stderr)
		pw.Close()
	}()
	line, err := bufio.NewReader(pr).ReadString('\n')
	require.NoError(t, err, "stderr: %s", stderr)
	go func() { _, _ = io.Copy(io.Discard, pr) }()
	var ready readyLine
	require.NoError(t, json.Unmarshal([]byte(line), &ready))
	assert.Equal(t, "ready", ready.Event)
	assert.Equal(t, "http://"+ready.Addr+"/service/soa", ready.SOAURL)
	assert.Equal(t, []string{demo.SysID}, ready.SysIDs)

	var out, errOut bytes.Buffer
	code := run(context.Background(), []string{"call", "--url", "http://" + ready.Addr, "MemberService", "createMember", `{"bizUserId":"cli","memberType":3,"source":1}`}, &out, &errOut)
	require.Equal(t, 0, code, "stderr: %s", errOut.String())
	assert.Contains(t, out.String(), `"bizUserId": "cli"`)

	out.Reset()
	errOut.Reset()
	code = run(context.Background(), []string{"call", "--get", "--url", "http://" + ready.Addr, "MemberService", "createMember", `{"bizUserId":"cli","memberType":3,"source":1}`}, &out, &errOut)
	assert.Equal(t, 1, code)
	assert.Contains(t, errOut.String(), "30000 所属应用下已经存在此用户")

	cancel()
	select {
	case code := <-exit:
		assert.Equal(t, 0, code, "stderr: %s", stderr)
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not stop")
	}
	assert.Contains(t, stderr.String(), "call=MemberService.createMember")
}

func TestHelpAndVersion(t *testing.T) {
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"help"}, 0, "demo-keys"},
		{[]string{"--help"}, 0, "keygen"},
		{[]string{"version"}, 0, "tsymock "},
		{[]string{"nope"}, 2, "unknown command"},
		{[]string{"serve", "--help"}, 0, "--sign-hints"},
		{[]string{"call", "--help"}, 0, "PARAM-JSON"},
		{[]string{"keygen", "--help"}, 0, "--platform"},
		{[]string{"serve", "--log-format", "xml", "--addr", "127.0.0.1:0"}, 1, "text or json"},
		{[]string{"serve", "--clock", "yesterday", "--addr", "127.0.0.1:0"}, 1, "--clock"},
		{[]string{"serve", "--app", "nope", "--addr", "127.0.0.1:0"}, 1, "SYSID=PATH"},
	} {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			var out, errOut bytes.Buffer
			code := run(context.Background(), tc.args, &out, &errOut)
			assert.Equal(t, tc.code, code)
			assert.Contains(t, out.String()+errOut.String(), tc.want)
		})
	}
}

// TestKeygen writes a merchant and a platform key set and reads them back.
func TestKeygen(t *testing.T) {
	dir := t.TempDir()
	var out, errOut bytes.Buffer
	require.Equal(t, 0, run(context.Background(), []string{"keygen", "--sysid", "1234", "--bits", "1024", "--out", dir}, &out, &errOut), errOut.String())
	require.Equal(t, 0, run(context.Background(), []string{"keygen", "--platform", "--bits", "1024", "--out", dir}, &out, &errOut), errOut.String())

	key, cert, err := keys.ParsePFX(readFile(t, dir, "1234.pfx"), "123456")
	require.NoError(t, err)
	pem, err := keys.ParsePrivateKey(readFile(t, dir, "1234.key.pem"))
	require.NoError(t, err)
	assert.True(t, key.Equal(pem))
	assert.True(t, key.PublicKey.Equal(cert.PublicKey))
	_, err = keys.ParsePrivateKey(readFile(t, dir, "platform.key.pem"))
	require.NoError(t, err)
	_, err = keys.ParseCertificate(readFile(t, dir, "platform.cer"))
	require.NoError(t, err)
	info, err := os.Stat(filepath.Join(dir, "1234.key.pem"))
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o600), info.Mode().Perm(), "private keys are owner-only")

	errOut.Reset()
	assert.Equal(t, 1, run(context.Background(), []string{"keygen", "--sysid", "1234", "--out", dir}, &out, &errOut))
	assert.Contains(t, errOut.String(), "--force")
	assert.Equal(t, 1, run(context.Background(), []string{"keygen", "--out", dir}, &out, &errOut))
}

func TestDemoKeys(t *testing.T) {
	dir := t.TempDir()
	var out, errOut bytes.Buffer
	require.Equal(t, 0, run(context.Background(), []string{"demo-keys", "--out", dir}, &out, &errOut), errOut.String())
	_, _, err := keys.ParsePFX(readFile(t, dir, demo.MerchantPFXFile), demo.PFXPassword)
	require.NoError(t, err)
	_, err = keys.ParseCertificate(readFile(t, dir, demo.PlatformCertFile))
	require.NoError(t, err)
}

func readFile(t *testing.T, dir, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, name))
	require.NoError(t, err)
	return b
}

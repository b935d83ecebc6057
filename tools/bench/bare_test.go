package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/internal/load"
	"github.com/tsymock/tsymock/keys"
)

// TestCryptoHandler verifies each call and signs a fresh answer; a bad
// sign is refused.
func TestCryptoHandler(t *testing.T) {
	c, m := testClient(t)
	b, err := startBare("127.0.0.1:0", cryptoHandler(&m.MerchantKey.PublicKey, m.PlatformKey))
	require.NoError(t, err)
	defer b.Close()
	reqs, err := load.Prepare(context.Background(), c, b.Addr(), load.CreateMemberReqs("crypto-", 3))
	require.NoError(t, err)
	res, err := load.Run(context.Background(), load.Options{Addr: b.Addr(), Requests: reqs, Duration: time.Minute})
	require.NoError(t, err)
	assert.Equal(t, uint64(3), res.OK)
	a, err := fetchAnswer(b.Addr(), reqs[0])
	require.NoError(t, err)
	var env struct{ SysID, Sign, SignedValue, Status string }
	require.NoError(t, json.Unmarshal(a.Body, &env))
	assert.Equal(t, "OK", env.Status)
	require.NoError(t, keys.Verify(&m.PlatformKey.PublicKey, env.SignedValue, env.Sign))
	assert.Contains(t, env.SignedValue, "crypto-0", "the answer signs the request's req")

	bad := load.Request(b.Addr(), "sysid=1&sign=AAAA&timestamp=2026-11-28+12:00:00&v=2.0&req=%7B%7D")
	res, err = load.Run(context.Background(), load.Options{Addr: b.Addr(), Requests: [][]byte{bad}, Duration: time.Minute})
	require.NoError(t, err)
	assert.Equal(t, uint64(1), res.NotOK["http-400"])
	_, err = fetchAnswer(b.Addr(), bad)
	assert.ErrorContains(t, err, "400 Bad Request")
}

// TestBareHandlerRepeatsTheAnswer: what the bare handler writes is the
// canned answer it was given, headers included, read back from the file
// the suite writes.
func TestBareHandlerRepeatsTheAnswer(t *testing.T) {
	want := cannedAnswer{Header: map[string]string{"Content-Type": "application/json;charset=UTF-8", "X-Tsymock-Version": "test"},
		Body: []byte(`{"sysid":"1","sign":"s","signedValue":"{\"a\":1}","status":"OK"}`)}
	file := filepath.Join(t.TempDir(), "answer.json")
	data, err := json.Marshal(want)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(file, data, 0o644))
	a, err := readAnswer(file)
	require.NoError(t, err)
	b, err := startBare("127.0.0.1:0", bareHandler(a))
	require.NoError(t, err)
	defer b.Close()
	got, err := fetchAnswer(b.Addr(), load.Request(b.Addr(), "x=1"))
	require.NoError(t, err)
	assert.Equal(t, want, got)

	_, err = readAnswer(filepath.Join(t.TempDir(), "none.json"))
	assert.ErrorContains(t, err, "bench: canned answer")
}

func TestFetchAnswerRefusesWhatIsNotOK(t *testing.T) {
	b, err := startBare("127.0.0.1:0", bareHandler(cannedAnswer{Body: []byte(`{"status":"error","errorCode":"20019"}`)}))
	require.NoError(t, err)
	defer b.Close()
	_, err = fetchAnswer(b.Addr(), load.Request(b.Addr(), "x=1"))
	assert.ErrorContains(t, err, "not OK")
	_, err = fetchAnswer(b.Addr(), []byte("not http"))
	assert.ErrorContains(t, err, "bench: fetch")
	_, err = fetchAnswer("127.0.0.1:1", load.Request("127.0.0.1:1", "x=1"))
	assert.ErrorContains(t, err, "bench: fetch")
}

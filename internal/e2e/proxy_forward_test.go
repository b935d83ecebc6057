package e2e

import (
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/client"
	"github.com/tsymock/tsymock/keys/demo"
	"github.com/tsymock/tsymock/mock"
	"github.com/tsymock/tsymock/scenarios"
)

// These tests put tsymock in front of a second tsymock that plays the real
// environment (its own platform key, the same merchant application), on
// loopback: serve --upstream, docs/record.md.

// TestUpstreamPassThrough: the client, configured with the real platform's
// certificate, gets the upstream's bytes unchanged (its signature
// included), over POST and GET; tsymock's emulator is not involved.
func TestUpstreamPassThrough(t *testing.T) {
	t.Parallel()
	w := newProxyWorld(t)
	real := w.startReal(t)
	front, srv, _ := w.startFront(t, mock.UpstreamConfig{URL: real.URL})

	status, ctype, body := postTo(t, front, demoForm(t, w, `{"service":"MemberService","method":"createMember","param":{"bizUserId":"pt-alice","memberType":3,"source":1}}`))
	assert.Equal(t, http.StatusOK, status)
	assert.Equal(t, "application/json;charset=UTF-8", ctype)
	up := lastEntry(t, real.Server)
	assert.Equal(t, up.Response, string(body), "the upstream's bytes, unchanged")
	assert.True(t, signedBy(t, body, real.Cert), "signed by the upstream")
	assert.False(t, signedBy(t, body, w.Demo.PlatformCert), "not by tsymock")
	assert.Equal(t, "POST", up.HTTPMethod)

	e := lastEntry(t, srv)
	require.NotNil(t, e.Upstream)
	assert.Equal(t, "passthrough", e.Upstream.Mode)
	assert.Equal(t, mock.OutcomeOK, e.Upstream.Outcome)
	assert.Equal(t, "pt-alice", e.Answer["bizUserId"], "the journal decodes the upstream's answer")
	assert.Equal(t, mock.SignatureValid, e.Signature.Verdict, "a known application is still verified")

	var members []map[string]any
	adminJSON(t, front, "state/"+demo.SysID+"/members", &members)
	assert.Empty(t, members, "the emulator was not asked")

	get := w.client(t, front, real.Cert)
	getClient, err := client.New(front, demo.SysID, w.Demo.MerchantKey, real.Cert, client.WithClock(w.Clock.Now), client.WithGET())
	require.NoError(t, err)
	_, err = getClient.CreateMember(testCtx(t), client.CreateMemberRequest{BizUserID: "pt-bob", MemberType: 3, Source: 1})
	require.NoError(t, err, "a GET is forwarded as a GET")
	assert.Equal(t, "GET", lastEntry(t, real.Server).HTTPMethod)
	_, err = get.CreateMember(testCtx(t), client.CreateMemberRequest{BizUserID: "pt-bob", MemberType: 3, Source: 1})
	assert.Equal(t, "30000", apiCode(t, err), "the upstream's error, verified with its certificate")
}

// TestUpstreamResign: a client configured with tsymock's certificate gets
// the upstream's answers signed again by tsymock, OK and error alike, with
// the upstream's signedValue text unchanged.
func TestUpstreamResign(t *testing.T) {
	t.Parallel()
	w := newProxyWorld(t)
	real := w.startReal(t)
	front, srv, _ := w.startFront(t, mock.UpstreamConfig{URL: real.URL + "/service/soa", Mode: mock.UpstreamResign,
		Key: realKey(real)})
	c := w.client(t, front, w.Demo.PlatformCert)

	created, err := c.CreateMember(testCtx(t), client.CreateMemberRequest{BizUserID: "rs-alice", MemberType: 3, Source: 1})
	require.NoError(t, err, "verifies with tsymock's certificate")
	var upstream struct{ SignedValue string }
	require.NoError(t, json.Unmarshal([]byte(lastEntry(t, real.Server).Response), &upstream))
	var front0 struct{ SignedValue string }
	require.NoError(t, json.Unmarshal([]byte(lastEntry(t, srv).Response), &front0))
	assert.Equal(t, upstream.SignedValue, front0.SignedValue, "the upstream's signedValue, signed again")
	assert.NotEmpty(t, created.UserID)
	assert.Equal(t, mock.SignatureValid, lastEntry(t, srv).Upstream.Signature, "checked with --upstream-cert")

	_, err = c.CreateMember(testCtx(t), client.CreateMemberRequest{BizUserID: "rs-alice", MemberType: 3, Source: 1})
	assert.Equal(t, "30000", apiCode(t, err), "an error answer, signed again")

	t.Run("an answer that does not verify with --upstream-cert is not signed again", func(t *testing.T) {
		t.Parallel()
		wrong, _, _ := w.startFront(t, mock.UpstreamConfig{URL: real.URL, Mode: mock.UpstreamResign, Key: &w.Demo.PlatformKey.PublicKey})
		_, err := w.client(t, wrong, w.Demo.PlatformCert).CreateMember(testCtx(t), client.CreateMemberRequest{BizUserID: "rs-bob", MemberType: 3, Source: 1})
		assert.Equal(t, "9500", apiCode(t, err))
		assert.Contains(t, err.Error(), "does not verify with --upstream-cert")
	})
}

// TestUpstreamWhoIsChecked: an application tsymock does not know is
// forwarded unverified (the upstream knows its key); a known one is
// verified first, and a bad signature never leaves tsymock; scenario rules
// answer before the upstream is asked.
func TestUpstreamWhoIsChecked(t *testing.T) {
	t.Parallel()
	w := newProxyWorld(t)
	real := w.startReal(t)
	unknown, srv, _ := w.startFront(t, mock.UpstreamConfig{URL: real.URL}, func(c *mock.Config) { c.Apps = nil })
	_, err := w.client(t, unknown, real.Cert).CreateMember(testCtx(t), client.CreateMemberRequest{BizUserID: "who-a", MemberType: 3, Source: 1})
	require.NoError(t, err)
	assert.Equal(t, mock.SignatureUnchecked, lastEntry(t, srv).Signature.Verdict)

	known, _, _ := w.startFront(t, mock.UpstreamConfig{URL: real.URL}, func(c *mock.Config) {
		c.Scenarios = []*scenarios.File{scenarioFile(t, `rules: [{when: {method: getMemberInfo}, respond: {error: {code: "30001"}}}]`)}
	})
	before := real.Server.Calls(mock.JournalFilter{})
	bad, err := client.New(known, demo.SysID, w.Demo.PlatformKey, real.Cert, client.WithClock(w.Clock.Now))
	require.NoError(t, err)
	_, err = bad.CreateMember(testCtx(t), client.CreateMemberRequest{BizUserID: "who-b", MemberType: 3, Source: 1})
	require.Error(t, err, "tsymock's 20019, signed with tsymock's key")
	_, err = w.client(t, known, w.Demo.PlatformCert).GetMemberInfo(testCtx(t), "who-b")
	assert.Equal(t, "30001", apiCode(t, err), "the rule answers")
	assert.Equal(t, before, real.Server.Calls(mock.JournalFilter{}), "neither call reached the upstream")
}

// TestUpstreamFieldsEncryptedForTsymock: in re-sign mode a client that
// encrypts with tsymock's certificate sends fields the upstream cannot
// open; the call is answered 20017 with what to do, and not forwarded.
func TestUpstreamFieldsEncryptedForTsymock(t *testing.T) {
	t.Parallel()
	w := newProxyWorld(t)
	real := w.startReal(t)
	front, _, _ := w.startFront(t, mock.UpstreamConfig{URL: real.URL, Mode: mock.UpstreamResign})
	c := w.client(t, front, w.Demo.PlatformCert)
	_, err := c.CreateMember(testCtx(t), client.CreateMemberRequest{BizUserID: "enc-a", MemberType: 3, Source: 1})
	require.NoError(t, err)
	_, err = c.SetRealName(testCtx(t), realName("enc-a", personID))
	assert.Equal(t, "20017", apiCode(t, err))
	assert.Contains(t, err.Error(), "identityNo was encrypted with tsymock's platform certificate")
	assert.Zero(t, real.Server.Calls(mock.JournalFilter{Method: "setRealName"}), "not forwarded")
}

// TestUpstreamDownSlowAndTimeout: an upstream that is down is a signed
// 9500, one slower than --upstream-timeout a signed 9400, in every mode;
// nothing is recorded; the timeout is the configured one.
func TestUpstreamDownSlowAndTimeout(t *testing.T) {
	t.Parallel()
	w := newProxyWorld(t)
	slow := scenarioFile(t, "rules: [{when: {method: createMember, param: {bizUserId: {regex: '^slow-'}}}, respond: {delay: 400ms}}]")
	real := w.startReal(t, func(c *mock.Config) { c.Scenarios = []*scenarios.File{slow} })
	down := w.startReal(t)
	down.Stop()
	for _, tc := range []struct {
		name, upstream, bizUserID, code string
		timeout                         time.Duration
	}{
		{"down", down.URL, "down-a", "9500", 0},
		{"slower than the timeout", real.URL, "slow-a", "9400", 100 * time.Millisecond},
		{"within a longer timeout", real.URL, "slow-b", "", 3 * time.Second},
	} {
		for _, mode := range []string{mock.UpstreamPassThrough, mock.UpstreamResign} {
			t.Run(tc.name+" "+mode, func(t *testing.T) {
				t.Parallel()
				dir := t.TempDir()
				front, srv, _ := w.startFront(t, mock.UpstreamConfig{URL: tc.upstream, Mode: mode, Timeout: tc.timeout, RecordDir: dir})
				start := time.Now()
				status, _, body := postTo(t, front, demoForm(t, w, `{"service":"MemberService","method":"createMember","param":{"bizUserId":"`+tc.bizUserID+"-"+mode+`","memberType":3,"source":1}}`))
				assert.Equal(t, http.StatusOK, status)
				e := lastEntry(t, srv)
				if tc.code == "" {
					assert.Equal(t, mock.OutcomeOK, e.Outcome, "%s", body)
					assert.FileExists(t, dir+"/MemberService.yaml")
					return
				}
				assert.Less(t, time.Since(start), 2*time.Second)
				assert.True(t, signedBy(t, body, w.Demo.PlatformCert), "tsymock's own error, signed: %s", body)
				assert.Equal(t, tc.code, e.ErrorCode, "%s", body)
				assert.NotEmpty(t, e.Upstream.Error)
				assert.NoFileExists(t, dir+"/MemberService.yaml", "nothing recorded")
			})
		}
	}
}

// TestUpstreamPagesGoThere: with an upstream, a page flow is sent to the
// upstream's page, its signed parameters unchanged.
func TestUpstreamPagesGoThere(t *testing.T) {
	t.Parallel()
	w := newProxyWorld(t)
	real := w.startReal(t)
	front, _, _ := w.startFront(t, mock.UpstreamConfig{URL: real.URL})
	noFollow := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := noFollow.Get(front + "/yungateway/member/signContract.html?sysid=1&req=x")
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusTemporaryRedirect, resp.StatusCode)
	assert.Equal(t, real.URL+"/yungateway/member/signContract.html?sysid=1&req=x", resp.Header.Get("Location"))
}

// scenarioFile parses a scenario file.
func scenarioFile(t *testing.T, text string) *scenarios.File {
	t.Helper()
	f, err := scenarios.Parse("test.yaml", []byte(text))
	require.NoError(t, err)
	return f
}

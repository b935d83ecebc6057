package e2e

import (
	"context"
	"encoding/json"
	"errors"
	"io/fs"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/client"
	"github.com/tsymock/tsymock/internal/emulator"
	"github.com/tsymock/tsymock/keys/demo"
	"github.com/tsymock/tsymock/mock"
	"github.com/tsymock/tsymock/mock/mocktest"
)

// journalPage is the answer of GET /__tsymock/journal.
type journalPage struct {
	Entries []mock.JournalEntry `json:"entries"`
	Last    uint64              `json:"last"`
}

type countAnswer struct {
	Count int `json:"count"`
}

func createMember(t *testing.T, c *client.Client, bizUserID string) error {
	t.Helper()
	_, err := c.CreateMember(context.Background(), client.CreateMemberRequest{BizUserID: bizUserID, MemberType: 3, Source: 1})
	return err
}

// bindPhone binds phone to a member with the configured SMS code.
func bindPhone(c *client.Client, bizUserID, phone string) error {
	ctx := context.Background()
	if _, err := c.SendVerificationCode(ctx, client.SendVerificationCodeRequest{BizUserID: bizUserID, Phone: phone,
		VerificationCodeType: client.VerificationCodeBind}); err != nil {
		return err
	}
	_, err := c.BindPhone(ctx, client.PhoneCodeRequest{BizUserID: bizUserID, Phone: phone, VerificationCode: smsCode})
	return err
}

func errorCodeOf(t *testing.T, err error) string {
	t.Helper()
	var cerr *client.Error
	require.True(t, errors.As(err, &cerr), "want a platform error, got %v", err)
	return cerr.Code
}

// TestAdminJournalOverHTTP: what a CI script sees of the calls its SDK made.
func TestAdminJournalOverHTTP(t *testing.T) {
	t.Parallel()
	srv := mocktest.New(t, mocktest.WithClockAt(mustTime(t, vectorTime)))
	a := admin{t: t, base: srv.URL}
	require.NoError(t, createMember(t, srv.Client, "alice"))
	assert.Equal(t, "30000", errorCodeOf(t, createMember(t, srv.Client, "alice")))

	var page journalPage
	a.get("journal?method=createMember", &page)
	require.Len(t, page.Entries, 2)
	ok := page.Entries[0]
	assert.Equal(t, mock.SignatureValid, ok.Signature.Verdict)
	assert.Equal(t, "alice", ok.Req.Param["bizUserId"])
	assert.Equal(t, vectorTime, ok.Raw["timestamp"])
	assert.Contains(t, ok.Response, `"sign":`)
	assert.NotZero(t, ok.DurationMS)

	var one mock.JournalEntry
	a.get("journal/"+jsonNumber(page.Entries[1].ID), &one)
	assert.Equal(t, "30000", one.ErrorCode)

	var n countAnswer
	a.get("calls?service=MemberService&method=createMember&param.bizUserId=alice", &n)
	assert.Equal(t, 2, n.Count)
	a.get("calls?errorCode=30000&sysid="+demo.SysID, &n)
	assert.Equal(t, 1, n.Count)
	a.get("journal?after="+jsonNumber(page.Last), &page)
	assert.Empty(t, page.Entries, "nothing new since the last poll")
}

func jsonNumber(n uint64) string {
	b, _ := json.Marshal(n)
	return string(b)
}

// TestAdminArmScenariosClockOverHTTP: arm an error, add and remove rules,
// move the clock, all while the SDK keeps calling.
func TestAdminArmScenariosClockOverHTTP(t *testing.T) {
	t.Parallel()
	srv := mocktest.New(t, mocktest.WithClockAt(mustTime(t, vectorTime)))
	a := admin{t: t, base: srv.URL}

	a.json(http.MethodPost, "arm?sysid="+demo.SysID, `{"when":{"service":"MemberService","method":"createMember"},"respond":{"error":{"code":"30022","message":"locked for the test"}}}`, http.StatusCreated, nil)
	err := createMember(t, srv.Client, "bob")
	assert.Equal(t, "30022", errorCodeOf(t, err))
	assert.Contains(t, err.Error(), "locked for the test")
	require.NoError(t, createMember(t, srv.Client, "bob"), "armed answers once")

	var added struct{ IDs []string }
	a.json(http.MethodPost, "scenarios?sysid="+demo.SysID+"&source=ci.yaml",
		"rules:\n  - name: no info\n    when: {method: getMemberInfo}\n    respond: {error: {code: \"30001\"}}\n", http.StatusCreated, &added)
	require.Len(t, added.IDs, 1)
	var list ruleList
	a.get("scenarios", &list)
	require.Len(t, list.Rules, 3, "magic values, the retired armed rule, the added one")
	_, err = srv.Client.GetMemberInfo(context.Background(), "bob")
	assert.Equal(t, "30001", errorCodeOf(t, err))
	a.json(http.MethodDelete, "scenarios?id="+urlQuery(added.IDs[0]), "", http.StatusOK, nil)
	_, err = srv.Client.GetMemberInfo(context.Background(), "bob")
	require.NoError(t, err)

	var clock struct{ China string }
	a.json(http.MethodPost, "clock", `{"advance":"36h"}`, http.StatusOK, &clock)
	assert.Equal(t, "2026-11-30 00:00:00", clock.China)
	require.NoError(t, createMember(t, srv.Client, "carol"), "the client follows the server clock")
	a.json(http.MethodPost, "clock", `{"set":"2027-01-01 08:00:00"}`, http.StatusOK, &clock)
	assert.Equal(t, "2027-01-01 08:00:00", clock.China)
	assert.Equal(t, "2027-01-01 08:00:00", srv.Clock().Now().In(chinaZone()).Format("2006-01-02 15:04:05"))
}

func chinaZone() *time.Location { return time.FixedZone("CST", 8*3600) }

func urlQuery(s string) string {
	return strings.NewReplacer(" ", "%20", "#", "%23", "+", "%2B").Replace(s)
}

// TestAdminAppsStateCoverageResetOverHTTP: register an application at run
// time, look at its state and coverage, reset it alone.
func TestAdminAppsStateCoverageResetOverHTTP(t *testing.T) {
	t.Parallel()
	srv := mocktest.New(t)
	a := admin{t: t, base: srv.URL}
	cert, err := fs.ReadFile(demo.Files(), demo.MerchantCertFile)
	require.NoError(t, err)
	body, err := json.Marshal(map[string]string{"sysid": "777", "cert": string(cert)})
	require.NoError(t, err)
	a.json(http.MethodPost, "apps", string(body), http.StatusCreated, nil)
	var apps []mock.AppInfo
	a.get("apps", &apps)
	require.Len(t, apps, 2)
	assert.Equal(t, mock.OriginAdmin, apps[1].Origin)

	other, err := mocktest.NewClient(t, srv, "777")
	require.NoError(t, err)
	require.NoError(t, createMember(t, other, "dave"))
	require.NoError(t, createMember(t, srv.Client, "erin"))

	var members []emulator.MemberView
	a.get("state/777/members", &members)
	require.Len(t, members, 1)
	assert.Equal(t, "dave", members[0].BizUserID)

	var covs []mock.Coverage
	a.get("coverage", &covs)
	require.Len(t, covs, 2)
	code, text := a.do(http.MethodGet, "coverage?format=text&sysid=777", "")
	require.Equal(t, http.StatusOK, code)
	assert.Contains(t, string(text), "sysid 777: 1 of")
	assert.Contains(t, string(text), "MemberService.createMember")

	a.json(http.MethodPost, "reset?sysid=777", "", http.StatusOK, nil)
	a.get("state/777/members", &members)
	assert.Empty(t, members)
	a.get("state/"+demo.SysID+"/members", &members)
	assert.Len(t, members, 1, "the other application is untouched")
	require.NoError(t, createMember(t, other, "dave"), "dave is new again")

	a.json(http.MethodPost, "reset", "", http.StatusOK, nil)
	var page journalPage
	a.get("journal", &page)
	assert.Empty(t, page.Entries)
	code, _ = a.do(http.MethodGet, "nothing-here", "")
	assert.Equal(t, http.StatusNotFound, code)
}

// TestAdminNotificationsOverHTTP: list, deliver now, redeliver; the
// coverage counts the delivered notification.
func TestAdminNotificationsOverHTTP(t *testing.T) {
	t.Parallel()
	srv := mocktest.New(t) // the platform's schedule: the first attempt waits 5 s
	a := admin{t: t, base: srv.URL}
	rcv := newReceiver(t, srv.Client, nil)
	ctx := context.Background()
	for _, id := range []string{"payer", "shop"} {
		require.NoError(t, createMember(t, srv.Client, id))
	}
	_, err := srv.Client.ApplicationTransfer(ctx, client.ApplicationTransferRequest{BizTransferNo: "T1",
		SourceAccountSetNo: standardSet, TargetBizUserID: "payer", TargetAccountSetNo: escrowSet, Amount: 1000})
	require.NoError(t, err)
	req := consume("payer", "shop", "C1", 300, 0)
	req.BackURL = rcv.URL + "/notify"
	_, err = srv.Client.ConsumeApply(ctx, req)
	require.NoError(t, err)

	var list []mock.Notification
	a.get("notifications?sysid="+demo.SysID, &list)
	require.Len(t, list, 1)
	assert.Equal(t, mock.NotifyPending, list[0].State)

	a.json(http.MethodPost, "notifications/deliver", "", http.StatusOK, &list)
	require.Len(t, list, 1)
	assert.Equal(t, mock.NotifyDelivered, list[0].State)
	rcv.wait(t, 1)

	var n mock.Notification
	a.json(http.MethodPost, "notifications/"+list[0].ID+"/redeliver", "", http.StatusOK, &n)
	assert.Len(t, n.Attempts, 2)
	rcv.wait(t, 2)

	_, text := a.do(http.MethodGet, "coverage?format=text", "")
	assert.Contains(t, string(text), "OrderService.pay OK")
	assert.Contains(t, string(text), "1, 1 delivered")
}

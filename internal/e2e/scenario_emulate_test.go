package e2e

import (
	"context"
	"net/http"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/client"
	"github.com/tsymock/tsymock/internal/doctest"
	"github.com/tsymock/tsymock/internal/journal"
	"github.com/tsymock/tsymock/internal/notify"
	"github.com/tsymock/tsymock/keys/demo"
	"github.com/tsymock/tsymock/mock"
)

// docRules is the YAML block of docs/scenarios.md that holds text.
func docRules(t *testing.T, text string) string {
	t.Helper()
	md, err := os.ReadFile("../../docs/scenarios.md")
	require.NoError(t, err)
	for _, b := range doctest.Blocks(string(md)) {
		if b.Lang == "yaml" && strings.Contains(b.Code, text) {
			return b.Code
		}
	}
	t.Fatalf("docs/scenarios.md shows no yaml block with %q", text)
	return ""
}

// TestScenarioDoneButAnswerLost: the example of docs/scenarios.md (probe-Z
// §9). emulate with error pays the order and answers 9400: a query shows
// it paid, a second pay is 40004, and the pay notification is queued;
// emulate with a fault creates the member behind a gateway's 500, and a
// retry is 30000. The journal's emulated holds what the emulator answered,
// and a call it refused changed nothing.
func TestScenarioDoneButAnswerLost(t *testing.T) {
	c := orders(t)
	a := admin{t: t, base: c.env.URL}
	a.json(http.MethodPost, "scenarios?sysid="+c.env.SysID+"&source=doc.yaml", docRules(t, "paid, but the merchant hears 9400"),
		http.StatusCreated, nil)
	c.cardHolder("u")
	_, err := c.DepositApply(c.ctx, deposit("u", "d1", 1000, 0))
	require.NoError(t, err)

	_, err = c.pay("u", "d1", smsCode)
	assert.Equal(t, "9400", apiCode(t, err), "the merchant hears a timeout")
	assert.Equal(t, client.OrderSucceeded, c.status("d1"), "the order was paid")
	all, _ := c.balance("u")
	assert.Equal(t, int64(1000), all)
	_, err = c.pay("u", "d1", smsCode)
	assert.Equal(t, "40004", apiCode(t, err), "paying again: the order is no longer unpaid")
	var notes []notify.Notification
	a.get("notifications?sysid="+c.env.SysID, &notes)
	assert.True(t, containsNote(notes, "OrderService", "pay"), "the pay notification goes out: %+v", notes)

	paid := journalOf(t, c.env, "method=pay&errorCode=9400")
	assert.Equal(t, journal.OutcomeError, paid.Outcome)
	assert.Contains(t, paid.Rule, "doc.yaml:2 paid, but the merchant hears 9400")
	require.NotNil(t, paid.Emulated)
	assert.Equal(t, journal.OutcomeOK, paid.Emulated.Outcome)
	assert.Equal(t, "success", paid.Emulated.Answer["payStatus"])
	assert.Nil(t, paid.Answer, "the client got no answer of the emulator's")

	_, err = c.CreateMember(context.Background(), client.CreateMemberRequest{BizUserID: "gw-1", MemberType: 3, Source: 1})
	assert.ErrorContains(t, err, "HTTP 500")
	assert.Equal(t, "30000", apiCode(t, createMember(t, c.Client, "gw-1")), "the member was created")
	created := journalOf(t, c.env, "param.bizUserId=gw-1&outcome=fault")
	assert.Equal(t, &journal.Emulated{Outcome: journal.OutcomeOK, Answer: created.Emulated.Answer}, created.Emulated)
	assert.Equal(t, "gw-1", created.Emulated.Answer["bizUserId"])
	assert.Empty(t, created.ErrorCode)

	a.json(http.MethodPost, "arm?sysid="+c.env.SysID, `{"when":{"param":{"bizUserId":"gw-2"}},"respond":{"emulate":true,"fault":"http-500"}}`,
		http.StatusCreated, nil)
	_, err = callJSON(t, c.Client, "MemberService.createMember", `{"bizUserId":"gw-2"}`)
	assert.ErrorContains(t, err, "HTTP 500", "the rule's answer, whatever the emulator said")
	refused := journalOf(t, c.env, "param.bizUserId=gw-2")
	assert.Equal(t, journal.OutcomeError, refused.Emulated.Outcome)
	assert.Equal(t, "10001", refused.Emulated.ErrorCode, "memberType missing: nothing was created")
	assert.Equal(t, "OK", apiOutcome(createMember(t, c.Client, "gw-2")), "gw-2 did not exist")
	waitForLog(t, c.env, `emulated="error 10001"`)
	assert.Contains(t, c.env.Log.String(), "errorCode=9400")
	assert.Contains(t, c.env.Log.String(), "emulated=OK")
}

// containsNote reports whether a notification of service.method is listed.
func containsNote(notes []notify.Notification, service, method string) bool {
	for _, n := range notes {
		if n.Service == service && n.Method == method {
			return true
		}
	}
	return false
}

// apiOutcome is "OK" for no error, else the error.
func apiOutcome(err error) string {
	if err == nil {
		return "OK"
	}
	return err.Error()
}

// TestScenarioDoneUpstream: with serve --upstream, emulate with error
// lets the upstream carry the call out, and answers the rule's error.
func TestScenarioDoneUpstream(t *testing.T) {
	t.Parallel()
	w := newProxyWorld(t)
	real := w.startReal(t)
	front, srv, _ := w.startFront(t, mock.UpstreamConfig{URL: real.URL}, func(c *mock.Config) {
		c.Scenarios = append(c.Scenarios, scenarioFile(t, "rules:\n  - {when: {method: createMember}, respond: {emulate: true, error: \"9400\"}}\n"))
	})
	_, err := w.client(t, front, w.Demo.PlatformCert).CreateMember(testCtx(t),
		client.CreateMemberRequest{BizUserID: "up-1", MemberType: 3, Source: 1})
	assert.Equal(t, "9400", apiCode(t, err))
	var members []map[string]any
	adminJSON(t, real.URL, "state/"+demo.SysID+"/members", &members)
	require.Len(t, members, 1, "the upstream created it")
	e := lastEntry(t, srv)
	assert.Equal(t, "9400", e.ErrorCode)
	require.NotNil(t, e.Emulated)
	assert.Equal(t, journal.OutcomeOK, e.Emulated.Outcome)
	assert.Equal(t, "up-1", e.Emulated.Answer["bizUserId"])
}

package e2e

import (
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/client"
	"github.com/tsymock/tsymock/internal/soa"
)

// TestPageRules: a scenario rule may name a page flow (signContract) and
// answer its page with an error, which the page names as /service/soa
// does (X-Tsymock-Rule, the journal's rule); a rule that answers ok or a
// fault is refused for a page flow, and one that reaches a page through
// its params is left, unclaimed, for /service/soa (probe-Z: a page took
// an armed fault's use and ignored it, and left no trace of a rule's
// error).
func TestPageRules(t *testing.T) {
	e, c, rcv := pagesEnv(t)
	c.realNamed("sia")
	a := admin{t: t, base: e.URL}
	page := mustPageURL(t, c, client.PageSignContract, "MemberService", "signContract",
		client.ContractPageParams{BizUserID: "sia", JumpURL: rcv.URL + "/jump", BackURL: rcv.URL + "/notify", Source: client.SourceMobile})

	a.json(http.MethodPost, "arm?sysid="+e.SysID, `{"when":{"param":{"bizUserId":"sia"}},"respond":{"fault":"http-500"}}`, http.StatusCreated, nil)
	assert.Equal(t, http.StatusOK, getPage(t, page).Status, "the fault is not the page's")
	var rules ruleList
	a.get("scenarios", &rules)
	require.Len(t, rules.Rules, 2, "the magic values and the armed rule")
	assert.Zero(t, rules.Rules[1].Uses, "left for /service/soa")
	a.json(http.MethodPost, "reset?sysid="+e.SysID, "", http.StatusOK, nil)
	c.realNamed("sia")

	a.json(http.MethodPost, "arm?sysid="+e.SysID, `{"when":{"method":"signContract"},"respond":{"ok":{}}}`, http.StatusBadRequest, nil)
	a.json(http.MethodPost, "arm?sysid="+e.SysID, `{"when":{"method":"signContract"},"respond":{"error":"30043"}}`, http.StatusCreated, nil)
	p := getPage(t, page)
	errorPage(t, p, "30043")
	rule := soa.ParseRuleHeader(p.Header.Get(soa.HeaderRule))
	require.NotEmpty(t, rule, "the page names the rule")
	var journal struct {
		Entries []struct {
			Kind, Rule, ErrorCode string
		} `json:"entries"`
	}
	a.get("journal?rule="+urlQuery(rule), &journal)
	require.Len(t, journal.Entries, 1)
	assert.Equal(t, []string{"page", "30043"}, []string{journal.Entries[0].Kind, journal.Entries[0].ErrorCode})
}

// TestPageErrorLogLine: a page whose signature does not verify is logged
// once, with the sysid sent and the diagnosis the error page sends the
// tester to the log for, as /service/soa logs it (probe-Y: the line said
// 签名验证失败 with sysid="" and no diagnosis); a page error after a button is
// logged once too.
func TestPageErrorLogLine(t *testing.T) {
	e, c, rcv := pagesEnv(t)
	c.realNamed("sia")
	page := mustPageURL(t, c, client.PageSignContract, "MemberService", "signContract",
		client.ContractPageParams{BizUserID: "sia", JumpURL: rcv.URL + "/jump", BackURL: rcv.URL + "/notify", Source: client.SourceMobile})
	forged := strings.Replace(page, "sign=", "sign=AAAA", 1)
	errorPage(t, getPage(t, forged), "20019")
	waitForLog(t, e.env, `msg="page error" path=/yungateway/member/signContract.html sysid=`+e.SysID)
	line := logLine(t, e.env, `msg="page error"`)
	assert.Contains(t, line, "errorCode=20019")
	assert.Contains(t, line, "diagnosis=")
	assert.Contains(t, line, "verifiedText=")
	assert.Equal(t, 1, strings.Count(e.Log.String(), `msg="page error"`), "once")
}

// logLine is the first line of the env's log that holds text.
func logLine(t *testing.T, e *env, text string) string {
	t.Helper()
	for _, l := range strings.Split(e.Log.String(), "\n") {
		if strings.Contains(l, text) {
			return l
		}
	}
	t.Fatalf("no log line holds %q", text)
	return ""
}

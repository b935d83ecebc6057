package e2e

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/mock"
)

// TestPlatformMessages: with PlatformMessages (serve --platform-messages)
// an error's message on the wire is the platform's words alone (spec §7, or
// the spec's words for a case), signed as such, for suites that compare a
// message whole (probe-AB: tsymock's English explanation followed them);
// a scenario rule's message stays as the rule wrote it; the journal keeps
// the explanation. Without the option the explanation follows on the wire.
func TestPlatformMessages(t *testing.T) {
	rule := withScenario(t, "rules:\n  - when: {method: queryBalance}\n    respond: {error: {code: \"9400\", message: \"请求超时: the rule's own words\"}}\n")
	for _, tc := range []struct {
		name     string
		platform bool
		form     func(t *testing.T, e *env) string
		code     string
		want     string // the wire message with PlatformMessages; a prefix without
	}{
		{"unknown sysid", true, func(t *testing.T, e *env) string {
			return formWith(t, e, createReq("pm-1"), vectorTime, func(v url.Values) { v["sysid"] = []string{"999"} })
		}, "20000", "应用不存在"},
		{"a missing param", true, func(t *testing.T, e *env) string {
			return formWith(t, e, `{"service":"MemberService","method":"createMember","param":{"memberType":3,"source":1}}`, vectorTime, nil)
		}, "10001", "参数不能为空"},
		{"a body that is no URL encoding", true, func(*testing.T, *env) string { return "sysid=1&req=%zz" }, "10000", "参数错误"},
		{"a rule's own message", true, func(t *testing.T, e *env) string {
			return formWith(t, e, `{"service":"OrderService","method":"queryBalance","param":{"bizUserId":"u","accountSetNo":"200126"}}`, vectorTime, nil)
		}, "9400", "请求超时: the rule's own words"},
		{"explained without the option", false, func(t *testing.T, e *env) string {
			return formWith(t, e, createReq("pm-2"), vectorTime, func(v url.Values) { v["sysid"] = []string{"999"} })
		}, "20000", "应用不存在: "},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e, srv := demoServer(t, rule, func(c *mock.Config) { c.PlatformMessages = tc.platform })
			a := send(t, e, http.MethodPost, tc.form(t, e), "application/x-www-form-urlencoded")
			require.Equal(t, tc.code, a.errorCode(t, e), "%s", a.Body)
			msg := a.str(t, "message")
			entries := srv.Journal(mock.JournalFilter{})
			require.NotEmpty(t, entries)
			if !tc.platform {
				assert.Greater(t, len(msg), len(tc.want))
				assert.Equal(t, tc.want, msg[:len(tc.want)])
				return
			}
			assert.Equal(t, tc.want, msg)
			if tc.code != "9400" {
				assert.Greater(t, len(entries[len(entries)-1].Message), len(msg), "the journal keeps the explanation")
			}
		})
	}
}

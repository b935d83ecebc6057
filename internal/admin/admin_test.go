package admin_test

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/internal/admin"
	"github.com/tsymock/tsymock/internal/emulator"
	"github.com/tsymock/tsymock/internal/wiretest"
	"github.com/tsymock/tsymock/keys"
	"github.com/tsymock/tsymock/keys/demo"
	"github.com/tsymock/tsymock/mock"
	"github.com/tsymock/tsymock/scenarios"
)

func TestAdminScenarios(t *testing.T) {
	s, m := newServer(t)
	h := s.Handler()
	rule := `name: no members today
rules:
  - name: refuse
    when: {service: MemberService, method: createMember}
    respond: {error: {code: "30000"}}
`
	rec := wiretest.Do(t, h, http.MethodPost, "/__tsymock/scenarios?sysid="+demo.SysID+"&source=refuse.yaml", rule)
	require.Equal(t, http.StatusCreated, rec.Code, "%s", rec.Body)
	var added map[string][]string
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &added))
	require.Len(t, added["ids"], 1)
	id := added["ids"][0]
	assert.Contains(t, id, "refuse.yaml:3 refuse")

	list := wiretest.GetJSON[admin.ScenarioList](t, h, "/__tsymock/scenarios?sysid="+demo.SysID)
	assert.True(t, list.Magic)
	require.Len(t, list.Rules, 2, "the magic values and the added rule")
	assert.Equal(t, []string{demo.SysID}, list.Rules[1].SysIDs)
	assert.True(t, list.Rules[1].Added)
	assert.Len(t, wiretest.GetJSON[admin.ScenarioList](t, h, "/__tsymock/scenarios?sysid=other").Rules, 1, "not the other app's")

	assert.Equal(t, "30000", wiretest.Call(t, h, m, wiretest.CreateMemberReq("a"))["errorCode"])
	assert.Equal(t, "30000", wiretest.Call(t, h, m, wiretest.CreateMemberReq("b"))["errorCode"], "added rules stay")

	rec = wiretest.Do(t, h, http.MethodDelete, "/__tsymock/scenarios?id="+escape(id), "")
	require.Equal(t, http.StatusOK, rec.Code, "%s", rec.Body)
	assert.Equal(t, "OK", wiretest.Call(t, h, m, wiretest.CreateMemberReq("a"))["status"])
	assert.Equal(t, http.StatusNotFound, wiretest.Do(t, h, http.MethodDelete, "/__tsymock/scenarios?id="+escape(id), "").Code)
	assert.Equal(t, http.StatusBadRequest, wiretest.Do(t, h, http.MethodDelete, "/__tsymock/scenarios", "").Code)

	bad := wiretest.Do(t, h, http.MethodPost, "/__tsymock/scenarios?source=bad.yaml", "rules:\n  - when: {method: creatMember}\n    respond: {ok: {}}\n")
	assert.Equal(t, http.StatusBadRequest, bad.Code)
	assert.Contains(t, bad.Body.String(), "bad.yaml:2")

	rec = wiretest.Do(t, h, http.MethodPost, "/__tsymock/scenarios?builtin=payment-failures", "")
	assert.Equal(t, http.StatusCreated, rec.Code, "%s", rec.Body)
}

func TestAdminArm(t *testing.T) {
	s, m := newServer(t)
	h := s.Handler()
	tests := []struct{ name, body string }{
		{"one rule as JSON", `{"when":{"service":"MemberService","method":"createMember"},"respond":{"error":{"code":"30022"}}}`},
		{"one rule as YAML", "when: {method: createMember}\nrespond:\n  error: {code: \"30022\"}\n"},
		{"a file", "rules:\n  - when: {method: createMember}\n    respond: {error: {code: \"30022\"}}\n"},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := wiretest.Do(t, h, http.MethodPost, "/__tsymock/arm?sysid="+demo.SysID, tt.body)
			require.Equal(t, http.StatusCreated, rec.Code, "%s", rec.Body)
			assert.Equal(t, "30022", wiretest.Call(t, h, m, wiretest.CreateMemberReq(fmt.Sprint("x", i)))["errorCode"])
			assert.Equal(t, "OK", wiretest.Call(t, h, m, wiretest.CreateMemberReq(fmt.Sprint("x", i)))["status"], "one shot")
		})
	}
	rec := wiretest.Do(t, h, http.MethodPost, "/__tsymock/arm", `{"when":{"method":"createMember"},"respond":{"error":{"code":"123"}}}`)
	assert.Equal(t, http.StatusBadRequest, rec.Code)
	assert.Contains(t, rec.Body.String(), "arm:3", "errors name the line of the wrapped rule")
	rec = wiretest.Do(t, h, http.MethodPost, "/__tsymock/arm?sysid="+demo.SysID, `{"when":{"sysid":"B"},"respond":{"error":{"code":"30000"}}}`)
	assert.Equal(t, http.StatusBadRequest, rec.Code, "a rule for another sysid would never match")
}

// TestAdminRulesForAnUnknownSysID: rules armed or added for a sysid no
// application has are refused with 404 and the known sysids, as the
// platform events refuse it (probe-Z §16: a typo got 201 and rules that
// never answer); with --auto-apps they are accepted, with a note that the
// sysid is registered on its first request, and answer it then.
func TestAdminRulesForAnUnknownSysID(t *testing.T) {
	const rule = `{"when":{"method":"createMember"},"respond":{"error":{"code":"30022"}}}`
	for _, path := range []string{"/__tsymock/arm?sysid=10000000002", "/__tsymock/scenarios?sysid=10000000002"} {
		s, m := newServer(t)
		h := s.Handler()
		rec := wiretest.Do(t, h, http.MethodPost, path, "rules: ["+rule+"]")
		assert.Equal(t, http.StatusNotFound, rec.Code, "%s: %s", path, rec.Body)
		assert.Contains(t, rec.Body.String(), `no application is registered with sysid \"10000000002\" (known: `+demo.SysID+`)`)
		assert.Len(t, s.Scenarios().Rules(), 1, "only the magic values")
		assert.Equal(t, "OK", wiretest.Call(t, h, m, wiretest.CreateMemberReq("y"))["status"])
	}

	s, m := newServer(t, func(c *mock.Config) { c.AutoApps = true })
	h := s.Handler()
	rec := wiretest.Do(t, h, http.MethodPost, "/__tsymock/arm?sysid=ci-7", rule)
	require.Equal(t, http.StatusCreated, rec.Code, "%s", rec.Body)
	var added admin.RulesAdded
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &added))
	assert.Len(t, added.IDs, 1)
	assert.Contains(t, added.Note, "sysid ci-7 is not registered yet: --auto-apps registers it on its first request")
	ans := wiretest.Post(t, h, m, wiretest.FormSignedBy(t, m.MerchantKey, "ci-7", wiretest.CreateMemberReq("u")))
	assert.Equal(t, "30022", ans["errorCode"], "the armed rule answers the application registered on first use")

	rec = wiretest.Do(t, h, http.MethodPost, "/__tsymock/arm?sysid=ci-7", rule)
	require.Equal(t, http.StatusCreated, rec.Code, "%s", rec.Body)
	assert.NotContains(t, rec.Body.String(), "note", "ci-7 is registered now")
}

func TestAdminClock(t *testing.T) {
	for _, tt := range []struct {
		name   string
		system bool
	}{{"fixed", false}, {"system", true}} {
		t.Run(tt.name, func(t *testing.T) {
			s, _ := newServer(t)
			if tt.system {
				s, _ = newServer(t, func(c *mock.Config) { c.Clock = nil })
			}
			h := s.Handler()
			rec := wiretest.Do(t, h, http.MethodPost, "/__tsymock/clock", `{"set":"2030-01-02 03:04:05"}`)
			require.Equal(t, http.StatusOK, rec.Code, "%s", rec.Body)
			got := wiretest.GetJSON[admin.ClockState](t, h, "/__tsymock/clock")
			assert.True(t, strings.HasPrefix(got.China, "2030-01-02 03:04"), got.China)
			wiretest.Do(t, h, http.MethodPost, "/__tsymock/clock", `{"advance":"-24h"}`)
			got = wiretest.GetJSON[admin.ClockState](t, h, "/__tsymock/clock")
			assert.True(t, strings.HasPrefix(got.China, "2030-01-01 03:04"), got.China)
			assert.WithinDuration(t, got.Now, s.Clock().Now(), 2*time.Second)
		})
	}
	s, _ := newServer(t)
	for _, body := range []string{`{}`, `{"set":"soon"}`, `{"advance":"a while"}`, `{"set":"2030-01-02 03:04:05","advance":"1h"}`, `{"jump":"1h"}`} {
		assert.Equal(t, http.StatusBadRequest, wiretest.Do(t, s.Handler(), http.MethodPost, "/__tsymock/clock", body).Code, body)
	}
}

// TestAdminClockSystem: {"set":"system"} puts a moved system clock back
// (real SDKs sign with it); a fixed clock has none to go back to.
func TestAdminClockSystem(t *testing.T) {
	for _, tt := range []struct {
		name   string
		system bool
		code   int
	}{{"system", true, http.StatusOK}, {"fixed", false, http.StatusConflict}} {
		t.Run(tt.name, func(t *testing.T) {
			s, _ := newServer(t)
			if tt.system {
				s, _ = newServer(t, func(c *mock.Config) { c.Clock = nil })
			}
			h := s.Handler()
			require.Equal(t, http.StatusOK, wiretest.Do(t, h, http.MethodPost, "/__tsymock/clock", `{"advance":"36h"}`).Code)
			moved := wiretest.GetJSON[admin.ClockState](t, h, "/__tsymock/clock")
			rec := wiretest.Do(t, h, http.MethodPost, "/__tsymock/clock", `{"set":"system"}`)
			assert.Equal(t, tt.code, rec.Code, "%s", rec.Body)
			got := wiretest.GetJSON[admin.ClockState](t, h, "/__tsymock/clock")
			assert.Empty(t, got.Moved)
			if tt.system {
				assert.Equal(t, "36h0m0s", moved.Moved)
				assert.WithinDuration(t, time.Now(), got.Now, 2*time.Second)
			} else {
				assert.Empty(t, moved.Moved, "a fixed clock is not off a real one")
				assert.Equal(t, moved.China, got.China, "it stays where it was")
			}
		})
	}
}

func TestAdminApps(t *testing.T) {
	s, m := newServer(t)
	h := s.Handler()
	certPEM, err := fs.ReadFile(demo.Files(), demo.MerchantCertFile)
	require.NoError(t, err)
	body, err := json.Marshal(admin.AppRequest{SysID: "2000", Cert: string(certPEM)})
	require.NoError(t, err)
	rec := wiretest.Do(t, h, http.MethodPost, "/__tsymock/apps", string(body))
	require.Equal(t, http.StatusCreated, rec.Code, "%s", rec.Body)
	rec = wiretest.Do(t, h, http.MethodPost, "/__tsymock/apps?sysid=3000", string(certPEM))
	require.Equal(t, http.StatusCreated, rec.Code, "%s", rec.Body)

	apps := wiretest.GetJSON[[]mock.AppInfo](t, h, "/__tsymock/apps")
	require.Len(t, apps, 3)
	assert.Equal(t, []string{demo.SysID, "2000", "3000"}, []string{apps[0].SysID, apps[1].SysID, apps[2].SysID})
	assert.Equal(t, []string{mock.OriginConfig, mock.OriginAdmin, mock.OriginAdmin}, []string{apps[0].Origin, apps[1].Origin, apps[2].Origin})
	assert.Equal(t, keys.Fingerprint(&m.MerchantKey.PublicKey), apps[1].Fingerprint)

	for _, bad := range []string{`{"sysid":"4000","cert":"nope"}`, `{"sysid":"","cert":` + jsonText(string(certPEM)) + `}`, `{"sysid":"4000","pem":"x"}`} {
		assert.Equal(t, http.StatusBadRequest, wiretest.Do(t, h, http.MethodPost, "/__tsymock/apps", bad).Code, bad)
	}
	key, err := fs.ReadFile(demo.Files(), demo.MerchantKeyFile)
	require.NoError(t, err)
	rec = wiretest.Do(t, h, http.MethodPost, "/__tsymock/apps?sysid=5000", string(key))
	assert.Equal(t, http.StatusBadRequest, rec.Code, "a private key is refused")
}

func jsonText(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

func escape(s string) string { return strings.NewReplacer(" ", "%20", "#", "%23").Replace(s) }

func TestAdminState(t *testing.T) {
	s, m := newServer(t)
	h := s.Handler()
	wiretest.Call(t, h, m, wiretest.CreateMemberReq("alice"))
	wiretest.Call(t, h, m, `{"service":"OrderService","method":"applicationTransfer","param":{"bizTransferNo":"T1","sourceAccountSetNo":"100001","targetBizUserId":"alice","targetAccountSetNo":"200126","amount":500}}`)

	all := wiretest.GetJSON[map[string]json.RawMessage](t, h, "/__tsymock/state/"+demo.SysID)
	assert.Contains(t, string(all["members"]), `"bizUserId": "alice"`)
	members := wiretest.GetJSON[[]emulator.MemberView](t, h, "/__tsymock/state/"+demo.SysID+"/members")
	require.Len(t, members, 1)
	balances := wiretest.GetJSON[[]emulator.BalanceView](t, h, "/__tsymock/state/"+demo.SysID+"/balances")
	assert.Contains(t, balances, emulator.BalanceView{Owner: "alice", AccountSet: "200126", All: 500, Available: 500})
	lines := wiretest.GetJSON[[]emulator.StatementLine](t, h, "/__tsymock/state/"+demo.SysID+"/statement?bizUserId=alice")
	require.Len(t, lines, 1)
	assert.Equal(t, "T1", lines[0].BizOrderNo)
	assert.Empty(t, wiretest.GetJSON[[]emulator.OrderView](t, h, "/__tsymock/state/"+demo.SysID+"/orders"))
	assert.Empty(t, wiretest.GetJSON[[]emulator.CardView](t, h, "/__tsymock/state/"+demo.SysID+"/cards"))
	assert.Empty(t, wiretest.GetJSON[[]emulator.MemberView](t, h, "/__tsymock/state/other/members"))
	assert.Equal(t, http.StatusBadRequest, wiretest.Do(t, h, http.MethodGet, "/__tsymock/state/x/statement", "").Code)
	assert.Equal(t, http.StatusNotFound, wiretest.Do(t, h, http.MethodGet, "/__tsymock/state/x/secrets", "").Code)
}

func TestAdminNotFoundListsEndpoints(t *testing.T) {
	s, _ := newServer(t)
	rec := wiretest.Do(t, s.Handler(), http.MethodGet, "/__tsymock/nope", "")
	assert.Equal(t, http.StatusNotFound, rec.Code)
	assert.Contains(t, rec.Body.String(), "GET /__tsymock/journal")
}

// TestResetPerApplication: resetting one application leaves another's
// state, journal, coverage and armed rules alone.
func TestResetPerApplication(t *testing.T) {
	s, m := newServer(t, func(c *mock.Config) { c.AutoApps = true })
	h := s.Handler()
	other := "auto-1"
	for _, id := range []string{demo.SysID, other} {
		wiretest.Post(t, h, m, wiretest.FormSignedBy(t, m.MerchantKey, id, wiretest.CreateMemberReq("u")))
		f, err := scenarios.Parse("t", []byte("rules:\n  - when: {method: getMemberInfo}\n    respond: {error: {code: \"30001\"}}\n"))
		require.NoError(t, err)
		_, err = s.Arm(id, f)
		require.NoError(t, err)
	}
	rec := wiretest.Do(t, h, http.MethodPost, "/__tsymock/reset?sysid="+other, "")
	require.Equal(t, http.StatusOK, rec.Code)

	assert.Empty(t, members(t, h, other))
	assert.Len(t, members(t, h, demo.SysID), 1)
	assert.Zero(t, s.Calls(mock.JournalFilter{SysID: other}))
	assert.Equal(t, 1, s.Calls(mock.JournalFilter{SysID: demo.SysID}))
	assert.Zero(t, s.Coverage(other).Called)
	assert.Equal(t, 1, s.Coverage(demo.SysID).Called)
	assert.Len(t, wiretest.GetJSON[admin.ScenarioList](t, h, "/__tsymock/scenarios?sysid="+other).Rules, 1, "its armed rule is gone")
	assert.Len(t, wiretest.GetJSON[admin.ScenarioList](t, h, "/__tsymock/scenarios?sysid="+demo.SysID).Rules, 2, "the demo app's is not")

	wiretest.Do(t, h, http.MethodPost, "/__tsymock/reset", "")
	assert.Empty(t, members(t, h, demo.SysID))
	assert.Zero(t, s.Calls(mock.JournalFilter{}))
	assert.Len(t, s.Scenarios().Rules(), 1, "only the magic values")
	assert.Len(t, s.Apps(), 2, "applications stay registered")
}

func TestAutoApps(t *testing.T) {
	tests := []struct {
		name     string
		auto     bool
		platform bool // sign with the platform key instead of the demo merchant key
		want     string
	}{
		{"off", false, false, "20000"},
		{"on, demo key", true, false, "OK"},
		{"on, another key", true, true, "20000"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, m := newServer(t, func(c *mock.Config) { c.AutoApps = tt.auto })
			key := m.MerchantKey
			if tt.platform {
				key = m.PlatformKey
			}
			ans := wiretest.Post(t, s.Handler(), m, wiretest.FormSignedBy(t, key, "ci-job-7", wiretest.CreateMemberReq("u")))
			if tt.want != "OK" {
				assert.Equal(t, tt.want, ans["errorCode"])
				assert.Len(t, s.Apps(), 1)
				return
			}
			assert.Equal(t, "OK", ans["status"], "%v", ans)
			apps := s.Apps()
			require.Len(t, apps, 2)
			assert.Equal(t, "ci-job-7", apps[1].SysID)
			assert.Equal(t, mock.OriginAuto, apps[1].Origin)
			assert.Len(t, members(t, s.Handler(), "ci-job-7"), 1)
		})
	}
}

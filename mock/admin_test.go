package mock

import (
	"crypto/rsa"
	"encoding/json"
	"fmt"
	"io/fs"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/internal/clock"
	"github.com/tsymock/tsymock/internal/emulator"
	"github.com/tsymock/tsymock/internal/soa"
	"github.com/tsymock/tsymock/keys"
	"github.com/tsymock/tsymock/keys/demo"
	"github.com/tsymock/tsymock/scenarios"
)

func TestAdminScenarios(t *testing.T) {
	s, m := newTestServer(t)
	h := s.Handler()
	rule := `name: no members today
rules:
  - name: refuse
    when: {service: MemberService, method: createMember}
    respond: {error: {code: "30000"}}
`
	rec := adminDo(t, h, http.MethodPost, "/__tsymock/scenarios?sysid="+demo.SysID+"&source=refuse.yaml", rule)
	require.Equal(t, http.StatusCreated, rec.Code, "%s", rec.Body)
	var added map[string][]string
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &added))
	require.Len(t, added["ids"], 1)
	id := added["ids"][0]
	assert.Contains(t, id, "refuse.yaml:3 refuse")

	list := adminGet[scenarioList](t, h, "/__tsymock/scenarios?sysid="+demo.SysID)
	assert.True(t, list.Magic)
	require.Len(t, list.Rules, 2, "the magic values and the added rule")
	assert.Equal(t, []string{demo.SysID}, list.Rules[1].SysIDs)
	assert.True(t, list.Rules[1].Added)
	assert.Len(t, adminGet[scenarioList](t, h, "/__tsymock/scenarios?sysid=other").Rules, 1, "not the other app's")

	assert.Equal(t, "30000", soaPost(t, h, m, createMemberReq("a"))["errorCode"])
	assert.Equal(t, "30000", soaPost(t, h, m, createMemberReq("b"))["errorCode"], "added rules stay")

	rec = adminDo(t, h, http.MethodDelete, "/__tsymock/scenarios?id="+escape(id), "")
	require.Equal(t, http.StatusOK, rec.Code, "%s", rec.Body)
	assert.Equal(t, "OK", soaPost(t, h, m, createMemberReq("a"))["status"])
	assert.Equal(t, http.StatusNotFound, adminDo(t, h, http.MethodDelete, "/__tsymock/scenarios?id="+escape(id), "").Code)
	assert.Equal(t, http.StatusBadRequest, adminDo(t, h, http.MethodDelete, "/__tsymock/scenarios", "").Code)

	bad := adminDo(t, h, http.MethodPost, "/__tsymock/scenarios?source=bad.yaml", "rules:\n  - when: {method: creatMember}\n    respond: {ok: {}}\n")
	assert.Equal(t, http.StatusBadRequest, bad.Code)
	assert.Contains(t, bad.Body.String(), "bad.yaml:2")

	rec = adminDo(t, h, http.MethodPost, "/__tsymock/scenarios?builtin=payment-failures", "")
	assert.Equal(t, http.StatusCreated, rec.Code, "%s", rec.Body)
}

func TestAdminArm(t *testing.T) {
	s, m := newTestServer(t)
	h := s.Handler()
	tests := []struct{ name, body string }{
		{"one rule as JSON", `{"when":{"service":"MemberService","method":"createMember"},"respond":{"error":{"code":"30022"}}}`},
		{"one rule as YAML", "when: {method: createMember}\nrespond:\n  error: {code: \"30022\"}\n"},
		{"a file", "rules:\n  - when: {method: createMember}\n    respond: {error: {code: \"30022\"}}\n"},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := adminDo(t, h, http.MethodPost, "/__tsymock/arm?sysid="+demo.SysID, tt.body)
			require.Equal(t, http.StatusCreated, rec.Code, "%s", rec.Body)
			assert.Equal(t, "30022", soaPost(t, h, m, createMemberReq(fmt.Sprint("x", i)))["errorCode"])
			assert.Equal(t, "OK", soaPost(t, h, m, createMemberReq(fmt.Sprint("x", i)))["status"], "one shot")
		})
	}
	rec := adminDo(t, h, http.MethodPost, "/__tsymock/arm?sysid=someone-else", tests[0].body)
	require.Equal(t, http.StatusCreated, rec.Code)
	assert.Equal(t, "OK", soaPost(t, h, m, createMemberReq("y"))["status"], "armed for another sysid")

	rec = adminDo(t, h, http.MethodPost, "/__tsymock/arm", `{"when":{"method":"createMember"},"respond":{"error":{"code":"123"}}}`)
	assert.Equal(t, http.StatusBadRequest, rec.Code)
	assert.Contains(t, rec.Body.String(), "arm:3", "errors name the line of the wrapped rule")
	rec = adminDo(t, h, http.MethodPost, "/__tsymock/arm?sysid=A", `{"when":{"sysid":"B"},"respond":{"error":{"code":"30000"}}}`)
	assert.Equal(t, http.StatusBadRequest, rec.Code, "a rule for another sysid would never match")
}

func TestAdminClock(t *testing.T) {
	for _, tt := range []struct {
		name string
		c    clock.Clock
	}{{"manual", nil}, {"system", clock.System{}}} {
		t.Run(tt.name, func(t *testing.T) {
			s, _ := newTestServer(t)
			if tt.c != nil {
				s, _ = newServerWith(t, func(c *Config) { c.Clock = tt.c })
			}
			h := s.Handler()
			rec := adminDo(t, h, http.MethodPost, "/__tsymock/clock", `{"set":"2030-01-02 03:04:05"}`)
			require.Equal(t, http.StatusOK, rec.Code, "%s", rec.Body)
			got := adminGet[clockState](t, h, "/__tsymock/clock")
			assert.True(t, strings.HasPrefix(got.China, "2030-01-02 03:04"), got.China)
			adminDo(t, h, http.MethodPost, "/__tsymock/clock", `{"advance":"-24h"}`)
			got = adminGet[clockState](t, h, "/__tsymock/clock")
			assert.True(t, strings.HasPrefix(got.China, "2030-01-01 03:04"), got.China)
			assert.WithinDuration(t, got.Now, s.Clock().Now(), 2*time.Second)
		})
	}
	s, _ := newTestServer(t)
	for _, body := range []string{`{}`, `{"set":"soon"}`, `{"advance":"a while"}`, `{"set":"2030-01-02 03:04:05","advance":"1h"}`, `{"jump":"1h"}`} {
		assert.Equal(t, http.StatusBadRequest, adminDo(t, s.Handler(), http.MethodPost, "/__tsymock/clock", body).Code, body)
	}
}

// newServerWith is newTestServer with the config changed.
func newServerWith(tb testing.TB, change func(*Config)) (*Server, *demo.Material) {
	tb.Helper()
	m, err := demo.Load()
	require.NoError(tb, err)
	now, err := time.ParseInLocation(soa.TimestampLayout, testTime, soa.Shanghai())
	require.NoError(tb, err)
	cfg := Config{PlatformKey: m.PlatformKey, Apps: []App{{SysID: demo.SysID, Key: &m.MerchantKey.PublicKey}},
		Clock: clock.NewManual(now)}
	change(&cfg)
	s, err := New(cfg)
	require.NoError(tb, err)
	return s, m
}

func TestAdminApps(t *testing.T) {
	s, m := newTestServer(t)
	h := s.Handler()
	certPEM, err := fs.ReadFile(demo.Files(), demo.MerchantCertFile)
	require.NoError(t, err)
	body, err := json.Marshal(appRequest{SysID: "2000", Cert: string(certPEM)})
	require.NoError(t, err)
	rec := adminDo(t, h, http.MethodPost, "/__tsymock/apps", string(body))
	require.Equal(t, http.StatusCreated, rec.Code, "%s", rec.Body)
	rec = adminDo(t, h, http.MethodPost, "/__tsymock/apps?sysid=3000", string(certPEM))
	require.Equal(t, http.StatusCreated, rec.Code, "%s", rec.Body)

	apps := adminGet[[]AppInfo](t, h, "/__tsymock/apps")
	require.Len(t, apps, 3)
	assert.Equal(t, []string{demo.SysID, "2000", "3000"}, []string{apps[0].SysID, apps[1].SysID, apps[2].SysID})
	assert.Equal(t, []string{OriginConfig, OriginAdmin, OriginAdmin}, []string{apps[0].Origin, apps[1].Origin, apps[2].Origin})
	assert.Equal(t, keys.Fingerprint(&m.MerchantKey.PublicKey), apps[1].Fingerprint)

	for _, bad := range []string{`{"sysid":"4000","cert":"nope"}`, `{"sysid":"","cert":` + jsonText(string(certPEM)) + `}`, `{"sysid":"4000","pem":"x"}`} {
		assert.Equal(t, http.StatusBadRequest, adminDo(t, h, http.MethodPost, "/__tsymock/apps", bad).Code, bad)
	}
	key, err := fs.ReadFile(demo.Files(), demo.MerchantKeyFile)
	require.NoError(t, err)
	rec = adminDo(t, h, http.MethodPost, "/__tsymock/apps?sysid=5000", string(key))
	assert.Equal(t, http.StatusBadRequest, rec.Code, "a private key is refused")
}

func jsonText(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

func escape(s string) string { return strings.NewReplacer(" ", "%20", "#", "%23").Replace(s) }

func TestAdminState(t *testing.T) {
	s, m := newTestServer(t)
	h := s.Handler()
	soaPost(t, h, m, createMemberReq("alice"))
	soaPost(t, h, m, `{"service":"OrderService","method":"applicationTransfer","param":{"bizTransferNo":"T1","sourceAccountSetNo":"100001","targetBizUserId":"alice","targetAccountSetNo":"200126","amount":500}}`)

	all := adminGet[map[string]json.RawMessage](t, h, "/__tsymock/state/"+demo.SysID)
	assert.Contains(t, string(all["members"]), `"bizUserId": "alice"`)
	members := adminGet[[]emulator.MemberView](t, h, "/__tsymock/state/"+demo.SysID+"/members")
	require.Len(t, members, 1)
	balances := adminGet[[]emulator.BalanceView](t, h, "/__tsymock/state/"+demo.SysID+"/balances")
	assert.Contains(t, balances, emulator.BalanceView{Owner: "alice", AccountSet: "200126", All: 500, Available: 500})
	lines := adminGet[[]emulator.StatementLine](t, h, "/__tsymock/state/"+demo.SysID+"/statement?bizUserId=alice")
	require.Len(t, lines, 1)
	assert.Equal(t, "T1", lines[0].BizOrderNo)
	assert.Empty(t, adminGet[[]emulator.OrderView](t, h, "/__tsymock/state/"+demo.SysID+"/orders"))
	assert.Empty(t, adminGet[[]emulator.CardView](t, h, "/__tsymock/state/"+demo.SysID+"/cards"))
	assert.Empty(t, adminGet[[]emulator.MemberView](t, h, "/__tsymock/state/other/members"))
	assert.Equal(t, http.StatusBadRequest, adminDo(t, h, http.MethodGet, "/__tsymock/state/x/statement", "").Code)
	assert.Equal(t, http.StatusNotFound, adminDo(t, h, http.MethodGet, "/__tsymock/state/x/secrets", "").Code)
}

func TestAdminNotFoundListsEndpoints(t *testing.T) {
	s, _ := newTestServer(t)
	rec := adminDo(t, s.Handler(), http.MethodGet, "/__tsymock/nope", "")
	assert.Equal(t, http.StatusNotFound, rec.Code)
	assert.Contains(t, rec.Body.String(), "GET /__tsymock/journal")
}

// TestResetPerApplication: resetting one application leaves another's
// state, journal, coverage and armed rules alone.
func TestResetPerApplication(t *testing.T) {
	s, m := newServerWith(t, func(c *Config) { c.AutoApps = true })
	h := s.Handler()
	other := "auto-1"
	for _, id := range []string{demo.SysID, other} {
		postRaw(t, h, m, formFor(t, m, id, createMemberReq("u")))
		f, err := scenarios.Parse("t", []byte("rules:\n  - when: {method: getMemberInfo}\n    respond: {error: {code: \"30001\"}}\n"))
		require.NoError(t, err)
		_, err = s.Arm(id, f)
		require.NoError(t, err)
	}
	rec := adminDo(t, h, http.MethodPost, "/__tsymock/reset?sysid="+other, "")
	require.Equal(t, http.StatusOK, rec.Code)

	assert.Empty(t, s.emu.Members(other))
	assert.Len(t, s.emu.Members(demo.SysID), 1)
	assert.Zero(t, s.Calls(JournalFilter{SysID: other}))
	assert.Equal(t, 1, s.Calls(JournalFilter{SysID: demo.SysID}))
	assert.Zero(t, s.Coverage(other).Called)
	assert.Equal(t, 1, s.Coverage(demo.SysID).Called)
	assert.Len(t, adminGet[scenarioList](t, h, "/__tsymock/scenarios?sysid="+other).Rules, 1, "its armed rule is gone")
	assert.Len(t, adminGet[scenarioList](t, h, "/__tsymock/scenarios?sysid="+demo.SysID).Rules, 2, "the demo app's is not")

	adminDo(t, h, http.MethodPost, "/__tsymock/reset", "")
	assert.Empty(t, s.emu.Members(demo.SysID))
	assert.Zero(t, s.Calls(JournalFilter{}))
	assert.Len(t, s.scen.Rules(), 1, "only the magic values")
	assert.Len(t, s.Apps(), 2, "applications stay registered")
}

// formFor signs a req as sysid with the demo merchant key.
func formFor(tb testing.TB, m *demo.Material, sysid, req string) string {
	tb.Helper()
	return formSignedBy(tb, m.MerchantKey, sysid, req)
}

func formSignedBy(tb testing.TB, key *rsa.PrivateKey, sysid, req string) string {
	tb.Helper()
	sign, err := keys.Sign(key, sysid+req+testTime)
	require.NoError(tb, err)
	return url.Values{"sysid": {sysid}, "sign": {sign}, "timestamp": {testTime}, "v": {"2.0"}, "req": {req}}.Encode()
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
			s, m := newServerWith(t, func(c *Config) { c.AutoApps = tt.auto })
			key := m.MerchantKey
			if tt.platform {
				key = m.PlatformKey
			}
			ans := postRaw(t, s.Handler(), m, formSignedBy(t, key, "ci-job-7", createMemberReq("u")))
			if tt.want != "OK" {
				assert.Equal(t, tt.want, ans["errorCode"])
				assert.Len(t, s.Apps(), 1)
				return
			}
			assert.Equal(t, "OK", ans["status"], "%v", ans)
			apps := s.Apps()
			require.Len(t, apps, 2)
			assert.Equal(t, "ci-job-7", apps[1].SysID)
			assert.Equal(t, OriginAuto, apps[1].Origin)
			assert.Len(t, s.emu.Members("ci-job-7"), 1)
		})
	}
}

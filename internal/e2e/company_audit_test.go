package e2e

import (
	"context"
	"encoding/json"
	"io/fs"
	"net/http"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/client"
	"github.com/tsymock/tsymock/internal/soa"
	"github.com/tsymock/tsymock/keys/demo"
	"github.com/tsymock/tsymock/mock"
	"github.com/tsymock/tsymock/mock/mocktest"
)

// verifyResult is the returnValue of MemberService/verifyResult (spec
// §4.1.7).
type verifyResult struct {
	BizUserID  string `json:"bizUserId"`
	Result     int    `json:"result"`
	CheckTime  string `json:"checkTime"`
	FailReason string `json:"failReason"`
	Remark     string `json:"remark"`
}

// manualAudit is tsymock serve --company-audit manual.
func manualAudit(cfg *mock.Config) { cfg.CompanyAudit = mock.CompanyAuditManual }

// TestManualCompanyAudit runs the real test environment's audit over
// loopback HTTP (spec §4.1.6 note 4: the back office decides): under
// --company-audit manual setCompanyInfo answers no result (§4.1.6 answer
// table: 仅自动审核时返回) and getMemberInfo status 1 待审核 (§6.8); a
// pending enterprise cannot bind a card (30050); POST
// /__tsymock/company-audit approves or rejects it, the signed
// verifyResult notification (§4.1.7) reaches setCompanyInfo's backUrl and
// verifies, and getMemberInfo shows status 2 or 3 (§5.5); deciding again
// is 409.
func TestManualCompanyAudit(t *testing.T) {
	e := newNotifyEnv(t, fastNotify(0), manualAudit)
	c := &memberClient{Client: e.client(t), t: t, ctx: context.Background()}
	rcv := newReceiver(t, c.Client, nil)
	a := admin{t: t, base: e.URL}
	checkTime := e.Clock.Now().In(soa.Shanghai()).Format("2006-01-02 15:04:05")
	for i, tc := range []struct {
		name, body string
		want       verifyResult
	}{
		{"approve", `{"bizUserId":"firm-ok","decision":"approve","remark":"资料齐全"}`,
			verifyResult{BizUserID: "firm-ok", Result: client.AuditApproved, CheckTime: checkTime, Remark: "资料齐全"}},
		{"reject", `{"bizUserId":"firm-no","decision":"reject","failReason":"营业执照模糊","remark":"请重新上传"}`,
			verifyResult{BizUserID: "firm-no", Result: client.AuditRejected, CheckTime: checkTime,
				FailReason: "营业执照模糊", Remark: "请重新上传"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			id := tc.want.BizUserID
			c.company(id)
			req := companyInfo(id, "北京测试科技有限公司")
			req.BackURL = rcv.URL + "/notify"
			got, err := c.SetCompanyInfo(c.ctx, req)
			require.NoError(t, err)
			assert.Zero(t, got.Result, "no result before the audit")
			info, err := c.GetMemberInfo(c.ctx, id)
			require.NoError(t, err)
			assert.Equal(t, client.AuditPending, info.MemberInfo.Status)
			assert.Empty(t, info.MemberInfo.CheckTime)
			_, err = c.ApplyBindBankCard(c.ctx, applyCard(id, cardABC))
			assert.Equal(t, "30050", apiCode(t, err), "企业会员未审核")

			var n mock.Notification
			a.json(http.MethodPost, "company-audit?sysid="+e.SysID, tc.body, http.StatusCreated, &n)
			assert.Equal(t, "verifyResult", n.Method)
			notes := rcv.wait(t, i+1)
			got2 := notes[i]
			assert.Equal(t, []string{"MemberService", "verifyResult"}, []string{got2.Service, got2.Method})
			assert.True(t, got2.OK())
			var rv verifyResult
			require.NoError(t, got2.Decode(&rv))
			assert.Equal(t, tc.want, rv)

			info, err = c.GetMemberInfo(c.ctx, id)
			require.NoError(t, err)
			assert.Equal(t, tc.want.Result, info.MemberInfo.Status)
			assert.Equal(t, checkTime, info.MemberInfo.CheckTime)
			assert.Equal(t, tc.want.FailReason, info.MemberInfo.FailReason)
			assert.Equal(t, tc.want.Remark, info.MemberInfo.Remark)

			code, body := a.do(http.MethodPost, "company-audit?sysid="+e.SysID, tc.body)
			assert.Equal(t, http.StatusConflict, code, "%s", body)
		})
	}
	t.Run("unknown member", func(t *testing.T) {
		code, body := a.do(http.MethodPost, "company-audit?sysid="+e.SysID, `{"bizUserId":"nobody","decision":"approve"}`)
		assert.Equal(t, http.StatusNotFound, code, "%s", body)
	})
}

// TestManualCompanyAuditSurvivesRestart: a data dir kept under
// --company-audit manual comes back with its audits as they were, pending
// or decided, though the server restarts in the default mode: the
// setCompanyInfo op carries its mode and the decision is an op of its own.
// The pending one is decided after the restart. An application registered
// at run time keeps its own mode.
func TestManualCompanyAuditSurvivesRestart(t *testing.T) {
	dir := t.TempDir()
	start := func(opts ...func(*mock.Config)) (*notifyEnv, *memberClient, func()) {
		e, srv, stop := demoStoppable(t, append([]func(*mock.Config){func(cfg *mock.Config) {
			cfg.DataDir, cfg.IDSeed = dir, 7
			cfg.Notify = mock.NotifyConfig{Schedule: fastSchedule(), AllowHosts: []string{"127.0.0.1"}}
		}}, opts...)...)
		ne := &notifyEnv{env: e, srv: srv}
		return ne, &memberClient{Client: e.client(t), t: t, ctx: context.Background()}, stop
	}
	status := func(c *memberClient, id string) int {
		info, err := c.GetMemberInfo(c.ctx, id)
		require.NoError(t, err)
		return info.MemberInfo.Status
	}
	e, c, stop := start(manualAudit)
	for _, id := range []string{"decided", "waiting"} {
		c.company(id)
		_, err := c.SetCompanyInfo(c.ctx, companyInfo(id, "北京测试科技有限公司"))
		require.NoError(t, err)
	}
	admin{t: t, base: e.URL}.json(http.MethodPost, "company-audit?sysid="+e.SysID,
		`{"bizUserId":"decided","decision":"reject","failReason":"资料不全"}`, http.StatusCreated, nil)
	cert, err := fs.ReadFile(demo.Files(), demo.MerchantCertFile)
	require.NoError(t, err)
	body, err := json.Marshal(map[string]string{"sysid": "2000", "cert": string(cert), "companyAudit": "manual"})
	require.NoError(t, err)
	admin{t: t, base: e.URL}.json(http.MethodPost, "apps", string(body), http.StatusCreated, nil)
	stop()

	e, c, _ = start() // auto: the kept audits stay as they were
	assert.Equal(t, client.AuditRejected, status(c, "decided"))
	assert.Equal(t, client.AuditPending, status(c, "waiting"))
	a := admin{t: t, base: e.URL}
	a.json(http.MethodPost, "company-audit?sysid="+e.SysID, `{"bizUserId":"waiting","decision":"approve"}`, http.StatusCreated, nil)
	assert.Equal(t, client.AuditApproved, status(c, "waiting"))
	code, answer := a.do(http.MethodPost, "company-audit?sysid="+e.SysID, `{"bizUserId":"decided","decision":"approve"}`)
	assert.Equal(t, http.StatusConflict, code, "%s", answer)
	var apps []mock.AppInfo
	a.get("apps", &apps)
	modes := map[string]string{}
	for _, app := range apps {
		modes[app.SysID] = app.CompanyAudit
	}
	assert.Equal(t, map[string]string{e.SysID: mock.CompanyAuditAuto, "2000": mock.CompanyAuditManual}, modes)
}

// TestAdminWebPageApprovesAudit: the web page's State tab shows a pending
// enterprise audit with the back office's buttons, and Approve decides it
// as POST /__tsymock/company-audit does.
func TestAdminWebPageApprovesAudit(t *testing.T) {
	t.Parallel()
	srv := mocktest.New(t, mocktest.WithConfig(manualAudit))
	ctx := context.Background()
	_, err := srv.Client.CreateMember(ctx, client.CreateMemberRequest{BizUserID: "web-firm", MemberType: client.MemberEnterprise,
		Source: client.SourcePC})
	require.NoError(t, err)
	_, err = srv.Client.SetCompanyInfo(ctx, companyInfo("web-firm", "北京测试科技有限公司"))
	require.NoError(t, err)

	bctx := adminBrowser(t)
	require.NoError(t, chromedp.Do(bctx,
		chromedp.Navigate(srv.URL+"/__tsymock/#state"),
		chromedp.Query(chromedp.CSS(`#sysid option[value="`+srv.SysID+`"]`)),
		chromedp.SetValue(chromedp.CSS(`#sysid`), srv.SysID),
		change("sysid"),
		chromedp.WaitVisible(chromedp.CSS(`#members tbody button.approve`)),
	))
	assert.Contains(t, run(t, bctx, chromedp.Text(chromedp.CSS(`#members tbody`))), "pending")
	// clicked from the page itself: the State tab redraws its rows every few seconds, and a node
	// found by the test first may be gone when the click arrives ("Could not find node")
	require.NoError(t, chromedp.Do(bctx,
		chromedp.Poll[chromedp.Void](`(() => { const b = document.querySelector('#members tbody button.approve'); if (b) b.click(); return !!b; })()`),
		chromedp.Poll[chromedp.Void](`document.querySelector('#members tbody').textContent.includes('approved')`),
	))
	info, err := srv.Client.GetMemberInfo(ctx, "web-firm")
	require.NoError(t, err)
	assert.Equal(t, client.AuditApproved, info.MemberInfo.Status)
}

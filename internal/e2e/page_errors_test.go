package e2e

import (
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/client"
)

// TestPageErrors: a page checks its signed parameters exactly as
// /service/soa does, then the state, and shows every refusal as an HTML
// page with the errorCode (HTTP 400), never JSON. Whatever the request
// echoes is escaped.
func TestPageErrors(t *testing.T) {
	e, c, rcv := pagesEnv(t)
	c.realNamed("sia")
	c.funded("payer", 1000)
	c.person("shop")
	c.pendingConsume("payer", "c1", client.ValidateSMS, rcv.URL+"/notify")
	contract := func(p client.ContractPageParams) string {
		return mustPageURL(t, c, client.PageSignContract, "MemberService", "signContract", p)
	}
	jump := rcv.URL + "/jump"
	good := client.ContractPageParams{BizUserID: "sia", JumpURL: jump, BackURL: rcv.URL + "/notify", Source: client.SourceMobile}
	oldClient := e.client(t, client.WithClock(func() time.Time { return e.Clock.Now().Add(-time.Hour) }))
	stale, err := oldClient.PageURL("", client.PageSignContract, "MemberService", "signContract", good)
	require.NoError(t, err)

	for _, tc := range []struct {
		name, url, code string
	}{
		{"a forged sign", strings.Replace(contract(good), "sign=", "sign=AAAA", 1), "20019"},
		{"a timestamp an hour old", stale, "10000"},
		{"an unknown sysid", strings.Replace(contract(good), "sysid="+e.SysID, "sysid=999", 1), "20000"},
		{"another method's page", e.URL + client.PageSignContractQuery + "?" + signedQuery(t, c, `{"service":"MemberService","method":"signContract","param":{}}`), "10003"},
		{"no jumpUrl (spec §4.1.4, line 1490)", contract(client.ContractPageParams{BizUserID: "sia", BackURL: rcv.URL,
			Source: client.SourceMobile}), "10001"},
		{"no backUrl", contract(client.ContractPageParams{BizUserID: "sia", JumpURL: jump, Source: client.SourceMobile}), "10001"},
		{"no source (spec §4.1.4)", contract(client.ContractPageParams{BizUserID: "sia", JumpURL: jump, BackURL: rcv.URL}), "10001"},
		{"a javascript: jumpUrl", contract(client.ContractPageParams{BizUserID: "sia", BackURL: rcv.URL, JumpURL: "javascript:alert(1)",
			Source: client.SourceMobile}), "40029"},
		{"an ftp backUrl", contract(client.ContractPageParams{BizUserID: "sia", JumpURL: jump, BackURL: "ftp://127.0.0.1/",
			Source: client.SourcePC}), "40029"},
		{"an unknown member", contract(client.ContractPageParams{BizUserID: "nobody", JumpURL: jump, BackURL: rcv.URL,
			Source: client.SourcePC}), "30001"},
		{"a magic value", contract(client.ContractPageParams{BizUserID: "err-30022-x", JumpURL: jump, BackURL: rcv.URL,
			Source: client.SourcePC}), "30022"},
		{"an unknown order", payPage(t, c, client.PageFrontTrans, "nope", ""), "40000"},
		{"someone else's order", payPage(t, c, client.PageFrontTrans, "c1", ""), "40022"},
		{"an SMS order on the password page", mustPageURL(t, c, client.PagePayOrder, "OrderService", "pay",
			client.PayPageParams{BizUserID: "payer", BizOrderNo: "c1", ConsumerIP: consumerIP}), "40028"},
		{"an unknown orderNo link", e.URL + client.PageFrontTrans + "?orderNo=123", "40000"},
	} {
		t.Run(tc.name, func(t *testing.T) { errorPage(t, getPage(t, tc.url), tc.code) })
	}
}

// signedQuery signs any req with the env's client.
func signedQuery(t *testing.T, c *orderClient, req string) string {
	t.Helper()
	v, err := c.Sign(req)
	require.NoError(t, err)
	return v.Encode()
}

// TestPageEscapesWhatItEchoes: a bizUserId with markup comes back escaped.
func TestPageEscapesWhatItEchoes(t *testing.T) {
	_, c, rcv := pagesEnv(t)
	evil := `<script>alert("x")</script>`
	p := getPage(t, mustPageURL(t, c, client.PageSignContract, "MemberService", "signContract",
		client.ContractPageParams{BizUserID: evil, JumpURL: rcv.URL + "/jump", BackURL: rcv.URL, Source: client.SourceMobile}))
	errorPage(t, p, "30001")
	assert.NotContains(t, p.Body, "<script>")
	assert.Contains(t, p.Body, "&lt;script&gt;")
}

// TestPageTokenWorksOnce: a button's token is spent by its first use, so a
// double click cannot sign or pay twice: the second press lands where the
// first did, the same signed return, with nothing done again (probe-Y: it
// stranded the user on an error page); an unknown token is refused.
func TestPageTokenWorksOnce(t *testing.T) {
	_, c, rcv := pagesEnv(t)
	c.realNamed("sia")
	u := mustPageURL(t, c, client.PageSignContract, "MemberService", "signContract",
		client.ContractPageParams{BizUserID: "sia", JumpURL: rcv.URL + "/jump", BackURL: rcv.URL + "/notify",
			Source: client.SourceMobile})
	token := getPage(t, u).token(t)
	form := url.Values{"token": {token}, "action": {"confirm"}}
	done := postPage(t, pageAt(t, u), form)
	assert.Equal(t, http.StatusSeeOther, done.Status, "back to jumpUrl")
	assert.True(t, strings.HasPrefix(done.Location, rcv.URL+"/jump?"), done.Location)
	again := postPage(t, pageAt(t, u), form)
	assert.Equal(t, []any{http.StatusSeeOther, done.Location}, []any{again.Status, again.Location}, "the same return")
	errorPage(t, postPage(t, pageAt(t, u), url.Values{"token": {"forged"}, "action": {"confirm"}}), "10000")
	other := getPage(t, u)
	errorPage(t, other, "30043")

	resp, err := http.NewRequest(http.MethodDelete, pageAt(t, u), nil)
	require.NoError(t, err)
	got, err := http.DefaultClient.Do(resp)
	require.NoError(t, err)
	got.Body.Close()
	assert.Equal(t, http.StatusMethodNotAllowed, got.StatusCode)
}

// TestConcurrentPressesLandTogether: presses of one payOrder.html button
// sent at once (a double click, the first still being worked on: probe-Y
// 4, whose browser showed "expired or used" while the order was paid) all
// land on the same signed return, and the order is paid once.
func TestConcurrentPressesLandTogether(t *testing.T) {
	c, _, jump, u := passwordOrderPage(t)
	form := url.Values{"token": {getPage(t, u).token(t)}, "action": {"confirm"}, "password": {"123456"}}

	const presses = 8
	answers := make(chan pageResp, presses)
	var wg sync.WaitGroup
	for range presses {
		wg.Add(1)
		go func() {
			defer wg.Done()
			resp, err := plainBrowser().PostForm(pageAt(t, u), form)
			if assert.NoError(t, err) {
				answers <- readPage(t, resp, err)
			}
		}()
	}
	wg.Wait()
	close(answers)
	locations := map[string]int{}
	for a := range answers {
		assert.Equal(t, http.StatusSeeOther, a.Status, "%s", a.Body)
		locations[a.Location]++
	}
	require.Len(t, locations, 1, "one return for every press")
	for location := range locations {
		assert.True(t, strings.HasPrefix(location, jump+"?"), location)
	}
	assert.Equal(t, []int64{7000, 3000}, c.balances("sia", "shop"), "paid once")
}

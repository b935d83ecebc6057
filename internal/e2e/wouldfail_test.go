package e2e

import (
	"net/http"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/client"
	"github.com/tsymock/tsymock/internal/soa"
	"github.com/tsymock/tsymock/mock"
)

// headerTap keeps the headers of the last answer that came through it.
type headerTap struct {
	mu   sync.Mutex
	last http.Header
}

func (h *headerTap) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := http.DefaultTransport.RoundTrip(r)
	if err == nil {
		h.mu.Lock()
		h.last = resp.Header.Clone()
		h.mu.Unlock()
	}
	return resp, err
}

// header is one header of the last answer, "" when it had none.
func (h *headerTap) header(name string) string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.last.Get(name)
}

// wouldFail is the last answer's X-Tsymock-Would-Fail, and whether it
// had one at all.
func (h *headerTap) wouldFail() (string, bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	v, ok := h.last[http.CanonicalHeaderKey(soa.HeaderWouldFail)]
	if !ok {
		return "", false
	}
	return v[0], true
}

// TestWouldFailHeaderOnlyOnOK: over HTTP, X-Tsymock-Would-Fail comes with
// an OK answer that relied on a leniency, never with an error answer: a
// deposit of a payer without a bound phone (noted member-prerequisite,
// spec §4.2.1 三 note) that then fails for a card not bound to it (30045)
// is an error already, and a note beside its errorCode would read as a
// second reason. The note stays in the journal and the log. The Go client
// reports notes to WithWouldFail only from the header.
func TestWouldFailHeaderOnlyOnOK(t *testing.T) {
	e := demoEnv(t)
	tap := &headerTap{}
	var reported [][]client.WouldFail
	c := &memberClient{Client: e.client(t, client.WithHTTPClient(&http.Client{Transport: tap}),
		client.WithWouldFail(func(_, _ string, n []client.WouldFail) { reported = append(reported, n) })), t: t, ctx: t.Context()}
	c.realNamed("no-phone")
	c.realNamed("ready")
	c.withPhone("ready", phoneA)
	deposit := func(no, payer string, pm client.PayMethod) client.DepositApplyRequest {
		return client.DepositApplyRequest{BizOrderNo: no, BizUserID: payer, AccountSetNo: escrowSet, Amount: 100, Fee: 0,
			ValidateType: client.ValidateNone, BackURL: backURL, FrontURL: backURL, PayMethod: pm, IndustryCode: "1910",
			IndustryName: "其他", Source: client.SourcePC}
	}
	tests := []struct {
		name   string
		req    client.DepositApplyRequest
		code   string // "" for an OK answer
		header string // "" for none
	}{
		{"an OK call with a note", deposit("d1", "no-phone", client.Gateway(100)), "", "member-prerequisite=30021"},
		{"a noted call that fails", deposit("d2", "no-phone", client.QuickPay(cardABC, 100)), "30045", ""},
		{"an OK call without a note", deposit("d3", "ready", client.Gateway(100)), "", ""},
		{"a call that fails without a note", deposit("d4", "ready", client.QuickPay(cardABC, 100)), "30045", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			reported = nil
			_, err := c.DepositApply(c.ctx, tt.req)
			if tt.code == "" {
				require.NoError(t, err)
			} else {
				assert.Equal(t, tt.code, apiCode(t, err))
			}
			got, present := tap.wouldFail()
			if tt.header == "" {
				assert.False(t, present, "no %s header: %q", soa.HeaderWouldFail, got)
				assert.Empty(t, reported, "nothing reported to WithWouldFail")
				return
			}
			assert.Equal(t, tt.header, got)
			want := soa.ParseWouldFail(tt.header)
			soa.AddWouldFailReasons(want, tap.header(soa.HeaderWouldFailReason))
			require.NotEmpty(t, want[0].Reason, "the reason rides beside the note")
			assert.Contains(t, want[0].Reason, "without a bound phone", "the log's wouldFail text")
			assert.Equal(t, [][]client.WouldFail{want}, reported)
		})
	}
	noted := notedCalls(admin{t: t, base: e.URL}, "member-prerequisite")
	require.Len(t, noted, 2, "the journal keeps the note of the failed call too")
	assert.Equal(t, []string{mock.OutcomeOK, mock.OutcomeError}, []string{noted[0].Outcome, noted[1].Outcome})
}

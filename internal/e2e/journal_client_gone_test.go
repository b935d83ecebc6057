package e2e

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/client"
	"github.com/tsymock/tsymock/internal/journal"
)

// TestJournalMarksAClientGone: a client that times out during a scenario's
// delay is marked clientGone on its call's journal entry, which still
// happened (the member exists); a call answered in time is not (probe-Z:
// the journal said OK/200 and nothing else, which a timeout test wants to
// assert).
func TestJournalMarksAClientGone(t *testing.T) {
	e := demoEnv(t, withScenario(t, "rules:\n  - {when: {method: createMember, param: {bizUserId: slow}}, respond: {delay: 2s}}\n"))
	impatient := e.client(t, client.WithHTTPClient(&http.Client{Timeout: 300 * time.Millisecond}))
	_, err := impatient.CreateMember(context.Background(), client.CreateMemberRequest{BizUserID: "slow", MemberType: 3, Source: 1})
	require.Error(t, err)
	require.NoError(t, createMember(t, e.client(t), "quick"))

	gone := map[string]bool{}
	require.Eventually(t, func() bool {
		var page struct{ Entries []journal.Entry }
		admin{t: t, base: e.URL}.get("journal?method=createMember", &page)
		for _, en := range page.Entries {
			gone[en.Req.Param["bizUserId"].(string)] = en.ClientGone
		}
		return len(gone) == 2
	}, 10*time.Second, 50*time.Millisecond, "both entries recorded")
	assert.Equal(t, map[string]bool{"slow": true, "quick": false}, gone)
	assert.Equal(t, "30000", apiCode(t, createMember(t, e.client(t), "slow")), "the call was carried out")
}

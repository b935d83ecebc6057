package e2e

import (
	"context"
	"fmt"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/mock"
	"github.com/tsymock/tsymock/mock/mocktest"
)

// portabilityOnPage makes a call the real test environment refuses (a card
// outside its test cards) and finds it marked in the journal, with its
// note in the call's detail.
func portabilityOnPage(t *testing.T, ctx context.Context, srv *mocktest.Server) {
	_, err := srv.Client.GetBankCardBin(context.Background(), cardICBC)
	require.NoError(t, err)
	noted := srv.Server.Journal(mock.JournalFilter{Portability: mock.PortabilityAny})
	require.Len(t, noted, 1)
	row := fmt.Sprintf(`#journal tbody tr[data-id="%d"]`, noted[0].ID)
	require.NoError(t, chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`nav a[data-tab="journal"]`)),
		chromedp.WaitVisible(chromedp.CSS(row)),
		chromedp.Click(chromedp.CSS(row)),
		chromedp.WaitVisible(chromedp.CSS(`#detail-portability`)),
	))
	assert.Contains(t, run(t, ctx, chromedp.Text(chromedp.CSS(row+` .portability`))), "OK ⚠")
	notes := run(t, ctx, chromedp.Text(chromedp.CSS(`#detail-portability`)))
	assert.Contains(t, notes, "test-card-prefix (the real test environment answers 30049): card 622202")
	assert.NotContains(t, notes, cardICBC, "the card is masked")
}

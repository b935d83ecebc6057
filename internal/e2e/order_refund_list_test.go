package e2e

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/client"
)

// TestRefundList: a consumption's refund is given back by the members its
// refundList names, each its amount (spec §4.2.16, §5.9), instead of the
// receiver alone: the receiver and split receivers, a split receiver up to
// what the split left it (RulesDec2026e); a list that does not add up to
// the refund is 40020, one that names a member the order never paid 40022,
// and neither moves anything.
func TestRefundList(t *testing.T) {
	c := orders(t)
	c.funded("payer", 10000)
	c.person("shop")
	c.funded("partner", 1000)
	c.funded("stranger", 1000)
	c.consumed(consume("payer", "shop", "c1", 3000, 0, client.SplitRule{BizUserID: "partner", Amount: 500}))
	before := []int64{7000, 2500, 1500, 1000}

	wrong := refund("payer", "r0", "c1", 1000)
	wrong.RefundList = []client.RefundItem{{BizUserID: "shop", AccountSetNo: escrowSet, Amount: 600}}
	_, err := c.Refund(c.ctx, wrong)
	assert.Equal(t, "40020", apiCode(t, err), "600 is not 1000")
	stranger := refund("payer", "r0", "c1", 1000)
	stranger.RefundList = []client.RefundItem{{BizUserID: "stranger", AccountSetNo: escrowSet, Amount: 1000}}
	_, err = c.Refund(c.ctx, stranger)
	assert.Equal(t, "40022", apiCode(t, err), "c1 never paid stranger")
	assert.Equal(t, before, c.balances("payer", "shop", "partner", "stranger"), "nothing moved")

	r := refund("payer", "r1", "c1", 1000)
	r.RefundList = []client.RefundItem{{BizUserID: "shop", AccountSetNo: escrowSet, Amount: 600},
		{BizUserID: "partner", AccountSetNo: escrowSet, Amount: 400}}
	_, err = c.Refund(c.ctx, r)
	require.NoError(t, err)
	assert.Equal(t, []int64{8000, 1900, 1100, 1000}, c.balances("payer", "shop", "partner", "stranger"))
}

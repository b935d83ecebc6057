package e2e

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/client"
)

// TestRefundList: a consumption's refund is given back by the members its
// refundList names, each its amount (spec §4.2.16, §5.9), instead of the
// receiver alone; a list that does not add up to the refund is 40020 and
// moves nothing.
func TestRefundList(t *testing.T) {
	c := orders(t)
	c.funded("payer", 10000)
	c.person("shop")
	c.funded("partner", 1000)
	c.consumed(consume("payer", "shop", "c1", 3000, 0))

	wrong := refund("payer", "r0", "c1", 1000)
	wrong.RefundList = []client.RefundItem{{BizUserID: "shop", AccountSetNo: escrowSet, Amount: 600}}
	_, err := c.Refund(c.ctx, wrong)
	assert.Equal(t, "40020", apiCode(t, err), "600 is not 1000")
	assert.Equal(t, []int64{7000, 3000, 1000}, c.balances("payer", "shop", "partner"), "nothing moved")

	r := refund("payer", "r1", "c1", 1000)
	r.RefundList = []client.RefundItem{{BizUserID: "shop", AccountSetNo: escrowSet, Amount: 600},
		{BizUserID: "partner", AccountSetNo: escrowSet, Amount: 400}}
	_, err = c.Refund(c.ctx, r)
	require.NoError(t, err)
	assert.Equal(t, []int64{8000, 2400, 600}, c.balances("payer", "shop", "partner"))
}

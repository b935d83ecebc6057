package e2e

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/client"
)

// TestRefundOfApplicationTransferOverHTTP: a platform transfer is refunded
// (spec §4.2.16 note 1) with the platform as bizUserId
// (#yunBizUserId_B2C#, the refund table), in parts, back to the set it came
// from; the refund names the transfer as its original.
func TestRefundOfApplicationTransferOverHTTP(t *testing.T) {
	c := orders(t)
	c.funded("m", 1000)
	platform := c.platform(standardSet)

	got, err := c.Refund(c.ctx, refund(client.PlatformBizUserID, "rt1", "fund-m", 400))
	require.NoError(t, err)
	assert.Equal(t, client.PayStatusSuccess, got.PayStatus)
	assert.Equal(t, []int64{600}, c.balances("m"))
	assert.Equal(t, platform+400, c.platform(standardSet))

	detail, err := c.GetOrderDetail(c.ctx, "rt1")
	require.NoError(t, err)
	assert.Equal(t, "fund-m", detail.OriBizOrderNo)
	assert.NotEmpty(t, detail.OriOrderNo, "the transfer's transferNo")

	_, err = c.Refund(c.ctx, refund("m", "rt2", "fund-m", 100))
	assert.Equal(t, "40022", apiCode(t, err), "the platform paid the transfer")
	_, err = c.Refund(c.ctx, refund(client.PlatformBizUserID, "rt2", "fund-m", 601))
	assert.Equal(t, "40020", apiCode(t, err), "600 is left to refund")
	_, err = c.Refund(c.ctx, refund(client.PlatformBizUserID, "rt2", "fund-m", 600))
	require.NoError(t, err)
	assert.Equal(t, []int64{0}, c.balances("m"))
	assert.Equal(t, platform+1000, c.platform(standardSet))
}

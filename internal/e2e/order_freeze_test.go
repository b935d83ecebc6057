package e2e

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/client"
)

// TestFreezeJourney: frozen money stays in allAmount but cannot be spent;
// a freeze is released in parts, never more than it holds.
func TestFreezeJourney(t *testing.T) {
	c := orders(t)
	c.funded("fred", 10000)
	c.funded("other", 100)
	c.person("shop")

	got, err := c.FreezeMoney(c.ctx, freeze("fred", "f1", 3000))
	require.NoError(t, err)
	assert.Equal(t, client.FreezeResponse{BizFreezenNo: "f1", Amount: 3000}, *got)
	all, frozen := c.balance("fred")
	assert.Equal(t, []int64{10000, 3000}, []int64{all, frozen})

	_, err = c.ConsumeApply(c.ctx, consume("fred", "shop", "c1", 7001, 0))
	assert.Equal(t, "40014", apiCode(t, err), "7000 can be spent")
	for _, tc := range []struct {
		name string
		call func(client.FreezeRequest) (*client.FreezeResponse, error)
		req  client.FreezeRequest
		code string
	}{
		{"the same bizFreezenNo", c.freezeMoney, freeze("fred", "f1", 1), "40017"},
		{"more than is available", c.freezeMoney, freeze("fred", "f2", 7001), "50001"},
		{"more than the freeze holds", c.unfreezeMoney, freeze("fred", "f1", 3001), "50003"},
		{"an unknown freeze", c.unfreezeMoney, freeze("fred", "nope", 1), "50004"},
		{"another member's freeze", c.unfreezeMoney, freeze("other", "f1", 1), "50004"},
		{"an unknown account set", c.freezeMoney, client.FreezeRequest{BizUserID: "fred", BizFreezenNo: "f3",
			AccountSetNo: "999999", Amount: 1}, "30019"},
	} {
		_, err := tc.call(tc.req)
		assert.Equal(t, tc.code, apiCode(t, err), tc.name)
	}

	for _, step := range []struct{ release, frozen int64 }{{1000, 2000}, {2000, 0}} {
		_, err = c.UnfreezeMoney(c.ctx, freeze("fred", "f1", step.release))
		require.NoError(t, err)
		all, frozen = c.balance("fred")
		assert.Equal(t, []int64{10000, step.frozen}, []int64{all, frozen})
	}
	_, err = c.UnfreezeMoney(c.ctx, freeze("fred", "f1", 1))
	assert.Equal(t, "50003", apiCode(t, err), "the freeze is used up")

	c.consumed(consume("fred", "shop", "c1", 8000, 0))
	assert.Equal(t, []int64{2000, 8000}, c.balances("fred", "shop"))
}

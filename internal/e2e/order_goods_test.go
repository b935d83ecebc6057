package e2e

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/client"
)

// p2pProduct is the entryGoods of a P2P product of owner.
func p2pProduct(owner, bizGoodsNo string) client.EntryGoodsRequest {
	return client.EntryGoodsRequest{BizUserID: owner, GoodsType: client.GoodsP2P, BizGoodsNo: bizGoodsNo,
		GoodsName: "标的1", GoodsDetail: "我是标的1的详细信息。", ShowURL: "http://merchant.test/goods/1",
		GoodsParams: map[string]any{"amount": 1000000, "annualYield": "8.5", "repayPeriodNumber": 12}}
}

// TestGoodsJourney: goods registered by entryGoods are found by queryGoods
// as they were sent, by the member that registered them only.
func TestGoodsJourney(t *testing.T) {
	c := orders(t)
	c.person("borrower")
	c.person("other")

	got, err := c.EntryGoods(c.ctx, p2pProduct("borrower", "g1"))
	require.NoError(t, err)
	assert.Equal(t, "g1", got.BizGoodsNo)
	assert.NotEmpty(t, got.GoodsNo)

	goods, err := c.QueryGoods(c.ctx, "borrower", "g1")
	require.NoError(t, err)
	assert.Equal(t, client.Goods{BizUserID: "borrower", BizGoodsNo: "g1", GoodsType: client.GoodsP2P,
		GoodsName: "标的1", GoodsDetail: "我是标的1的详细信息。", ShowURL: "http://merchant.test/goods/1",
		GoodsParams: map[string]any{"amount": float64(1000000), "annualYield": "8.5", "repayPeriodNumber": float64(12)}}, *goods)

	for _, tc := range []struct {
		name string
		call func() error
		code string
	}{
		{"the same bizGoodsNo again", func() error { _, err := c.EntryGoods(c.ctx, p2pProduct("other", "g1")); return err }, "40007"},
		{"an unknown goodsType", func() error {
			req := p2pProduct("borrower", "g2")
			req.GoodsType = 7
			_, err := c.EntryGoods(c.ctx, req)
			return err
		}, "40008"},
		{"an unknown member", func() error { _, err := c.EntryGoods(c.ctx, p2pProduct("nobody", "g2")); return err }, "30001"},
		{"goodsName missing", func() error {
			req := p2pProduct("borrower", "g2")
			req.GoodsName = ""
			_, err := c.EntryGoods(c.ctx, req)
			return err
		}, "10001"},
		{"goods never registered", func() error { _, err := c.QueryGoods(c.ctx, "borrower", "g2"); return err }, "40000"},
		{"another member's goods", func() error { _, err := c.QueryGoods(c.ctx, "other", "g1"); return err }, "40022"},
	} {
		assert.Equal(t, tc.code, apiCode(t, tc.call()), tc.name)
	}
}

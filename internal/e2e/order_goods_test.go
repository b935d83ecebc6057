package e2e

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/client"
)

// p2pProduct is the entryGoods of a P2P product of owner, as goods of the
// kind 其他 (99): spec §6.4 has no P2P kind.
func p2pProduct(owner, bizGoodsNo string) client.EntryGoodsRequest {
	return client.EntryGoodsRequest{BizUserID: owner, GoodsType: client.GoodsOther, BizGoodsNo: bizGoodsNo,
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
	assert.Equal(t, client.Goods{BizUserID: "borrower", BizGoodsNo: "g1", GoodsType: client.GoodsOther,
		GoodsName: "标的1", GoodsDetail: "我是标的1的详细信息。", ShowURL: "http://merchant.test/goods/1",
		GoodsParams: map[string]any{"amount": float64(1000000), "annualYield": "8.5", "repayPeriodNumber": float64(12)}}, *goods)

	// g2 of borrower, as change makes it
	entry := func(change func(*client.EntryGoodsRequest)) func() error {
		return func() error {
			req := p2pProduct("borrower", "g2")
			change(&req)
			_, err := c.EntryGoods(c.ctx, req)
			return err
		}
	}
	for _, tc := range []struct {
		name string
		call func() error
		code string
	}{
		{"the same bizGoodsNo again", func() error { _, err := c.EntryGoods(c.ctx, p2pProduct("other", "g1")); return err }, "40007"},
		{"an unknown goodsType", entry(func(r *client.EntryGoodsRequest) { r.GoodsType = 7 }), "40008"},
		{"goodsType 1, which spec §6.4 does not have", entry(func(r *client.EntryGoodsRequest) { r.GoodsType = 1 }), "40008"},
		{"an unknown member", entry(func(r *client.EntryGoodsRequest) { r.BizUserID = "nobody" }), "30001"},
		{"goodsName missing", entry(func(r *client.EntryGoodsRequest) { r.GoodsName = "" }), "10001"},
		// spec §5.17: eshopEntCode and eshopEntName 必填
		{"cross-border goods without eshopEntName", entry(func(r *client.EntryGoodsRequest) {
			r.GoodsType, r.GoodsParams = client.GoodsCrossBorder, map[string]any{"eshopEntCode": "E1"}
		}), "10001"},
		{"goods never registered", func() error { _, err := c.QueryGoods(c.ctx, "borrower", "g2"); return err }, "40000"},
		{"another member's goods", func() error { _, err := c.QueryGoods(c.ctx, "other", "g1"); return err }, "40022"},
	} {
		assert.Equal(t, tc.code, apiCode(t, tc.call()), tc.name)
	}
}

// TestOrderGoodsType: an order's goodsType is one of spec §6.4's (10000
// otherwise, as the other dictionaries of an order); 1, which the table does
// not have, included.
func TestOrderGoodsType(t *testing.T) {
	c := orders(t)
	c.funded("payer", 1000)
	c.person("shop")
	for _, tc := range []struct {
		goodsType int64
		code      string
	}{{1, "10000"}, {6, "10000"}, {91, "10000"}, {client.GoodsOther, ""}, {client.GoodsMarketing, ""}} {
		req := consume("payer", "shop", fmt.Sprintf("g%d", tc.goodsType), 10, 0)
		req.GoodsType = tc.goodsType
		err := c.consume(req)
		if tc.code == "" {
			assert.NoError(t, err, "goodsType %d", tc.goodsType)
			continue
		}
		assert.Equal(t, tc.code, apiCode(t, err), "goodsType %d", tc.goodsType)
		assert.Contains(t, apiError(t, err).Message, "goodsType must be one of 2|3|4|5|90|99")
	}
	assert.Equal(t, []int64{980, 20}, c.balances("payer", "shop"))
}

// TestGoodsTextsLeftOutOverHTTP: queryGoods of goods registered without
// goodsDetail and showUrl (spec §4.2.12: 否) has neither key on the wire,
// as the platform's fastjson leaves out a null.
func TestGoodsTextsLeftOutOverHTTP(t *testing.T) {
	c := orders(t)
	c.person("a")
	_, err := c.EntryGoods(c.ctx, client.EntryGoodsRequest{BizUserID: "a", GoodsType: client.GoodsOther, BizGoodsNo: "g1",
		GoodsName: "plain"})
	require.NoError(t, err)
	raw, err := c.Call(c.ctx, "OrderService", "queryGoods", map[string]any{"bizUserId": "a", "bizGoodsNo": "g1"})
	require.NoError(t, err)
	var v map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(raw, &v), "%s", raw)
	assert.ElementsMatch(t, []string{"bizUserId", "bizGoodsNo", "goodsType", "goodsName", "goodsParams"}, slices.Collect(maps.Keys(v)))
}

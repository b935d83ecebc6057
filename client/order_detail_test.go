package client

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestLessUsedCallsSendWhatTheCatalogueNames: the goods and detail calls
// send their params under the platform's names, numbers as numbers, and
// leave the optional ones out when empty.
func TestLessUsedCallsSendWhatTheCatalogueNames(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name string
		call func(c *Client) error
		want map[string]any
	}{
		{"entryGoods", func(c *Client) error {
			_, err := c.EntryGoods(ctx, EntryGoodsRequest{BizUserID: "b", GoodsType: GoodsOther, BizGoodsNo: "g", GoodsName: "n"})
			return err
		}, map[string]any{"bizUserId": "b", "goodsType": float64(99), "bizGoodsNo": "g", "goodsName": "n"}},
		{"queryGoods", func(c *Client) error { _, err := c.QueryGoods(ctx, "b", "g"); return err },
			map[string]any{"bizUserId": "b", "bizGoodsNo": "g"}},
		{"getPaymentInformationDetail", func(c *Client) error {
			_, err := c.GetPaymentInformationDetail(ctx, PaymentInformationRequest{BizOrderNo: "k", DateEnd: "2026-11-28"})
			return err
		}, map[string]any{"bizOrderNo": "k", "dateEnd": "2026-11-28"}},
		{"getOrderSplitRuleListDetail", func(c *Client) error { _, err := c.GetOrderSplitRuleListDetail(ctx, "c"); return err },
			map[string]any{"bizOrderNo": "c"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, capture(t, tc.call))
		})
	}
}

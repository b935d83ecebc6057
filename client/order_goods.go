package client

import "context"

// Goods types of EntryGoods, QueryGoods and the orders (GoodsType), spec
// §6.4; the table has no 1.
const (
	GoodsVirtual        int64 = 2  // 虚拟商品
	GoodsPhysical       int64 = 3  // 实物商品
	GoodsOfflineService int64 = 4  // 线下服务
	GoodsCrossBorder    int64 = 5  // 跨境商品, whose GoodsParams are required (spec §5.17)
	GoodsMarketing      int64 = 90 // 营销活动
	GoodsOther          int64 = 99 // 其他 (90 before December 2026, which §6.4 names 营销活动)
)

// GoodsP2P was goods type 1, which spec §6.4 does not have: EntryGoods
// answers 40008 for it and an order 10000.
//
// Deprecated: use a type of §6.4, e.g. GoodsOther.
const GoodsP2P int64 = 1

// EntryGoodsRequest registers goods of a member. BizGoodsNo is unique
// within the application; GoodsParams is kept as sent (cross-border
// goods: eshopEntCode and eshopEntName, spec §5.17).
type EntryGoodsRequest struct {
	BizUserID   string         `json:"bizUserId"`
	GoodsType   int64          `json:"goodsType"` // GoodsVirtual, GoodsPhysical, ...
	BizGoodsNo  string         `json:"bizGoodsNo"`
	GoodsName   string         `json:"goodsName"`
	GoodsDetail string         `json:"goodsDetail,omitempty"`
	GoodsParams map[string]any `json:"goodsParams,omitempty"`
	ShowURL     string         `json:"showUrl,omitempty"`
	ExtendInfo  string         `json:"extendInfo,omitempty"`
}

// EntryGoodsResponse is the answer of EntryGoods: GoodsNo is the
// platform's number of the goods.
type EntryGoodsResponse struct {
	GoodsNo    string `json:"goodsNo"`
	BizGoodsNo string `json:"bizGoodsNo"`
}

// EntryGoods calls OrderService.entryGoods. A BizGoodsNo registered before
// is a *Error with Code "40007", an unknown GoodsType "40008".
func (c *Client) EntryGoods(ctx context.Context, req EntryGoodsRequest) (*EntryGoodsResponse, error) {
	return typed[EntryGoodsResponse](ctx, c, "OrderService", "entryGoods", req)
}

// goodsRequest names a member's goods.
type goodsRequest struct {
	BizUserID  string `json:"bizUserId"`
	BizGoodsNo string `json:"bizGoodsNo"`
}

// Goods is the answer of QueryGoods: the goods as EntryGoods registered
// them, with the keys of spec §4.2.12 (not EntryGoods' goodsNo, nor its
// extendInfo). GoodsParams is decoded by encoding/json, so its numbers are
// float64.
type Goods struct {
	BizUserID   string         `json:"bizUserId"`
	BizGoodsNo  string         `json:"bizGoodsNo"`
	GoodsType   int64          `json:"goodsType"`
	GoodsName   string         `json:"goodsName"`
	GoodsDetail string         `json:"goodsDetail"`
	GoodsParams map[string]any `json:"goodsParams"`
	ShowURL     string         `json:"showUrl"`
}

// QueryGoods calls OrderService.queryGoods. Goods never registered are a
// *Error with Code "40000", another member's "40022".
func (c *Client) QueryGoods(ctx context.Context, bizUserID, bizGoodsNo string) (*Goods, error) {
	return typed[Goods](ctx, c, "OrderService", "queryGoods", goodsRequest{bizUserID, bizGoodsNo})
}

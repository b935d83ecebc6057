package emulator

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func entry(owner, no string, goodsType int) string {
	return fmt.Sprintf(`{"bizUserId":%q,"goodsType":%d,"bizGoodsNo":%q,"goodsName":"标的1","goodsDetail":"details",`+
		`"goodsParams":{"amount":100000,"repayInfo":[{"period":1}]},"showUrl":"http://shop.test/g","extendInfo":"x"}`,
		owner, goodsType, no)
}

func queryGoodsOf(owner, no string) string {
	return fmt.Sprintf(`{"bizUserId":%q,"bizGoodsNo":%q}`, owner, no)
}

// TestGoodsAreKeptAsRegistered: queryGoods answers what entryGoods
// registered, goodsParams included, and never hands out the state's maps.
// Its answer has the keys of spec §4.2.12's table only: not entryGoods'
// goodsNo, nor the extendInfo it was sent.
func TestGoodsAreKeptAsRegistered(t *testing.T) {
	e := newTest()
	funded(t, e, 0, "owner")
	got := ok(t, e, "entryGoods", entry("owner", "g1", 1))
	require.NotEmpty(t, got["goodsNo"])
	assert.Equal(t, "g1", got["bizGoodsNo"])

	want := map[string]any{"bizUserId": "owner", "bizGoodsNo": "g1", "goodsType": int64(1),
		"goodsName": "标的1", "goodsDetail": "details", "showUrl": "http://shop.test/g",
		"goodsParams": map[string]any{"amount": json.Number("100000"), "repayInfo": []any{map[string]any{"period": json.Number("1")}}}}
	answer := ok(t, e, "queryGoods", queryGoodsOf("owner", "g1"))
	assert.Equal(t, want, answer)

	answer["goodsParams"].(map[string]any)["repayInfo"].([]any)[0].(map[string]any)["period"] = "changed"
	assert.Equal(t, want, ok(t, e, "queryGoods", queryGoodsOf("owner", "g1")), "an answer is a copy")

	ok(t, e, "entryGoods", `{"bizUserId":"owner","goodsType":90,"bizGoodsNo":"g2","goodsName":"plain"}`)
	assert.Equal(t, map[string]any{}, ok(t, e, "queryGoods", queryGoodsOf("owner", "g2"))["goodsParams"])
}

// TestGoodsRefusals: the codes of entryGoods and queryGoods, in the order
// they are checked.
func TestGoodsRefusals(t *testing.T) {
	e := newTest()
	funded(t, e, 0, "owner", "other")
	ok(t, e, "entryGoods", entry("owner", "g1", 3))
	for _, tc := range []struct {
		name, method, param, code string
	}{
		{"unknown member", "entryGoods", entry("nobody", "g2", 1), "30001"},
		{"unknown goodsType", "entryGoods", entry("owner", "g2", 6), "40008"},
		{"cross-border goods without goodsParams (spec §4.2.11, line 7028)", "entryGoods",
			`{"bizUserId":"owner","goodsType":5,"bizGoodsNo":"g2","goodsName":"x"}`, "10001"},
		{"bizGoodsNo taken", "entryGoods", entry("owner", "g1", 1), "40007"},
		{"bizGoodsNo taken by another member", "entryGoods", entry("other", "g1", 1), "40007"},
		{"query by an unknown member", "queryGoods", queryGoodsOf("nobody", "g1"), "30001"},
		{"unknown goods", "queryGoods", queryGoodsOf("owner", "nope"), "40000"},
		{"another member's goods", "queryGoods", queryGoodsOf("other", "g1"), "40022"},
	} {
		assert.Equal(t, tc.code, code(t, e, tc.method, tc.param), tc.name)
	}
	ok(t, e, "entryGoods", entry("other", "g2", 5)) // cross-border goods are known
}

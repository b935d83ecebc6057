package emulator

import (
	"encoding/json"
	"fmt"
	"strings"
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
	got := ok(t, e, "entryGoods", entry("owner", "g1", 99))
	require.NotEmpty(t, got["goodsNo"])
	assert.Equal(t, "g1", got["bizGoodsNo"])

	want := map[string]any{"bizUserId": "owner", "bizGoodsNo": "g1", "goodsType": int64(99),
		"goodsName": "标的1", "goodsDetail": "details", "showUrl": "http://shop.test/g",
		"goodsParams": map[string]any{"amount": json.Number("100000"), "repayInfo": []any{map[string]any{"period": json.Number("1")}}}}
	answer := ok(t, e, "queryGoods", queryGoodsOf("owner", "g1"))
	assert.Equal(t, want, answer)

	answer["goodsParams"].(map[string]any)["repayInfo"].([]any)[0].(map[string]any)["period"] = "changed"
	assert.Equal(t, want, ok(t, e, "queryGoods", queryGoodsOf("owner", "g1")), "an answer is a copy")

}

// TestGoodsTextsNobodySent: queryGoods leaves out goodsDetail and showUrl
// (spec §4.2.12, 否) when entryGoods was sent none, or "", as the
// platform's fastjson leaves out a null (docs/methods.md); goodsParams is
// {} (a choice kept).
func TestGoodsTextsNobodySent(t *testing.T) {
	e := newTest()
	funded(t, e, 0, "owner")
	tests := []struct {
		name, extra string
		want        map[string]any
	}{
		{"neither sent", "", map[string]any{}},
		{"both empty", `,"goodsDetail":"","showUrl":""`, map[string]any{}},
		{"goodsDetail only", `,"goodsDetail":"d"`, map[string]any{"goodsDetail": "d"}},
		{"showUrl only", `,"showUrl":"http://shop.test/g"`, map[string]any{"showUrl": "http://shop.test/g"}},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			no := fmt.Sprintf("g%d", i)
			ok(t, e, "entryGoods", `{"bizUserId":"owner","goodsType":90,"bizGoodsNo":"`+no+`","goodsName":"plain"`+tt.extra+`}`)
			want := map[string]any{"bizUserId": "owner", "bizGoodsNo": no, "goodsType": int64(90), "goodsName": "plain",
				"goodsParams": map[string]any{}}
			for k, v := range tt.want {
				want[k] = v
			}
			assert.Equal(t, want, ok(t, e, "queryGoods", queryGoodsOf("owner", no)))
		})
	}
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
		{"unknown member", "entryGoods", entry("nobody", "g2", 99), "30001"},
		{"unknown goodsType", "entryGoods", entry("owner", "g2", 6), "40008"},
		{"goodsType 1, which spec §6.4 does not have", "entryGoods", entry("owner", "g2", 1), "40008"},
		{"cross-border goods without goodsParams (spec §4.2.11, line 7028)", "entryGoods",
			`{"bizUserId":"owner","goodsType":5,"bizGoodsNo":"g2","goodsName":"x"}`, "10001"},
		{"bizGoodsNo taken", "entryGoods", entry("owner", "g1", 99), "40007"},
		{"bizGoodsNo taken by another member", "entryGoods", entry("other", "g1", 99), "40007"},
		{"query by an unknown member", "queryGoods", queryGoodsOf("nobody", "g1"), "30001"},
		{"unknown goods", "queryGoods", queryGoodsOf("owner", "nope"), "40000"},
		{"another member's goods", "queryGoods", queryGoodsOf("other", "g1"), "40022"},
	} {
		assert.Equal(t, tc.code, code(t, e, tc.method, tc.param), tc.name)
	}
	for i, kind := range []int{2, 3, 4, 90, 99} { // spec §6.4, and 5 below
		ok(t, e, "entryGoods", entry("other", fmt.Sprintf("k%d", i), kind))
	}
}

// TestCrossBorderGoodsParams: cross-border goods (goodsType 5) come with
// the goodsParams of spec §5.17, whose eshopEntCode and eshopEntName are
// required (10001 naming the key); customsCode is not.
func TestCrossBorderGoodsParams(t *testing.T) {
	e := newTest()
	funded(t, e, 0, "owner")
	goods := func(no, params string) string {
		return fmt.Sprintf(`{"bizUserId":"owner","goodsType":5,"bizGoodsNo":%q,"goodsName":"x"%s}`, no, params)
	}
	for _, tc := range []struct {
		name, param, says string
	}{
		{"no goodsParams", goods("g1", ""), "goodsParams: cross-border goods"},
		{"empty goodsParams", goods("g1", `,"goodsParams":{}`), "goodsParams: cross-border goods"},
		{"without eshopEntName", goods("g1", `,"goodsParams":{"eshopEntCode":"E1"}`), "goodsParams.eshopEntName: spec §5.17"},
		{"without eshopEntCode", goods("g1", `,"goodsParams":{"eshopEntName":"电商","customsCode":"5100"}`),
			"goodsParams.eshopEntCode: spec §5.17"},
		{"eshopEntName empty", goods("g1", `,"goodsParams":{"eshopEntCode":"E1","eshopEntName":""}`), "goodsParams.eshopEntName"},
		{"eshopEntCode null", goods("g1", `,"goodsParams":{"eshopEntCode":null,"eshopEntName":"电商"}`), "goodsParams.eshopEntCode"},
		{"both, without customsCode", goods("g1", `,"goodsParams":{"eshopEntCode":"E1","eshopEntName":"电商"}`), ""},
		{"all three", goods("g2", `,"goodsParams":{"eshopEntCode":"E1","eshopEntName":"电商","customsCode":"5100"}`), ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := call(t, e, "OrderService", "entryGoods", tc.param)
			if tc.says == "" {
				require.Nil(t, out.Err, "%v", out.Err)
				return
			}
			refused(t, out, "10001", tc.says)
		})
	}
}

// TestCrossBorderOrderNeedsGoods: a consumption or collection of
// cross-border goods names goodsType and bizGoodsNo (spec §4.2.1 四 (2)),
// of a merchant that declares them to customs: without either it passes
// with a required-param note, and is 10001 with --strict.
func TestCrossBorderOrderNeedsGoods(t *testing.T) {
	with := func(order, extra string) string { return strings.Replace(order, "{", "{"+extra, 1) }
	tests := []struct {
		name, method, param, missing string
	}{
		{"consumption of goodsType 5 without bizGoodsNo", "consumeApply",
			with(consume("buyer", "shop", "c1", 100, 0, ""), `"goodsType":5,`), "bizGoodsNo"},
		{"collection of goodsType 5 without bizGoodsNo", "agentCollectApply",
			with(collect("buyer", "shop", "c1", 100), `"goodsType":5,`), "bizGoodsNo"},
		{"consumption of cross-border goods without goodsType", "consumeApply",
			with(consume("buyer", "shop", "c1", 100, 0, ""), `"bizGoodsNo":"cb",`), "goodsType"},
		{"consumption naming both", "consumeApply",
			with(consume("buyer", "shop", "c1", 100, 0, ""), `"goodsType":5,"bizGoodsNo":"cb",`), ""},
		{"consumption of other goods", "consumeApply",
			with(consume("buyer", "shop", "c1", 100, 0, ""), `"goodsType":3,`), ""},
		{"collection of other goods without goodsType", "agentCollectApply",
			with(collect("buyer", "shop", "c1", 100), `"bizGoodsNo":"plain",`), ""},
	}
	for _, tt := range tests {
		for _, strict := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s strict=%v", tt.name, strict), func(t *testing.T) {
				e := newTestOrStrict(strict)
				funded(t, e, 1000, "buyer")
				funded(t, e, 0, "shop")
				realNamed(t, e, "shop")
				ok(t, e, "entryGoods", `{"bizUserId":"shop","goodsType":5,"bizGoodsNo":"cb","goodsName":"x",`+
					`"goodsParams":{"eshopEntCode":"E1","eshopEntName":"电商"}}`)
				ok(t, e, "entryGoods", `{"bizUserId":"shop","goodsType":3,"bizGoodsNo":"plain","goodsName":"y"}`)
				out := call(t, e, "OrderService", tt.method, tt.param)
				if tt.missing != "" && strict {
					refused(t, out, "10001", tt.missing+": spec §4.2.1 四 (2)", "rule "+ruleRequired)
					return
				}
				require.Nil(t, out.Err, "%v", out.Err)
				notes := notesOf(out.Portability, ruleRequired)
				if tt.missing == "" {
					assert.Empty(t, notes)
					return
				}
				require.Len(t, notes, 1, "%v", out.Portability)
				assert.Equal(t, "10001", notes[0].Code)
				assert.Contains(t, notes[0].Message, tt.missing+": spec §4.2.1 四 (2)")
			})
		}
	}
}

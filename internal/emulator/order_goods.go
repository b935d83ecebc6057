package emulator

import "github.com/tsymock/tsymock/internal/soa"

// knownGoodsType reports whether t is one of spec §6.4's goods types: 2
// 虚拟商品, 3 实物商品, 4 线下服务, 5 跨境商品, 90 营销活动, 99 其他 (the
// table has no 1). A legacy op (logged before RulesDec2026) took 1 and not
// 99.
func knownGoodsType(t int64, legacy bool) bool {
	switch t {
	case 2, 3, 4, 5, 90:
		return true
	case 1:
		return legacy
	case 99:
		return !legacy
	}
	return false
}

// goods is what entryGoods registered, for queryGoods. goodsParams is kept
// as a copy of what was sent, and answered as a copy.
type goods struct {
	goodsNo, bizGoodsNo, owner string
	goodsType                  int64
	name, detail               string
	showURL, extendInfo        string
	params                     map[string]any
}

// goodsCrossBorder is goodsType 5, 跨境商品: the one kind whose goodsParams
// the spec requires (§4.2.11, the params of §5.17).
const goodsCrossBorder = 5

// entryGoods registers goods of a member: a bizGoodsNo is unique within the
// application (40007), goodsType a known kind (40008), and cross-border
// goods come with their goodsParams, §5.17's required keys in them (10001).
func entryGoods(a *app, p params) (map[string]any, *soa.Error) {
	m, serr := a.member(p.str("bizUserId"))
	if serr != nil {
		return nil, serr
	}
	kind := p.num("goodsType")
	if !knownGoodsType(kind, a.before(RulesDec2026)) {
		return nil, soa.Errorf("40008", "goodsType %d; spec §6.4 has 2 虚拟商品, 3 实物商品, 4 线下服务, "+
			"5 跨境商品, 90 营销活动 and 99 其他", kind)
	}
	if kind == goodsCrossBorder {
		if serr := checkCrossBorderParams(asMap(p["goodsParams"]), a.before(RulesDec2026)); serr != nil {
			return nil, serr
		}
	}
	no := p.str("bizGoodsNo")
	if g := a.book.read().goods[no]; g != nil {
		return nil, soa.Errorf("40007", "bizGoodsNo %q was registered by %s as goodsNo %s", no, g.owner, g.goodsNo)
	}
	kept, _ := cloneJSON(asMap(p["goodsParams"])).(map[string]any)
	g := &goods{goodsNo: a.number(), bizGoodsNo: no, owner: m.bizUserID, goodsType: kind,
		name: p.str("goodsName"), detail: p.str("goodsDetail"), showURL: p.str("showUrl"),
		extendInfo: p.str("extendInfo"), params: kept}
	put(&a.book.more().goods, no, g)
	return map[string]any{"goodsNo": g.goodsNo, "bizGoodsNo": no}, nil
}

// checkCrossBorderParams checks the goodsParams of cross-border goods: spec
// §4.2.11 requires them of goodsType 5, and §5.17 its keys eshopEntCode and
// eshopEntName (必填 是; customsCode 否), each 10001 naming what is missing.
func checkCrossBorderParams(gp map[string]any, legacy bool) *soa.Error {
	if len(gp) == 0 {
		return soa.Errorf("10001", "goodsParams: cross-border goods (goodsType 5) need them (spec §4.2.11, §5.17)")
	}
	if legacy { // logged before RulesDec2026, which checks §5.17's keys
		return nil
	}
	for _, key := range []string{"eshopEntCode", "eshopEntName"} {
		if v, ok := gp[key]; !ok || v == nil || v == "" {
			return soa.Errorf("10001", "goodsParams.%s: spec §5.17 requires it of cross-border goods (goodsType 5)", key)
		}
	}
	return nil
}

// checkCrossBorderOrder notes a consumption or collection of cross-border
// goods (goodsType 5, or a bizGoodsNo that entryGoods registered as 5)
// without goodsType or bizGoodsNo: spec §4.2.1 四 (2) requires both of such
// an order (消费、托管代收，且“商品类型”和“商户系统商品编号”必填), but of a
// merchant that opened customs declaration (支付验证报关), which tsymock
// cannot tell (rule required-param, 10001).
func (a *app) checkCrossBorderOrder(p params) *soa.Error {
	if a.before(RulesDec2026) { // logged before RulesDec2026, which notes it
		return nil
	}
	no := p.str("bizGoodsNo")
	g := a.book.read().goods[no]
	if p.num("goodsType") != goodsCrossBorder && (g == nil || g.goodsType != goodsCrossBorder) {
		return nil
	}
	missing := "goodsType"
	switch {
	case p.str("goodsType") == "":
	case no == "":
		missing = "bizGoodsNo"
	default:
		return nil
	}
	return a.lenient(ruleRequired, "10001", "%s: spec §4.2.1 四 (2) requires goodsType and bizGoodsNo of a consumption "+
		"or collection of cross-border goods (goodsType 5), for customs declaration", missing)
}

// queryGoods answers goods as entryGoods registered them, to the member
// that registered them: unknown goods are 40000 (the code the platform
// gives an unknown order; it has none for goods), another member's 40022.
func queryGoods(a *app, p params) (map[string]any, *soa.Error) {
	m, serr := a.member(p.str("bizUserId"))
	if serr != nil {
		return nil, serr
	}
	no := p.str("bizGoodsNo")
	g := a.book.read().goods[no]
	if g == nil {
		return nil, soa.Errorf("40000", "no goods were registered as bizGoodsNo %q; entryGoods registers them", no)
	}
	if g.owner != m.bizUserID {
		return nil, soa.Errorf("40022", "bizGoodsNo %q was registered by %s", no, g.owner)
	}
	return g.answer(), nil
}

// answer is queryGoods' answer, the keys of spec §4.2.12's table: goodsParams
// is {} when none was sent; goodsDetail and showUrl (否) are left out when
// none was sent, as the platform's fastjson leaves out a null. The goodsNo
// and extendInfo that entryGoods answered and kept are not among them.
func (g *goods) answer() map[string]any {
	sent, _ := cloneJSON(g.params).(map[string]any) // a nil map copies as {}
	v := map[string]any{"bizUserId": g.owner, "bizGoodsNo": g.bizGoodsNo, "goodsType": g.goodsType,
		"goodsName": g.name, "goodsParams": sent}
	putText(v, "goodsDetail", g.detail)
	putText(v, "showUrl", g.showURL)
	return v
}

// cloneJSON copies a decoded JSON value, so that the state shares no map or
// slice with the caller's params or with an answer.
func cloneJSON(v any) any {
	switch x := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = cloneJSON(e)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = cloneJSON(e)
		}
		return out
	}
	return v
}

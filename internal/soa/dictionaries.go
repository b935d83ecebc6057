package soa

import (
	"slices"
	"strings"
)

// TradeCode is a business code of spec §6.11 (tradeCode of agentCollectApply,
// signalAgentPay and batchAgentPay): a collection takes a 代收 code, a payout
// a 代付 code, and they go in pairs (3001 代收消费金 with 4001 代付购买金).
type TradeCode struct {
	Code    string
	Collect bool   // a 代收 code (1xxx, 3001-3003), else a 代付 code
	Scene   string // 业务场景
	Name    string
}

// TradeCodes are the codes of spec §6.11, in its order.
func TradeCodes() []TradeCode {
	const finance, shop, cross = "消费金融及其它", "电商及其它", "跨境电商"
	return []TradeCode{
		{"1001", true, finance, "代收投资金"}, {"1002", true, finance, "代收还款（本金/收益）金"},
		{"1003", true, finance, "代收债权"}, {"1005", true, finance, "自动代收还款（本金/收益）金"},
		{"1006", true, finance, "第三方代收还款（本金/收益）金"}, {"1007", true, finance, "偿第三方代收还款（本金/收益）金"},
		{"2001", false, finance, "代付借款金"}, {"2002", false, finance, "代付还款（本金/收益）金"},
		{"2003", false, finance, "代付债权"}, {"2005", false, finance, "自动代付还款（本金/收益）金"},
		{"2006", false, finance, "第三方代付还款（本金/收益）金"}, {"2007", false, finance, "偿第三方代付还款（本金/收益）金"},
		{"3001", true, shop, "代收消费金"}, {"4001", false, shop, "代付购买金"},
		{"3002", true, shop, "代收（佣金/返利）金"}, {"4002", false, shop, "代付（佣金/返利）金"},
		{"3003", true, cross, "代收跨境消费金"}, {"4003", false, cross, "代付跨境消费金"},
	}
}

// LookupTradeCode is the §6.11 row of code.
func LookupTradeCode(code string) (TradeCode, bool) {
	i := slices.IndexFunc(TradeCodes(), func(t TradeCode) bool { return t.Code == code })
	if i < 0 {
		return TradeCode{}, false
	}
	return TradeCodes()[i], true
}

// TradeCodesFor lists the codes a collection (collect true) or a payout
// takes, comma-separated, for messages.
func TradeCodesFor(collect bool) string {
	var out []string
	for _, t := range TradeCodes() {
		if t.Collect == collect {
			out = append(out, t.Code)
		}
	}
	return strings.Join(out, ", ")
}

// Industry is an industry code and name of spec §6.12 (industryCode and
// industryName of the order methods). The spec asks for the four-digit
// codes; the two-digit ones head their groups.
type Industry struct {
	Code, Name string
}

// Industries are the four-digit codes of spec §6.12, ascending.
func Industries() []Industry {
	return []Industry{
		{"1010", "保险代理"}, {"1011", "保险经纪"}, {"1012", "保险公估"}, {"1013", "财险公司"},
		{"1014", "寿险公司"}, {"1015", "健康保险"}, {"1016", "养老保险"}, {"1110", "小额贷款公司"},
		{"1111", "P2P平台"}, {"1114", "融资担保"}, {"1115", "融资租赁"}, {"1116", "投资理财"},
		{"1117", "票据交易"}, {"1118", "众筹交易"}, {"1119", "股票配资"}, {"1410", "汽车销售"},
		{"1411", "汽车金融"}, {"1412", "汽车租赁"}, {"1413", "汽车售后"}, {"1414", "汽车运输"},
		{"1510", "学校"}, {"1511", "培训"}, {"1512", "考试中心"}, {"1514", "传媒"},
		{"1610", "房产销售"}, {"1611", "房产中介"}, {"1612", "物业管理"}, {"1613", "房产租赁"},
		{"1910", "其他"}, {"1912", "珠宝奢侈品"}, {"1914", "交易市场"}, {"1915", "公共事业类"},
		{"1916", "便捷付"}, {"1917", "招投标"}, {"1918", "团购"}, {"1929", "物流"},
		{"1930", "医疗"}, {"1940", "商旅"}, {"1941", "电信运营商及空充"}, {"1944", "生产或分销型企业资金归集"},
		{"1947", "咨询管理"}, {"1953", "银行内部其他应用"}, {"1954", "银行（金融通）"}, {"2310", "护理用品"},
		{"2311", "食品饮料"}, {"2312", "保健品"}, {"2313", "烟酒"}, {"2314", "饲料"},
		{"2413", "电子产品"}, {"2414", "个护化妆"}, {"2415", "珠宝首饰"}, {"2416", "户外运动"},
		{"2417", "家居电器"}, {"2418", "食饮保健"}, {"2419", "教育学费"}, {"2420", "航空机票"},
		{"2421", "酒店住宿"}, {"2422", "其他"}, {"2510", "服装鞋帽"}, {"2511", "箱包配饰"},
		{"2512", "家用电器"}, {"2513", "电子产品"}, {"2514", "个护化妆"}, {"2515", "珠宝首饰"},
		{"2516", "户外运动"}, {"2517", "家居电器"}, {"2518", "食饮保健"}, {"2519", "教育学费"},
		{"2520", "航空机票"}, {"2521", "酒店住宿"}, {"2522", "其他"}, {"2523", "资金进境"},
		{"2524", "报关业务"},
	}
}

// LookupIndustry is the §6.12 row of a four-digit code.
func LookupIndustry(code string) (Industry, bool) {
	all := Industries()
	i, ok := slices.BinarySearchFunc(all, code, func(in Industry, c string) int { return strings.Compare(in.Code, c) })
	if !ok {
		return Industry{}, false
	}
	return all[i], true
}

// GatewayBank is a bank of spec §6.13 (发卡机构), the gateid of a 收银宝
// gateway payment (GATEWAY_VSP, GATEWAY_VSP_ORG: 支付银行，见收银宝网银银行列表,
// §5.2) in the list of its paytype.
type GatewayBank struct {
	Code, Name string
}

// GatewayBanks are the banks of spec §6.13's list for paytype: B2C (个人网银,
// lines 14222-14240, the ICBC debit and credit cards apart) or B2B (企业网银,
// lines 14243-14262), in the spec's order; nil for another paytype. §6.13
// adds that 收银宝's online list prevails (以收银宝在线规范中银行卡列表为准).
func GatewayBanks(paytype string) []GatewayBank {
	switch paytype {
	case "B2C":
		return []GatewayBank{
			{"01021", "工商银行（借记卡）"}, {"01022", "工商银行（贷记卡）"}, {"0103", "农业银行"}, {"0104", "中国银行"},
			{"0105", "建设银行"}, {"0301", "交通银行"}, {"0100", "邮储银行"}, {"0308", "招商银行"},
			{"0305", "民生银行"}, {"0310", "浦发银行"}, {"0306", "广发银行"}, {"0302", "中信银行"},
			{"0303", "光大银行"}, {"0309", "兴业银行"}, {"0304", "华夏银行"}, {"0307", "平安银行"},
			{"4012900", "上海银行"},
		}
	case "B2B":
		return []GatewayBank{
			{"0102", "工商银行"}, {"0103", "农业银行"}, {"0104", "中国银行"}, {"0105", "建设银行"},
			{"0100", "邮储银行"}, {"0301", "交通银行"}, {"0302", "中信银行"}, {"0303", "光大银行"},
			{"0309", "兴业银行"}, {"0310", "浦发银行"}, {"0305", "民生银行"}, {"0307", "平安银行"},
			{"0308", "招商银行"}, {"4012900", "上海银行"},
		}
	}
	return nil
}

// LookupGatewayBank is the bank of code in spec §6.13's list for paytype.
func LookupGatewayBank(paytype, code string) (GatewayBank, bool) {
	banks := GatewayBanks(paytype)
	i := slices.IndexFunc(banks, func(b GatewayBank) bool { return b.Code == code })
	if i < 0 {
		return GatewayBank{}, false
	}
	return banks[i], true
}

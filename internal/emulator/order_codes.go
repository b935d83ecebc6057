package emulator

import "github.com/tsymock/tsymock/internal/soa"

// checkCodes holds an order's dictionary codes to the specification, each
// 10000 参数错误 otherwise: industryCode a four-digit code of spec §6.12
// (deposits, consumptions, collections, withdrawals), tradeCode a code of
// §6.11 of the order's side: a collection a 代收 code, a payout a 代付 code.
// A code the method does not take is not looked at (the catalogue requires
// those it takes).
func checkCodes(kind string, p params) *soa.Error {
	if code := p.str("industryCode"); code != "" {
		if _, ok := soa.LookupIndustry(code); !ok {
			return soa.Errorf("10000", "industryCode %q is not a four-digit industry code of spec §6.12 (e.g. 1910 其他)", code)
		}
	}
	if kind != kindCollect && kind != kindAgentPay {
		return nil
	}
	return checkTradeCode(p.str("tradeCode"), kind == kindCollect)
}

// checkTradeCode: code is a §6.11 code of a collection (collect) or a
// payout; "" is left to the catalogue.
func checkTradeCode(code string, collect bool) *soa.Error {
	if code == "" {
		return nil
	}
	side := map[bool]string{true: "a collection (代收)", false: "a payout (代付)"}
	t, ok := soa.LookupTradeCode(code)
	if !ok {
		return soa.Errorf("10000", "tradeCode %q is not a business code of spec §6.11; %s takes %s",
			code, side[collect], soa.TradeCodesFor(collect))
	}
	if t.Collect != collect {
		return soa.Errorf("10000", "tradeCode %s (%s) is for %s, this is %s, which takes %s (spec §6.11)",
			code, t.Name, side[t.Collect], side[collect], soa.TradeCodesFor(collect))
	}
	return nil
}

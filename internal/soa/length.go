package soa

import (
	"fmt"
	"maps"
	"slices"
	"unicode/utf8"
)

// MaxText is the most characters tsymock takes in any text field whose
// length the specification does not state (most of them: bizUserId,
// bizOrderNo, urls...). It is generous, far above any real id, so that no
// real merchant call is refused, and bounds what a request can make the
// emulator keep (a 900 KB bizUserId was a member's id before).
const MaxText = 2048

// specLength is a field's length as the specification states it: the
// characters of a text, the items of a list.
type specLength struct {
	limit   int
	section string
}

// specTextLength is the length of a text field the specification states,
// by name wherever it appears, by "method.name" where a method differs,
// and by "KEY.name" for the body of a pay method (spec §5.2), whose tables
// state a length for some methods and not for others. A section "" is the
// method's own (OrderSection). A switch, not a map: a package map is built
// at every start (cmd/tsymock's TestOwnInitsAreSmall).
func specTextLength(key string) (specLength, bool) {
	switch key {
	case "summary": // 摘要: 20 characters at most, in every order method's table (OrderSection)
		return specLength{20, ""}, true
	case "extendInfo": // 扩展信息: 50 characters in the order methods' tables (OrderSection)
		return specLength{50, ""}, true
	case "applicationTransfer.extendInfo": // 200 in the platform's transfer
		return specLength{200, "§4.2.17"}, true
	// the payer's terminal IP: 注：最大长度 16 in the WeChat H5, scan and JS tables (spec lines
	// 10297, 10502, 10791); the mini program's (line 10237) states none
	case "WECHATPAY_H5_OPEN.cusip", "WECHATPAY_SCAN_OPEN.cusip", "WECHATPAY_PUBLIC_OPEN.cusip":
		return specLength{16, "§5.2"}, true
	// Alipay's own app payment: 支付渠道名称（最长 100）, 支付摘要（最长 100） (lines 10983, 10996)
	case "ALIPAY_APP_OPEN.enablePayChannels", "ALIPAY_APP_OPEN.paysummary":
		return specLength{100, "§5.2"}, true
	// the 山东 channels' 附言，小于 20 个字段 (lines 11050, 11098): 20, as every summary of the
	// spec (最多 20 个字符); "小于" may mean 19, which tsymock does not refuse (docs/methods.md)
	case "WITHHOLD_SD.paysummary", "WITHDRAW_SD.paysummary":
		return specLength{20, "§5.2"}, true
	// batchAgentPay takes them only in its batchPayList items, whose table is §5.11's.
	case "batchAgentPay.summary":
		return specLength{20, "§5.11"}, true
	case "batchAgentPay.extendInfo":
		return specLength{50, "§5.11"}, true
	// 备注 of a split rule item (spec §5.3): 50 characters at most; the split rules are the
	// only remark these methods take.
	case "consumeApply.remark", "signalAgentPay.remark", "batchAgentPay.remark":
		return specLength{50, "§5.3"}, true
	}
	return specLength{}, false
}

// specCount is the most items the specification lets a list hold (最多支持 N 个 / 笔), by
// name wherever it appears, or by "parent.name" where another table states it again: a
// collection's receivers, the collections a payout draws on (a batch item's in §5.11), a
// batch's payouts, a refund's refundList. A switch, not a map: a package map is built at every
// start (cmd/tsymock's TestOwnInitsAreSmall).
func specCount(name string) (specLength, bool) {
	switch name {
	case "recieverList":
		return specLength{2000, "§4.2.5"}, true
	case "collectPayList":
		return specLength{100, "§4.2.6"}, true
	case "batchPayList.collectPayList": // a batch item's, in §5.11's table (line 13168)
		return specLength{100, "§5.11"}, true
	case "batchPayList":
		return specLength{200, "§4.2.7"}, true
	case "refundList":
		return specLength{100, "§4.2.16"}, true // 注：最多支持 100 个
	}
	return specLength{}, false
}

// OrderSection is the section of an order method, whose request table the
// method's params are held to: the lengths of its summary and extendInfo
// (each table states them again, e.g. §4.2.23 line 9012, §4.2.16 line
// 7831), the "|" its extendInfo may not hold, its orderExpireDatetime. A
// method whose table has none of them (a merchant sending them anyway) is
// held to depositApply's, §4.2.2, which states them for the order methods.
// The emulator cites it too, so that one table gives every message its
// section.
func OrderSection(method string) string {
	switch method {
	case "withdrawApply":
		return "§4.2.3"
	case "consumeApply":
		return "§4.2.4"
	case "agentCollectApply":
		return "§4.2.5"
	case "signalAgentPay":
		return "§4.2.6"
	case "refund":
		return "§4.2.16"
	case "crossBorderWithdrawApply":
		return "§4.2.23"
	}
	return "§4.2.2"
}

// fieldLength is the most characters field name of method takes, in the
// object whose key is parent, and where that comes from: a length stated
// for every order method cites method's own section (OrderSection).
func fieldLength(method, parent, name string) (int, string) {
	l, ok := specTextLength(method + "." + name)
	if !ok && parent != "" {
		l, ok = specTextLength(parent + "." + name)
	}
	if !ok {
		l, ok = specTextLength(name)
	}
	if !ok {
		return MaxText, "tsymock's bound on any text field"
	}
	if l.section == "" {
		l.section = OrderSection(method)
	}
	return l.limit, "the specification's " + l.section
}

// checkLengths answers 10004 (参数长度超长) for the first text value, in
// key order and depth first, longer than its field takes, or list with
// more items than specCount allows, naming it. The code for a list is
// tsymock's choice: §7 has none for a count, and 10004 is its code for a
// param over its length. parent is the key of the object holding name (a
// list's items are held by the list's key).
func checkLengths(method string, v any, path, parent, name string) *Error {
	switch x := v.(type) {
	case string:
		limit, source := fieldLength(method, parent, name)
		if n := utf8.RuneCountInString(x); n > limit {
			return Errorf(CodeTooLong, "%s is %d characters long, more than the %d %s allows", path, n, limit, source)
		}
	case map[string]any:
		for _, k := range slices.Sorted(maps.Keys(x)) {
			if serr := checkLengths(method, x[k], JoinPath(path, k), name, k); serr != nil {
				return serr
			}
		}
	case []any:
		l, ok := specCount(parent + "." + name)
		if !ok {
			l, ok = specCount(name)
		}
		if ok && len(x) > l.limit {
			return Errorf(CodeTooLong, "%s has %d items, more than the %d the specification's %s allows", path, len(x), l.limit, l.section)
		}
		for i, item := range x {
			if serr := checkLengths(method, item, fmt.Sprintf("%s[%d]", path, i), parent, name); serr != nil {
				return serr
			}
		}
	}
	return nil
}

// JoinPath is a dotted path (the form of Method.EncryptedResponse and of
// scenario param conditions) one key deeper; "" is the root.
func JoinPath(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

package emulator

import (
	"math/big"
	"strconv"
)

// summaryKinds are the order types of the summary reconciliation file
// (spec §4.3.2, 汇总对账文件), in its order: a count and an amount each.
// tsymock makes no 协议消费, 协议托收, 跨应用转账 or 理财 orders, whose
// columns stay 0.
func summaryKinds() []string {
	return []string{"充值", "消费", "协议消费", "提现", "平台转账", "托收", "协议托收", "单笔托付", "批量托付",
		"跨应用转账", "退款", "理财", "跨境提现"}
}

// summaryFields are the summary file's 30 columns for a day's lines: how
// many and how much in all, the first and last orderNo (empty on a day
// without any), then a count and an amount per summaryKinds. Amounts are
// summed as big integers: a day's orders may add up past an int64 of fen
// although each is at most one (spec §4.2.1 (6)).
func summaryFields(lines []checkLine) []string {
	count := map[string]int{}
	amount := map[string]*big.Int{}
	total := new(big.Int)
	for _, l := range lines {
		count[l.sum]++
		if amount[l.sum] == nil {
			amount[l.sum] = new(big.Int)
		}
		amount[l.sum].Add(amount[l.sum], big.NewInt(l.amount))
		total.Add(total, big.NewInt(l.amount))
	}
	first, last := "", ""
	if len(lines) > 0 {
		first, last = lines[0].orderNo, lines[len(lines)-1].orderNo
	}
	out := []string{strconv.Itoa(len(lines)), total.String(), first, last}
	for _, k := range summaryKinds() {
		n := amount[k]
		if n == nil {
			n = new(big.Int)
		}
		out = append(out, strconv.Itoa(count[k]), n.String())
	}
	return out
}

package emulator

import (
	"fmt"
	"net/netip"
	"strings"

	"github.com/tsymock/tsymock/internal/soa"
)

// The test environment's amounts (spec §5.2): payments whose amount, in
// fen, makes its channel answer a given way.
const (
	testSucceeds = 9 // ALIPAY_APP_OPEN and WECHATPAY_APP_OPEN succeed
	testPending  = 7 // ALIPAY_APP_OPEN stays in progress
	testFails    = 6 // ALIPAY_APP_OPEN fails

	// tltLimit is the highest agreement payment (QUICKPAY_TLT) the test
	// environment takes: 10,000.00 yuan.
	tltLimit = 1_000_000

	// instalmentMin and instalmentMax bound an instalment payment
	// (InstallmentPayment_H5): 600 to 50,000 yuan (spec §5.2).
	instalmentMin = 60_000
	instalmentMax = 5_000_000
)

// amountSimulation is one amount (in fen) that the test environment's channel
// answers with a named failure (spec §5.2). The spec names no codes; these
// are the closest of its §7 table. quote is the spec's own words, what an
// older op (before RulesDec2026e) said in English.
type amountSimulation struct {
	amount int64
	code   string
	what   string
	quote  string
}

// simulated is the failure a table simulates for amount, or nil: the
// spec's words with the method (since RulesDec2026e, as the platform
// writes its messages in Chinese, kept in the order's errorMessage and
// payFailMessage), or older's format, which takes the amount in yuan and
// what is simulated.
func (a *app) simulated(table []amountSimulation, older string, amount int64) *soa.Error {
	for _, s := range table {
		switch {
		case s.amount != amount:
		case a.before(RulesDec2026e):
			return soa.Errorf(s.code, older, float64(amount)/100, s.what)
		default:
			return soa.Errorf(s.code, "测试环境%s (QUICKPAY_TLT, spec §5.2)", s.quote)
		}
	}
	return nil
}

// tltFailure is the agreement payment's (QUICKPAY_TLT) simulated failure
// of its amount: 10 to 15 yuan each fail a named way; every other amount
// succeeds.
func (a *app) tltFailure(amount int64) *soa.Error {
	return a.simulated([]amountSimulation{
		{1000, "30047", "a card whose issuing bank does not support the payment", "交易金额为 10 元模拟发卡行不支持该笔交易"},
		{1100, "40006", "a failed payment", "交易金额为 11 元模拟交易失败"},
		{1200, "30054", "an agreement number that does not match the card's", "交易金额为 12 元或协议号长度不等于 41 位模拟为协议号不一致"},
		{1300, "30054", "an agreement number that does not match the card's", "交易金额为 13 元模拟协议号不一致"},
		{1400, "40014", "a card without enough money", "交易金额为 14 元模拟余额不足"},
		{1500, "30056", "a terminated agreement: nothing is taken", "交易金额为 15 元协议已解除，扣款失败"},
	}, "test environment: QUICKPAY_TLT of %.2f yuan simulates %s (spec §5.2)", amount)
}

// tltRefundFailure is the simulated failure of a refund of an agreement
// payment: 16 yuan, the original is not found; 17 yuan, more than the
// original.
func (a *app) tltRefundFailure(amount int64) *soa.Error {
	return a.simulated([]amountSimulation{
		{1600, "40000", "an original payment the channel does not find", "退款金额为 16 元为原交易不存在，退款失败"},
		{1700, "40020", "a refund larger than the original payment", "退款金额为 17 元为退款金额超过原金额，退款失败"},
	}, "test environment: a refund of %.2f yuan of a QUICKPAY_TLT payment simulates %s (spec §5.2)", amount)
}

// channelFailure is what the test environment's channel answers when an
// order is confirmed: a marked withdrawal's refusal, an agreement
// payment's simulated failure, or nil.
func (a *app) channelFailure(o *order) *soa.Error {
	if serr := a.markedWithdrawal(o); serr != nil {
		return serr
	}
	if tlt := o.pay.part("QUICKPAY_TLT"); tlt != nil {
		return a.tltFailure(tlt.amount)
	}
	return nil
}

// appOutcome is the test environment's answer to a native app payment by
// its amount (spec §5.2): known reports whether the amount is one of its
// test amounts; an order status (succeeded, in progress or failed) then.
func appOutcome(key string, amount int64) (status int, known bool) {
	switch {
	case amount == testSucceeds && (key == "ALIPAY_APP_OPEN" || key == "WECHATPAY_APP_OPEN"):
		return statusSucceeded, true
	case amount == testPending && key == "ALIPAY_APP_OPEN":
		return statusInProgress, true
	case amount == testFails && key == "ALIPAY_APP_OPEN":
		return statusFailed, true
	}
	return 0, false
}

// checkTestAmount notes a native app payment whose amount is not one of
// the test environment's (rule test-amount, 40006): WeChat's fails the
// others (§5.2: 测试环境 amount 只能传“9”，其余失败); Alipay's names 9, 7 and
// 6 only, what it does with another is not written. tsymock leaves the
// order waiting for its page.
func (a *app) checkTestAmount(o *order) *soa.Error {
	ch := o.pay.channel()
	if ch == nil || !hasTestAmounts(ch.Key) {
		return nil
	}
	if _, known := appOutcome(ch.Key, ch.amount); known {
		return nil
	}
	if ch.Key == "ALIPAY_APP_OPEN" {
		return a.lenient(RuleTestAmount, "40006", "%s pays %d fen; spec §5.2 gives the test environment's outcome of 9 "+
			"(成功), 7 (进行中) and 6 (失败) only, not of another amount (40006 is tsymock's guess)", ch.Key, ch.amount)
	}
	if a.failsOtherAmounts() {
		return nil // answerAtOnce fails the order, as the test environment does
	}
	return a.lenient(RuleTestAmount, "40006", "%s pays %d fen; the test environment takes only 9 and fails the others "+
		"(spec §5.2: 测试环境 amount 只能传“9”，其余失败)", ch.Key, ch.amount)
}

// failsOtherAmounts reports whether a WECHATPAY_APP_OPEN of an amount other
// than 9 fails as the test environment fails it (§5.2, line 11540: 测试环境
// amount 只能传“9”，其余失败): with --strict, since RulesDec2026f. The
// nearest reading of 失败 is §5.2's for ALIPAY_APP_OPEN 6 (传 6：失败): the
// apply is answered and its order fails (status 3). An older op refused
// the apply with 40006; without --strict the order waits for its page,
// noted test-amount.
func (a *app) failsOtherAmounts() bool { return a.strict && !a.before(RulesDec2026f) }

// hasTestAmounts reports whether the test environment answers a method by
// its amount alone.
func hasTestAmounts(key string) bool { return key == "ALIPAY_APP_OPEN" || key == "WECHATPAY_APP_OPEN" }

// answerAtOnce ends a native app payment of a test amount as the test
// environment does right after the apply: it succeeds (and is notified),
// stays in progress (status 99, until the platform's eight-day close:
// statusAt), or fails (and the failure is notified). Other orders wait.
func (a *app) answerAtOnce(o *order) {
	ch := o.pay.channel()
	if ch == nil || !hasTestAmounts(ch.Key) {
		return
	}
	status, known := appOutcome(ch.Key, ch.amount)
	if !known && ch.Key == "WECHATPAY_APP_OPEN" && a.failsOtherAmounts() {
		a.failWith(o, soa.Errorf("40006", "测试环境 amount 只能传“9”，其余失败 (%s of %d fen, spec §5.2)", ch.Key, ch.amount))
		return
	}
	switch status {
	case statusInProgress:
		o.status = statusInProgress
	case statusFailed:
		a.failWith(o, a.appFailure(ch.Key, ch.amount))
	case statusSucceeded:
		_ = a.complete(o)
	}
}

// checkLimits notes what the test environment refuses at an apply: an
// agreement payment above its 10,000 yuan (rule test-amount-limit, 40046),
// an instalment payment outside 600 to 50,000 yuan (rule
// instalment-amount, 40020; since RulesDec2026c).
func (a *app) checkLimits(pm payment) *soa.Error {
	if tlt := pm.part("QUICKPAY_TLT"); tlt != nil && tlt.amount > tltLimit {
		return a.lenient(RuleTestAmountLimit, "40046", "QUICKPAY_TLT pays %d fen; the test environment takes "+
			"agreement payments up to 10,000.00 yuan (%d fen, spec §5.2)", tlt.amount, tltLimit)
	}
	return a.checkInstalmentAmount(pm)
}

// checkInstalmentAmount notes an instalment payment outside the range spec
// §5.2 gives 小通分期 (its notes, line 12169: 小通分期金额范围：600~50000 元;
// its request table, line 11123: 生产环境分期金额范围 600-50000 元). The code
// is 40020 订单金额错误, the amount itself being wrong for the method, as
// tsymock answers a part paying zero or less; not 40046 风控限制订单单笔金额,
// a risk limit set per merchant on the largest order, where this range
// also has a floor. An op of an older generation passed without a note.
func (a *app) checkInstalmentAmount(pm payment) *soa.Error {
	p := pm.part("InstallmentPayment_H5")
	if p == nil || a.before(RulesDec2026c) || (p.amount >= instalmentMin && p.amount <= instalmentMax) {
		return nil
	}
	return a.lenient(RuleInstalmentAmount, "40020", "InstallmentPayment_H5 pays %d fen; 小通分期 takes 600 to 50,000 "+
		"yuan (%d to %d fen, spec §5.2: 小通分期金额范围：600~50000 元)", p.amount, int64(instalmentMin), int64(instalmentMax))
}

// checkConsumerIP notes a pay whose consumerIp the real platform refuses
// (ConsumerIPNote). An op logged before RulesDec2026c was noted for the
// literal loopback only, "127.0.0.1" or "localhost", the two values the
// spec names; one logged under RulesDec2026c for a private or link-local
// address as well.
func (a *app) checkConsumerIP(ip string) *soa.Error {
	n, ok := ConsumerIPNote(ip)
	switch {
	case a.before(RulesDec2026c):
		n, ok = legacyConsumerIPNote(ip)
	case a.before(RulesDec2026d):
		n, ok = dec2026cConsumerIPNote(ip)
	}
	if !ok {
		return nil
	}
	return a.lenient(n.Rule, n.Code, "%s", n.Message)
}

// ConsumerIPNote is the consumer-ip note of a payment confirmed with a
// consumerIp the platform cannot take as the payer's address, ok false
// otherwise: spec §4.2.8, §4.2.9 and §4.2.10 want the payer's public IP (用户
// 公网 IP 用于分控校验) and name the loopback as what it cannot be (注：不能使用
// “127.0.0.1”“localhost”). So the loopback in any spelling (LOCALHOST,
// 127.0.0.2, ::1), the unspecified, multicast and broadcast addresses and a
// value that is no IP address at all are noted. A private or link-local
// address is not: Allinpay's own demo for its test environment confirms
// payments from 192.168.11.11, and a CI container's address is one.
// OrderService.pay notes it in the emulator, the payment pages themselves.
func ConsumerIPNote(ip string) (Portability, bool) {
	why := notPublicIP(ip)
	if why == "" || why == whyPrivate || why == whyLinkLocal {
		return Portability{}, false
	}
	return consumerIPNote(ip, why), true
}

func consumerIPNote(ip, why string) Portability {
	return Portability{Rule: RuleConsumerIP, Code: "10000", Message: fmt.Sprintf("consumerIp %q is %s: the platform "+
		"wants the payer's public IP (spec §4.2.8-§4.2.10: 用户公网 IP; 不能使用“127.0.0.1”“localhost”)", ip, why)}
}

// dec2026cConsumerIPNote is ConsumerIPNote as ops under RulesDec2026c were
// noted: a private or link-local address too.
func dec2026cConsumerIPNote(ip string) (Portability, bool) {
	why := notPublicIP(ip)
	if why == "" {
		return Portability{}, false
	}
	return consumerIPNote(ip, why), true
}

// legacyConsumerIPNote is ConsumerIPNote as ops before RulesDec2026c were
// noted: the two literal values the spec names.
func legacyConsumerIPNote(ip string) (Portability, bool) {
	if ip != "127.0.0.1" && ip != "localhost" {
		return Portability{}, false
	}
	return consumerIPNote(ip, "the loopback"), true
}

// Why notPublicIP finds an address private or link-local: ConsumerIPNote
// lets these pass.
const (
	whyPrivate   = "a private address (RFC 1918, RFC 4193)"
	whyLinkLocal = "a link-local address"
)

// notPublicIP says why ip is not a public IP address, "" when it is one.
// An IPv4 address written as IPv6 (::ffff:127.0.0.1) is judged as IPv4.
func notPublicIP(ip string) string {
	if strings.EqualFold(ip, "localhost") {
		return "the loopback"
	}
	addr, err := netip.ParseAddr(ip)
	if err != nil {
		return "no IP address"
	}
	addr = addr.Unmap()
	switch {
	case addr.IsLoopback():
		return "the loopback"
	case addr.IsUnspecified():
		return "the unspecified address"
	case addr.IsPrivate():
		return whyPrivate
	case addr.IsLinkLocalUnicast():
		return whyLinkLocal
	case !addr.IsGlobalUnicast():
		return "a multicast or broadcast address"
	}
	return ""
}

// appFailure is the failure of a native app payment of the test amount 6:
// the spec's words (since RulesDec2026e), or the older English.
func (a *app) appFailure(key string, amount int64) *soa.Error {
	if a.before(RulesDec2026e) {
		return soa.Errorf("40006", "test environment: %s of %d fen simulates a failed payment (spec §5.2)", key, amount)
	}
	return soa.Errorf("40006", "测试环境 amount 传 %d：失败 (%s, spec §5.2)", amount, key)
}

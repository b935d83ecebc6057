package emulator

import (
	"slices"
	"time"

	"github.com/tsymock/tsymock/internal/soa"
)

// RuleChannelExpiry: an orderExpireDatetime outside what spec §5.2 and
// §4.2.2 allow a method: more than 60 minutes after the order for a method
// paid without confirmation, whose expiry goes to the channel (无需确认支付
// 情况-透传至渠道方，最大不超过 60 分钟), or less than a minute for
// ALLINPAY_WALLET_H5 (§5.2 note (5): 最小超时时间必须>=1 分钟). The spec
// names no code; 20015 过期时间设置错误 is its code for an expiry set wrong.
const RuleChannelExpiry = "order-expiry-channel"

// Order lifetimes of spec §4.2.2 and §5.2.
const (
	// channelExpiryMax is the longest expiry a method without confirmation
	// passes to its channel (§4.2.2 orderExpireDatetime 2)).
	channelExpiryMax = 60 * time.Minute
	// walletExpiryMin is ALLINPAY_WALLET_H5's shortest expiry, and
	// walletExpiryDefault its expiry when none is sent (§5.2 ALLINPAY_WALLET_H5
	// note (5): 如不填则默认该订单 60 分钟后过期).
	walletExpiryMin     = time.Minute
	walletExpiryDefault = 60 * time.Minute
)

// channelExpiryMethods are the methods whose expiry goes to the channel, at
// most 60 minutes (§4.2.2, §4.2.4, §4.2.5 orderExpireDatetime 2)).
func channelExpiryMethods() []string {
	return []string{"SCAN_WEIXIN", "SCAN_WEIXIN_ORG", "SCAN_ALIPAY", "SCAN_ALIPAY_ORG", "SCAN_UNIONPAY",
		"SCAN_UNIONPAY_ORG", "WECHAT_PUBLIC", "WECHAT_PUBLIC_ORG", "WECHATPAY_MINIPROGRAM",
		"WECHATPAY_MINIPROGRAM_ORG", "WECHATPAY_APP_OPEN"}
}

// checkChannelExpiry holds an order's orderExpireDatetime to its method's
// limits (RuleChannelExpiry) and gives an ALLINPAY_WALLET_H5 order sent
// without one its default of 60 minutes, after which it closes unpaid. The
// gateway's limits of §5.2 (at least 50 minutes, 720 by default) are the
// 收银宝 page's, which the platform opens when the payer confirms on
// frontTrans.do, before the order's expiry (§4.2.2 1)); tsymock's page does
// both at once, so the order's own expiry is all it has. Ops answered
// before RulesDec2026b had none of this.
func (a *app) checkChannelExpiry(o *order) *soa.Error {
	ch := o.pay.channel()
	if ch == nil || a.before(RulesDec2026b) {
		return nil
	}
	life := o.expires.Sub(o.created)
	switch {
	case ch.Key == "ALLINPAY_WALLET_H5" && o.expires.IsZero():
		o.expires = o.created.Add(walletExpiryDefault)
	case ch.Key == "ALLINPAY_WALLET_H5" && life < walletExpiryMin:
		return a.lenient(RuleChannelExpiry, "20015", "orderExpireDatetime %s is %s after the order is made (%s); "+
			"ALLINPAY_WALLET_H5 takes 1 minute at least (spec §5.2 ALLINPAY_WALLET_H5 note (5): 最小超时时间必须>=1 分钟)",
			soa.FormatTime(o.expires), life, soa.FormatTime(o.created))
	case slices.Contains(channelExpiryMethods(), ch.Key) && life > channelExpiryMax:
		return a.lenient(RuleChannelExpiry, "20015", "orderExpireDatetime %s is %s after the order is made (%s); "+
			"%s is paid without confirmation and its expiry goes to the channel, 60 minutes at most (spec %s "+
			"orderExpireDatetime 2): 无需确认支付情况-透传至渠道方，最大不超过 60 分钟)",
			soa.FormatTime(o.expires), life, soa.FormatTime(o.created), ch.Key, expirySection(o.kind))
	}
	return nil
}

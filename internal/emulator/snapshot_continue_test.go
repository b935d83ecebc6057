package emulator

import (
	"fmt"
	"time"
)

// continuedHistory is the second half of the history: calls that read or
// build on what the first half left (pending bindings and orders, codes
// sent, counters, throttles, duplicates, collections, freezes, back-fills),
// so that an emulator restored from a snapshot must answer each as its
// original does.
func continuedHistory() []step {
	return []step{
		{"new ids", func(h *hist) any { return h.call("createMember", `{"bizUserId":"new","memberType":3,"source":1}`) }},
		{"duplicates", func(h *hist) any {
			return []Outcome{
				h.call("createMember", `{"bizUserId":"buyer","memberType":3,"source":1}`),
				h.call("applicationTransfer", `{"bizTransferNo":"fund-buyer","sourceAccountSetNo":"100001","targetBizUserId":"buyer","targetAccountSetNo":"200126","amount":1}`),
				h.call("batchAgentPay", `{"bizBatchNo":"B1","tradeCode":"4001","batchPayList":[]}`),
				h.call("entryGoods", `{"bizUserId":"buyer","goodsType":3,"bizGoodsNo":"g1","goodsName":"x"}`),
				h.call("freezeMoney", `{"bizUserId":"buyer","bizFreezenNo":"F1","accountSetNo":"200126","amount":1}`),
				h.call("depositApply", orderParams("depositApply", "buyer", "d1", 1, `{"ALIPAY_APP_OPEN":{"amount":9}}`, "")),
			}
		}},
		{"pending bindings", func(h *hist) any {
			return []Outcome{
				h.call("bindBankCard", fmt.Sprintf(`{"bizUserId":"pend","tranceNum":%q,"phone":"13900000001","verificationCode":"111111"}`, h.kept["pend"])),
				h.call("bindBankCard", `{"bizUserId":"pend","phone":"13900000001","verificationCode":"111111"}`),
				h.call("bindPhone", `{"bizUserId":"pend","phone":"13900000001","verificationCode":"111111"}`),
				h.call("verifyBankCardChangeBindPhone", fmt.Sprintf(`{"bizUserId":"chg","tranceNum":%q,"phone":"13900000002","verificationCode":"111111"}`, h.kept["chg"])),
				h.call("getMemberInfo", `{"bizUserId":"locked"}`),
				h.call("unlockMember", `{"bizUserId":"locked"}`),
				h.call("getMemberInfo", `{"bizUserId":"corp"}`),
				h.call("setCompanyInfo", `{"bizUserId":"corp","companyBasicInfo":{"companyName":"x"}}`),
				h.call("queryBankCard", `{"bizUserId":"buyer"}`),
				h.call("setSafeCard", `{"bizUserId":"buyer","cardNo":"4367420000000004"}`),
			}
		}},
		{"pending orders", func(h *hist) any {
			out := []Outcome{h.call("resendPaySMS", `{"bizOrderNo":"d1"}`)}
			h.later(10 * time.Second)
			return append(out,
				h.call("resendPaySMS", `{"bizOrderNo":"d1"}`),
				h.call("pay", `{"bizUserId":"buyer","bizOrderNo":"d1","verificationCode":"111111","consumerIp":"10.1.1.1"}`),
				h.call("getOrderDetail", `{"bizOrderNo":"a7"}`),
				h.call("pay", `{"bizUserId":"buyer","bizOrderNo":"c4","verificationCode":"111111"}`))
		}},
		{"refunds and payouts of what was made before", func(h *hist) any {
			return []Outcome{
				h.call("refund", `{"bizOrderNo":"r3","oriBizOrderNo":"c3","bizUserId":"buyer","amount":300}`),
				h.call("refund", `{"bizOrderNo":"r4","oriBizOrderNo":"c2","bizUserId":"buyer","amount":600,"couponAmount":100}`),
				h.call("refund", `{"bizOrderNo":"r5","oriBizOrderNo":"c1","bizUserId":"buyer","amount":500,"feeAmount":5}`),
				h.call("signalAgentPay", payout("agent", "p2", "k1", 500)),
				h.call("signalAgentPay", payout("shop", "p3", "k1", 600)),
				h.call("refund", `{"bizOrderNo":"r6","oriBizOrderNo":"k1","bizUserId":"buyer","amount":100}`),
				h.call("unfreezeMoney", `{"bizUserId":"buyer","bizFreezenNo":"F1","accountSetNo":"200126","amount":200}`),
				h.call("unfreezeMoney", `{"bizUserId":"buyer","bizFreezenNo":"F1","accountSetNo":"200126","amount":1}`),
			}
		}},
		{"payment password tries", func(h *hist) any {
			var out []any
			for range 5 {
				out = append(out, h.e.CheckPayPwd(h.sysid, "buyer", "999999"))
			}
			no, serr := h.e.SignContract(h.sysid, "buyer", "")
			return append(out, no, serr,
				h.e.UpdatePayPwd(h.sysid, "buyer", "123456", "111222", ""),
				h.e.ResetPayPwd(h.sysid, "buyer", "111111", "654321", "http://127.0.0.1/pwd"),
				h.e.UpdatePayPwd(h.sysid, "buyer", "654321", "111222", "http://127.0.0.1/pwd"),
				h.e.UpdatePhoneByPayPwd(h.sysid, "buyer", "111222", "13700000001", "111111", "http://127.0.0.1/phone"),
				h.e.CheckPayPwd(h.sysid, "buyer", "111222"))
		}},
		{"back-fills", func(h *hist) any {
			no, serr := h.e.AnswerBackfill(h.sysid, h.kept["waiting"], merchantRetOK, "B-2", "")
			again, serr2 := h.e.AnswerBackfill(h.sysid, h.kept["paid"], merchantRetOK, "B-3", "")
			ev, serr3 := h.e.TerminalPayment(h.sysid, TerminalPayment{Termid: "T1", OrderType: backfillRefund, Amount: 200,
				PayStatus: "success", Srctrxid: h.kept["paid"], URL: "http://127.0.0.1/backfill"})
			back, serr4 := h.e.AnswerBackfill(h.sysid, ev.Form["trxid"], merchantRetOK, "B-4", "")
			return []any{no, serr, again, serr2, ev, serr3, back, serr4}
		}},
		{"queries", func(h *hist) any {
			file, err := h.e.CheckAccountFile(h.sysid, "20261128", false)
			sum, sumErr := h.e.CheckAccountFile(h.sysid, "20261128", true)
			return []any{file, err, sum, sumErr,
				h.call("queryInExpDetail", `{"bizUserId":"buyer","dateStart":"2026-11-01","dateEnd":"2026-11-30","startPosition":1,"queryNum":50}`),
				h.call("getOrderSplitRuleListDetail", `{"bizOrderNo":"c1"}`),
				h.call("getPaymentInformationDetail", `{"bizOrderNo":"k1"}`),
				h.call("getPayeeFundsInTransitDetail", `{"bizUserId":"agent","dateStart":"2026-11-28","dateEnd":"2026-11-28"}`),
				h.call("queryGoods", `{"bizUserId":"buyer","bizGoodsNo":"g1"}`),
				h.call("getBankCardBin", `{"cardNo":"6228480000000000001"}`),
				h.call("getCheckAccountFile", `{"date":"20261128"}`),
				h.call("queryMerchantBalance", `{"accountSetNo":"100001"}`),
				h.call("queryReserveFundBalance", `{}`),
				h.call("queryBankBalance", `{"acctOrgType":3,"acctNo":"1","acctName":"n","date":"20261127"}`),
				h.call("vspTermidService", `{"bizUserId":"buyer","operationType":"query","vspCusid":"C1","appid":"A1"}`),
				h.on("sets").call("queryBalance", `{"bizUserId":"u","accountSetNo":"300001"}`),
				h.on("gone").call("getMemberInfo", `{"bizUserId":"u"}`),
			}
		}},
		{"notifications", func(h *hist) any { return h.e.TakeEvents() }},
		{"a reset", func(h *hist) any {
			err := h.e.Reset("sets")
			return []any{err, h.e.StateApps(), h.on("sets").call("createMember", `{"bizUserId":"u","memberType":3,"source":1}`)}
		}},
	}
}

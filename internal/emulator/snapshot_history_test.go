package emulator

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/internal/clock"
	"github.com/tsymock/tsymock/internal/soa"
)

// hist runs a history of calls and page actions on one emulator, params
// written as JSON and decoded as the mock decodes them (numbers as
// json.Number), so that what the state keeps of them is what a server's
// would keep.
type hist struct {
	t     *testing.T
	e     *Emulator
	clock *clock.Manual
	sysid string
	// kept are values a later step needs (tranceNums, trxids), by name;
	// a restored emulator is given its original's.
	kept map[string]string
	// called are the methods called, Service.method, when not nil.
	called map[string]bool
}

// step is one step of a history; what it returns is compared between an
// emulator and its restored copy.
type step struct {
	name string
	run  func(h *hist) any
}

// on is h acting for another application.
func (h *hist) on(sysid string) *hist {
	c := *h
	c.sysid = sysid
	return &c
}

// call runs a method of the application, its service found by name.
func (h *hist) call(method, param string) Outcome {
	h.t.Helper()
	p := map[string]any{}
	dec := json.NewDecoder(strings.NewReader(param))
	dec.UseNumber()
	require.NoError(h.t, dec.Decode(&p), param)
	service := ""
	for name := range h.e.handlers {
		if s, m, _ := strings.Cut(name, "."); m == method {
			service = s
		}
	}
	require.NotEmpty(h.t, service, method)
	if h.called != nil {
		h.called[service+"."+method] = true
	}
	return h.e.Call(context.Background(), Request{SysID: h.sysid, Service: service, Method: method, Param: p})
}

// ok runs a call that must succeed.
func (h *hist) ok(method, param string) Outcome {
	h.t.Helper()
	out := h.call(method, param)
	require.Nil(h.t, out.Err, "%s %s", method, param)
	return out
}

// pageOK checks a page action's error.
func (h *hist) pageOK(serr *soa.Error) {
	h.t.Helper()
	require.Nil(h.t, serr)
}

// later moves the clock on.
func (h *hist) later(d time.Duration) { h.clock.Advance(d) }

// person creates a real-named person with a bound phone.
func (h *hist) person(id, name, identityNo, phone string) {
	h.t.Helper()
	h.ok("createMember", fmt.Sprintf(`{"bizUserId":%q,"memberType":3,"source":1}`, id))
	h.ok("setRealName", fmt.Sprintf(`{"bizUserId":%q,"name":%q,"identityType":1,"identityNo":%q}`, id, name, identityNo))
	if phone != "" {
		h.ok("sendVerificationCode", fmt.Sprintf(`{"bizUserId":%q,"phone":%q,"verificationCodeType":9}`, id, phone))
		h.ok("bindPhone", fmt.Sprintf(`{"bizUserId":%q,"phone":%q,"verificationCode":"111111"}`, id, phone))
	}
}

// bindCard binds a card with cardCheck 7 and its SMS code; extra are
// more keys of applyBindBankCard ("" or `,"k":v`).
func (h *hist) bindCard(id, cardNo, name, identityNo, phone, extra string) {
	h.t.Helper()
	v := h.ok("applyBindBankCard", fmt.Sprintf(`{"bizUserId":%q,"cardNo":%q,"phone":%q,"name":%q,"identityType":1,"identityNo":%q%s}`,
		id, cardNo, phone, name, identityNo, extra)).Value
	h.ok("bindBankCard", fmt.Sprintf(`{"bizUserId":%q,"tranceNum":%q,"phone":%q,"verificationCode":"111111"}`,
		id, v["tranceNum"], phone))
}

// company submits an enterprise's data for audit.
func (h *hist) company(id, name string) Outcome {
	h.t.Helper()
	h.ok("createMember", fmt.Sprintf(`{"bizUserId":%q,"memberType":2,"source":2}`, id))
	return h.ok("setCompanyInfo", fmt.Sprintf(`{"bizUserId":%q,"backUrl":"http://127.0.0.1/verify","companyBasicInfo":`+
		`{"companyName":%q,"authType":2,"uniCredit":"91330100MA2XXXXX1","legalName":"张三","identityType":1,`+
		`"legalIds":"110101199001011237","legalPhone":"13800000009","accountNo":"6228480000000000090",`+
		`"parentBankName":"中国农业银行","bankName":"中国农业银行杭州分行","unionBank":"103331000000"}}`, id, name))
}

// richHistory is the first half of the history: every method that
// changes the state, so that every field of keptFields is set somewhere
// (TestSnapshotRestoresTheWholeState checks that it is).
func richHistory() []step {
	return append(memberHistory(), orderHistory()...)
}

func memberHistory() []step {
	return []step{
		{"members", func(h *hist) any {
			// As an older version's log: its ops drew from one stream
			// shared by every application (Emulator.shared).
			h.e.drawAs = StreamsShared
			defer func() { h.e.drawAs = StreamsPerApp }()
			h.person("buyer", validName, validID, "13800000001")
			h.bindCard("buyer", "6228480000000000001", validName, validID, "13800000002", `,"isSafeCard":true,"unionBank":"103100000026"`)
			h.ok("applyBindBankCard", apply8("buyer", ccbCredit, validName, validID))
			for _, id := range []string{"shop", "agent", "sub", "locked"} {
				h.ok("createMember", fmt.Sprintf(`{"bizUserId":%q,"memberType":3,"source":1}`, id))
			}
			h.ok("lockMember", `{"bizUserId":"locked"}`)
			h.later(time.Minute)
			return h.e.Members(h.sysid)
		}},
		{"enterprises", func(h *hist) any {
			h.company("corp", "通商云测试公司")
			return h.company("rej", "reject me 公司")
		}},
		{"audits by the back office", func(h *hist) any {
			h.e.SetCompanyAudit(h.sysid, CompanyAuditManual) // --company-audit manual: pending until decided
			defer h.e.SetCompanyAudit(h.sysid, "")
			h.company("waits", "待审核公司")
			h.company("passed", "审核通过公司")
			approved, serr := h.e.DecideAudit(h.sysid, AuditDecision{BizUserID: "passed", Approve: true, Remark: "资料齐全"})
			h.pageOK(serr)
			h.company("refused", "审核驳回公司")
			rejected, serr := h.e.DecideAudit(h.sysid, AuditDecision{BizUserID: "refused", FailReason: "营业执照模糊"})
			h.pageOK(serr)
			_, twice := h.e.DecideAudit(h.sysid, AuditDecision{BizUserID: "refused", Approve: true})
			return []any{approved, rejected, twice}
		}},
		{"notifications taken", func(h *hist) any {
			return len(h.e.TakeEvents()) // the outbox restarts; the sequence goes on
		}},
		{"pending bindings and codes", func(h *hist) any {
			h.person("pend", wxeName, wxeID, "")
			ap := h.ok("applyBindBankCard", fmt.Sprintf(`{"bizUserId":"pend","cardNo":%q,"phone":"13900000001","name":%q,`+
				`"identityType":1,"identityNo":%q,"cardCheck":6}`, wxeCard, wxeName, wxeID))
			h.kept["pend"] = ap.Value["tranceNum"].(string)
			h.ok("applyBindBankCard", fmt.Sprintf(`{"bizUserId":"pend","cardNo":"6228480000000000011","phone":"13900000001",`+
				`"name":%q,"identityType":1,"identityNo":%q}`, wxeName, wxeID))
			h.ok("sendVerificationCode", `{"bizUserId":"pend","phone":"13900000001","verificationCodeType":9}`)
			h.person("chg", tsyName, tsyID, tsyPhone)
			h.bindCard("chg", tsyCard, tsyName, tsyID, tsyPhone, "")
			ch := h.ok("bankCardChangeBindPhone", fmt.Sprintf(`{"bizUserId":"chg","cardNo":%q,"phone":"13900000002",`+
				`"name":%q,"identityType":1,"identityNo":%q,"cardCheck":7}`, tsyCard, tsyName, tsyID))
			h.kept["chg"] = ch.Value["tranceNum"].(string)
			return ch
		}},
		{"unbinding", func(h *hist) any {
			h.person("drop", validName, validID, "13800000011")
			h.bindCard("drop", "6228480000000000021", validName, validID, "13800000012", "")
			h.ok("unbindBankCard", `{"bizUserId":"drop","cardNo":"6228480000000000021"}`)
			h.ok("sendVerificationCode", `{"bizUserId":"drop","phone":"13800000011","verificationCodeType":6}`)
			return h.ok("unbindPhone", `{"bizUserId":"drop","phone":"13800000011","verificationCode":"111111"}`)
		}},
		{"accounts and terminals", func(h *hist) any {
			h.ok("createBankSubAcctNo", `{"bizUserId":"buyer","accountSetNo":"200126","acctOrgType":1}`)
			h.ok("createBankSubAcctNo", `{"bizUserId":"#yunBizUserId_B2C#","accountSetNo":"100001","acctOrgType":1}`)
			h.ok("applyBindAcct", `{"bizUserId":"buyer","operationType":"set","acctType":"weChatMiniProgram","acct":"oid-1"}`)
			h.ok("vspTermidService", `{"bizUserId":"buyer","operationType":"set","vspMerchantid":"M1","vspCusid":"C1","appid":"A1","vspTermid":"T1"}`)
			h.later(time.Minute)
			return h.ok("vspTermidService", `{"bizUserId":"#yunBizUserId_B2C#","operationType":"set","vspCusid":"C2","appid":"A2","vspTermid":"P1"}`)
		}},
		{"pages", func(h *hist) any {
			no, serr := h.e.SignContract(h.sysid, "buyer", "http://127.0.0.1/contract")
			h.pageOK(serr)
			h.pageOK(h.e.SetPayPwd(h.sysid, "buyer", "123456", "http://127.0.0.1/pwd"))
			old := []*soa.Error{ // as a log written before December 2026 holds them
				oldPwdAction(h.e, h.sysid, actCheckPayPwd, "buyer", "000000"),
				oldPwdAction(h.e, h.sysid, actUpdatePayPwd, "buyer", "123456", "123456", ""),
				oldPwdAction(h.e, h.sysid, actResetPayPwd, "buyer", "111111", "123456", ""),
				oldPwdAction(h.e, h.sysid, actUpdatePhone, "buyer", "123456", "12", "111111", ""),
			}
			wrong := h.e.CheckPayPwd(h.sysid, "buyer", "000000")
			h.pageOK(oldPageFailure(h.e, h.sysid, "corp", "http://127.0.0.1/f", "30043", "failed"))
			return []any{no, old, wrong}
		}},
		{"terminal payments", func(h *hist) any {
			ev, serr := h.e.TerminalPayment(h.sysid, TerminalPayment{Termid: "T1", OrderType: backfillDeposit, Amount: 500,
				PayStatus: "success", TrxCode: "VSP501", URL: "http://127.0.0.1/backfill", OrderBackURL: "http://127.0.0.1/order"})
			h.pageOK(serr)
			h.kept["paid"] = ev.Form["trxid"]
			no, serr := h.e.AnswerBackfill(h.sysid, ev.Form["trxid"], merchantRetOK, "B-1", "ext")
			h.pageOK(serr)
			waiting, serr := h.e.TerminalPayment(h.sysid, TerminalPayment{Termid: "T1", OrderType: backfillDeposit, Amount: 300,
				PayStatus: "fail", PayFailMessage: "declined", URL: "http://127.0.0.1/backfill",
				POS: true, Acct: "6228480000000000001", AcctType: "02"})
			h.pageOK(serr)
			h.kept["waiting"] = waiting.Form["trxid"]
			in, serr := h.e.ReserveFundIn(h.sysid, ReserveFundTransfer{AccountNo: "6222", Amount: 5000, MerID: "TLT1", BackURL: "http://127.0.0.1/rf"})
			h.pageOK(serr)
			return []any{no, waiting, in}
		}},
	}
}

// apply8 binds a credit card at once with cardCheck 8.
func apply8(id, cardNo, name, identityNo string) string {
	return fmt.Sprintf(`{"bizUserId":%q,"cardNo":%q,"phone":"13800000003","name":%q,"identityType":1,"identityNo":%q,"cardCheck":8}`,
		id, cardNo, name, identityNo)
}

// orderParams of a channel order of the buyer's card.
const buyerCard = `"bankCardNo":"6228480000000000001"`

func orderHistory() []step {
	return []step{
		{"funds", func(h *hist) any {
			h.ok("applicationTransfer", `{"bizTransferNo":"fund-buyer","sourceAccountSetNo":"100001","targetBizUserId":"buyer","targetAccountSetNo":"200126","amount":100000,"extendInfo":"fund the buyer"}`)
			return h.ok("applicationTransfer", `{"bizTransferNo":"fund-agent","sourceAccountSetNo":"100001","targetBizUserId":"agent","targetAccountSetNo":"200126","amount":1000,"extendInfo":""}`)
		}},
		{"a deposit waiting for its code", func(h *hist) any {
			h.ok("depositApply", orderParams("depositApply", "buyer", "d1", 2000, `{"QUICKPAY_VSP":{`+buyerCard+`,"amount":2000}}`,
				`"validateType":1,"orderExpireDatetime":"2026-11-28 16:00:00","frontUrl":"http://127.0.0.1/front","extendInfo":"e1",`))
			h.later(4 * time.Minute) // its code expired (3 minutes, spec §6.16): the resend sends a new one
			return h.ok("resendPaySMS", `{"bizOrderNo":"d1"}`)
		}},
		{"consumptions", func(h *hist) any {
			h.ok("consumeApply", consume("buyer", "shop", "c1", 600, 10,
				`{"bizUserId":"agent","accountSetNo":"200126","amount":100,"fee":5,"remark":"r","splitRuleList":[{"bizUserId":"sub","amount":20}]}`))
			pm := `{"GATEWAY_VSP":{"amount":500,"paytype":"B2C","vspCusid":"c"},"BALANCE":[{"accountSetNo":"200126","amount":300}],"COUPON":{"amount":200}}`
			h.ok("consumeApply", orderParams("consumeApply", "buyer", "c2", 1000, pm, `"frontUrl":"http://127.0.0.1/front",`))
			_, serr := h.e.ConfirmOrder(h.sysid, "c2")
			h.pageOK(serr)
			withhold := fmt.Sprintf(`{"WITHHOLD_SD":{"bankCardNo":%q,"amount":300}}`, ccbCredit) // bound by cardCheck 8
			h.ok("consumeApply", orderParams("consumeApply", "buyer", "c3", 300, withhold, ""))
			h.ok("pay", `{"bizUserId":"buyer","bizOrderNo":"c3","verificationCode":"111111","consumerIp":"10.1.1.1"}`)
			h.ok("consumeApply", strings.Replace(consume("buyer", "shop", "c4", 50, 0, ""), `"source":1`, `"source":1,"validateType":1`, 1))
			h.ok("closeOrder", `{"bizOrderNo":"c4"}`)
			h.ok("consumeApply", orderParams("consumeApply", "buyer", "c5", 70, `{"GATEWAY_VSP":{"amount":70,"paytype":"B2C","vspCusid":"c"}}`, ""))
			_, serr = h.e.FailOrder(h.sysid, "c5", "card declined")
			h.pageOK(serr)
			return h.ok("depositApply", orderParams("depositApply", "buyer", "a7", 7, `{"ALIPAY_APP_OPEN":{"amount":7}}`, ""))
		}},
		{"refunds", func(h *hist) any {
			h.later(time.Minute)
			h.ok("refund", `{"bizOrderNo":"r1","oriBizOrderNo":"c1","bizUserId":"buyer","amount":100,"feeAmount":5}`)
			h.ok("refund", `{"bizOrderNo":"rt1","oriBizOrderNo":"fund-agent","bizUserId":"#yunBizUserId_B2C#","amount":10}`)
			return h.ok("refund", `{"bizOrderNo":"r2","oriBizOrderNo":"c2","bizUserId":"buyer","amount":400,"couponAmount":100}`)
		}},
		{"collections and payouts", func(h *hist) any {
			h.ok("agentCollectApply", collectFor("buyer", "k1", 1500, 10, `{"bizUserId":"shop","amount":1000},{"bizUserId":"agent","amount":490}`))
			h.ok("signalAgentPay", payoutWith("shop", "p1", "k1", 400, `{"bizUserId":"sub","amount":40,"fee":4}`))
			h.ok("refund", `{"bizOrderNo":"rk1","oriBizOrderNo":"k1","bizUserId":"buyer","amount":50,`+
				`"refundList":[{"bizUserId":"shop","accountSetNo":"200126","amount":30},{"bizUserId":"agent","amount":20}]}`)
			return h.ok("batchAgentPay", `{"bizBatchNo":"B1","tradeCode":"4001","batchPayList":[`+
				payoutWith("shop", "b1", "k1", 100, `{"bizUserId":"sub","amount":10}`)+`,`+
				payoutWith("shop", "b2", "k1", 9999, `{"bizUserId":"agent","amount":1}`)+`]}`)
		}},
		{"freezes, withdrawals, goods", func(h *hist) any {
			h.ok("freezeMoney", `{"bizUserId":"buyer","bizFreezenNo":"F1","accountSetNo":"200126","amount":300}`)
			h.ok("unfreezeMoney", `{"bizUserId":"buyer","bizFreezenNo":"F1","accountSetNo":"200126","amount":100}`)
			w := `{"bizOrderNo":%q,"bizUserId":"buyer","accountSetNo":"200126","amount":500,"fee":5,"backUrl":"http://127.0.0.1/n",` +
				`"bankCardNo":"6228480000000000001","extendInfo":%q,"industryCode":"1910","industryName":"其他","source":1}`
			h.ok("withdrawApply", fmt.Sprintf(w, "w1", ""))
			h.ok("withdrawApply", fmt.Sprintf(w, "w2", FailMarker))
			h.bindCard("corp", "6228480000000000031", "张三", "110101199001011237", "13800000009", "")
			h.ok("crossBorderWithdrawApply", crossBorderParams("buyer", "corp", "x1", "6228480000000000031", 1000))
			return h.ok("entryGoods", `{"bizUserId":"buyer","goodsType":3,"bizGoodsNo":"g1","goodsName":"茶","goodsDetail":"d",`+
				`"showUrl":"http://127.0.0.1/g","extendInfo":"x","goodsParams":{"weight":1.5,"tags":["a",2]}}`)
		}},
		{"other applications", func(h *hist) any {
			h.e.SetAccountSets("sets", []string{"300001", SetStandard})
			o := h.on("sets")
			o.ok("createMember", `{"bizUserId":"u","memberType":3,"source":1}`)
			o.ok("applicationTransfer", `{"bizTransferNo":"t","sourceAccountSetNo":"100001","targetBizUserId":"u","targetAccountSetNo":"300001","amount":10}`)
			h.on("gone").ok("createMember", `{"bizUserId":"u","memberType":3,"source":1}`)
			require.NoError(h.t, h.e.Reset("gone"))
			return h.e.StateApps()
		}},
		{"a code resent just now", func(h *hist) any {
			return h.ok("resendPaySMS", `{"bizOrderNo":"d1"}`) // the next one within 10 s is 40015
		}},
	}
}

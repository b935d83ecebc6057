package emulator

import (
	"bytes"
	"cmp"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/internal/clock"
	"github.com/tsymock/tsymock/internal/ids"
	"github.com/tsymock/tsymock/internal/soa"
)

// inChina reads "yyyy-MM-dd HH:mm:ss" in China time.
func inChina(t *testing.T, s string) time.Time {
	t.Helper()
	at, err := time.ParseInLocation(soa.TimestampLayout, s, soa.Shanghai())
	require.NoError(t, err)
	return at
}

// checkHistory is an emulator whose clock the test moves, with every kind
// of transaction made on 2026-11-28 (China time), one a minute from 00:00,
// and some on the days around it; nos maps each bizOrderNo and
// bizTransferNo to the platform's number.
type checkHistory struct {
	e   *Emulator
	c   *clock.Manual
	nos map[string]string
}

func newCheckHistory(t *testing.T) *checkHistory {
	t.Helper()
	c := clock.NewManual(inChina(t, "2026-11-27 20:00:00"))
	h := &checkHistory{e: New(Config{Clock: c, IDs: ids.NewSeeded(1)}), c: c, nos: map[string]string{}}
	market(t, h.e) // transfers "fund" on the 27th
	reserveMember(t, h.e, "reserve", "6228480000000000003")
	signedBuyer(t, h.e)
	c.Set(inChina(t, "2026-11-27 23:59:59"))
	ok(t, h.e, "consumeApply", consume("buyer", "shop", "late", 100, 0, ""))
	c.Set(inChina(t, "2026-11-28 00:00:00"))
	h.day(t)
	c.Set(inChina(t, "2026-11-28 23:59:59"))
	ok(t, h.e, "consumeApply", consume("buyer", "shop", "eod", 100, 0, ""))
	c.Set(inChina(t, "2026-11-29 00:00:00"))
	h.transfer(t, "next", 10, "")
	for _, o := range h.e.Orders("app") {
		h.nos[o.BizOrderNo] = o.OrderNo
	}
	return h
}

// day makes the 28th's orders, a minute apart but for the two transfers.
func (h *checkHistory) day(t *testing.T) {
	t.Helper()
	e, step := h.e, func() { h.c.Advance(time.Minute) }
	ok(t, e, "depositApply", withFee(orderParams("depositApply", "buyer", "d1", 1000, `{"QUICKPAY_VSP":{`+card+`,"amount":1000}}`,
		`"validateType":0,`), 10))
	step()
	combined := `{"GATEWAY_VSP":{"amount":500,"paytype":"B2C","vspCusid":"c"},"BALANCE":[{"accountSetNo":"200126","amount":300}],"COUPON":{"amount":200}}`
	h.confirmed(t, "consumeApply", orderParams("consumeApply", "buyer", "c1", 1000, combined, ""))
	step()
	ok(t, e, "refund", `{"bizOrderNo":"r1","oriBizOrderNo":"c1","bizUserId":"buyer","amount":900,"couponAmount":200,"extendInfo":"refund-x"}`)
	step()
	ok(t, e, "refund", `{"bizOrderNo":"r2","oriBizOrderNo":"d1","bizUserId":"buyer","amount":100,"feeAmount":5}`)
	step()
	h.confirmed(t, "consumeApply", orderParams("consumeApply", "buyer", "wx", 100, `{"WECHAT_PUBLIC":{"subAppid":"wx1","acct":"o-openid","amount":100}}`, ""))
	step()
	ok(t, e, "agentCollectApply", collect("buyer", "shop", "k1", 300))
	step()
	ok(t, e, "signalAgentPay", payout("shop", "p1", "k1", 100))
	step()
	ok(t, e, "batchAgentPay", `{"bizBatchNo":"B1","tradeCode":"4001","batchPayList":[`+payout("shop", "b1", "k1", 100)+`,`+
		payout("shop", "b2", "k1", 9999)+`]}`) // b2 asks more than k1 holds: a failed item, in no file
	step()
	ok(t, e, "withdrawApply", withFee(withdrawParams("w1", `,"validateType":0`), 1))
	step()
	ok(t, e, "crossBorderWithdrawApply", crossBorderParams("buyer", "reserve", "x1", "6228480000000000003", 200))
	step()
	h.transfer(t, "t2", 50, "bonus")
	h.transfer(t, "t3", 60, "") // at the same time: after t2, as it was made
	ok(t, e, "consumeApply", orderParams("consumeApply", "buyer", "pend", 100, `{"GATEWAY_VSP":{"amount":100,"paytype":"B2C","vspCusid":"c"}}`, ""))
}

// withFee is an order's params with another fee than orderParams' 0.
func withFee(param string, fee int) string {
	return strings.Replace(param, `"fee":0`, fmt.Sprintf(`"fee":%d`, fee), 1)
}

// confirmed makes an order the payer completes outside, and completes it.
func (h *checkHistory) confirmed(t *testing.T, method, param string) {
	t.Helper()
	v := ok(t, h.e, method, param)
	_, serr := h.e.ConfirmOrder("app", v["bizOrderNo"].(string))
	require.Nil(t, serr)
}

func (h *checkHistory) transfer(t *testing.T, no string, amount int64, extendInfo string) {
	t.Helper()
	v := ok(t, h.e, "applicationTransfer", fmt.Sprintf(`{"bizTransferNo":%q,"sourceAccountSetNo":"100001",`+
		`"targetBizUserId":"buyer","targetAccountSetNo":"200126","amount":%d,"extendInfo":%q}`, no, amount, extendInfo))
	h.nos[no] = v["transferNo"].(string)
}

// file is a day's file split as a merchant's job splits it: lines, then
// fields on "|" (each field is followed by one, so the last piece is
// empty and dropped).
func (h *checkHistory) file(t *testing.T, date string, summary bool) [][]string {
	t.Helper()
	text, err := h.e.CheckAccountFile("app", date, summary)
	require.NoError(t, err)
	var out [][]string
	for _, line := range strings.SplitAfter(text, "\n") {
		if line == "" {
			continue
		}
		require.True(t, strings.HasSuffix(line, "|\n"), "every line ends with | and a newline: %q", line)
		fields := strings.Split(strings.TrimSuffix(line, "\n"), "|")
		out = append(out, fields[:len(fields)-1])
	}
	return out
}

// TestCheckAccountDetail: the detail file of spec §4.3.2 has one line per
// transaction completed that day, China time, in the order they completed:
// every kind of order (a refunded one too), the platform's transfers; not
// an order pending or failed. Each line has the spec's 21 fields.
func TestCheckAccountDetail(t *testing.T) {
	h := newCheckHistory(t)
	masked := "622848*********0001"
	// bizOrderNo, 订单类型, amount, fee, time, channel amount, extendInfo,
	// 支付方式, the original's bizOrderNo, card
	type row struct {
		no, kind       string
		amount, fee    int64
		at             string
		channel        int64
		extend, method string
		ori, card      string
		trx            string // 渠道交易类型: a 收银宝 payment's trxcode
	}
	rows := []row{
		{"d1", "充值", 1000, 10, "00:00:00", 1000, "", "QUICKPAY_VSP", "", masked, ""},
		{"c1", "消费", 1000, 0, "00:01:00", 500, "", "COMBINEDPAY", "", "", ""},
		{"r1", "退款", 900, 0, "00:02:00", 500, "refund-x", "COMBINEDPAY", "c1", "", ""},
		{"r2", "退款", 100, 5, "00:03:00", 100, "", "QUICKPAY_VSP", "d1", masked, ""}, // 手续费: the fee given back
		{"wx", "消费", 100, 0, "00:04:00", 100, "", "WECHAT_PUBLIC", "", "o-openid", "VSP501"},
		{"k1", "托收", 300, 0, "00:05:00", 0, "", "BALANCE", "", "", ""},
		{"p1", "托付", 100, 0, "00:06:00", 0, "", "WITHDRAW_BALANCE", "", "", ""},
		{"b1", "托付", 100, 0, "00:07:00", 0, "", "WITHDRAW_BALANCE", "", "", ""},
		{"w1", "提现", 100, 1, "00:08:00", 99, "", "WITHDRAW_TLT", "", masked, ""},
		{"x1", "跨境提现", 200, 10, "00:09:00", 190, "", "WITHDRAW_TLT", "", "622848*********0003", ""},
		{"t2", "平台转账", 50, 0, "00:10:00", 0, "bonus", "BALANCE", "", "", ""},
		{"t3", "平台转账", 60, 0, "00:10:00", 0, "", "BALANCE", "", "", ""},
		{"eod", "消费", 100, 0, "23:59:59", 0, "", "BALANCE", "", "", ""},
	}
	lines := h.file(t, "20261128", false)
	require.Len(t, lines, len(rows))
	for i, r := range rows {
		t.Run(r.no, func(t *testing.T) {
			serial, oriNo := "0", ""
			if r.channel > 0 {
				serial = "TSYMOCK" + h.nos[r.no]
			}
			if r.ori != "" {
				oriNo = h.nos[r.ori]
			}
			want := []string{h.nos[r.no], r.kind, fmt.Sprint(r.amount), fmt.Sprint(r.fee), "2026-11-28 " + r.at, r.no,
				fmt.Sprint(r.channel), serial, "0", "0", "0", "0", r.extend, "", "0", r.method, r.ori, oriNo, r.trx, r.card, ""}
			require.Len(t, lines[i], 21)
			assert.Equal(t, want, lines[i])
		})
	}
}

// TestCheckAccountDays: a day is China time, by when a transaction
// completed: 23:59:59 is the day's, 00:00:00 the next one's; a day without
// any has an empty detail file and a summary of zeros.
func TestCheckAccountDays(t *testing.T) {
	h := newCheckHistory(t)
	tests := []struct {
		date string
		nos  []string
	}{
		{"20261127", []string{"fund", "late"}},
		{"20261129", []string{"next"}},
		{"20261126", nil},
	}
	for _, tt := range tests {
		t.Run(tt.date, func(t *testing.T) {
			var got []string
			for _, l := range h.file(t, tt.date, false) {
				got = append(got, l[5])
			}
			assert.Equal(t, tt.nos, got)
		})
	}
	empty := append([]string{"0", "0", "", ""}, strings.Split(strings.Repeat("0,", 26), ",")[:26]...)
	assert.Equal(t, [][]string{empty}, h.file(t, "20261126", true))
	_, err := h.e.CheckAccountFile("app", "20261131", false)
	assert.ErrorContains(t, err, `emulator: date "20261131" must be yyyyMMdd`)
}

// TestCheckAccountSummary: the summary file (fileType 2) is one line of
// spec §4.3.2's 30 fields: the day's count and amount, its first and last
// orderNo, then a count and an amount per order type, single and batch
// payouts apart, refunds counted with their own amount.
func TestCheckAccountSummary(t *testing.T) {
	h := newCheckHistory(t)
	lines := h.file(t, "20261128", true)
	require.Len(t, lines, 1)
	require.Len(t, lines[0], 30)
	got := lines[0]
	assert.Equal(t, []string{"13", "4110", h.nos["d1"], h.nos["eod"]}, got[:4])
	want := map[string][2]string{
		"充值": {"1", "1000"}, "消费": {"3", "1200"}, "协议消费": {"0", "0"}, "提现": {"1", "100"}, "平台转账": {"2", "110"},
		"托收": {"1", "300"}, "协议托收": {"0", "0"}, "单笔托付": {"1", "100"}, "批量托付": {"1", "100"},
		"跨应用转账": {"0", "0"}, "退款": {"2", "1000"}, "理财": {"0", "0"}, "跨境提现": {"1", "200"},
	}
	for i, kind := range summaryKinds() {
		t.Run(kind, func(t *testing.T) {
			assert.Equal(t, want[kind], [2]string{got[4+2*i], got[5+2*i]})
		})
	}
}

// TestCheckAccountSummarySums: amounts that add up past an int64 are
// written whole, not wrapped.
func TestCheckAccountSummarySums(t *testing.T) {
	const most = int64(1<<63 - 1)
	lines := []checkLine{{orderNo: "1", sum: "充值", amount: most}, {orderNo: "2", sum: "充值", amount: most}}
	got := summaryFields(lines)
	assert.Equal(t, []string{"2", "18446744073709551614", "1", "2", "2", "18446744073709551614"}, got[:6])
}

// TestCheckAccountURL: getCheckAccountFile answers the file's name as spec
// §4.3.2 gives it (the summary's is tsymock's), under CheckAccountPath;
// ParseCheckAccountName reads them back and nothing else.
func TestCheckAccountURL(t *testing.T) {
	e := newTest()
	for _, tt := range []struct {
		param, url string
	}{
		{`{"date":"20261120"}`, CheckAccountPath + "app/app_20261120_allinpay.txt"},
		{`{"date":"20261120","fileType":1}`, CheckAccountPath + "app/app_20261120_allinpay.txt"},
		{`{"date":"20261120","fileType":2}`, CheckAccountPath + "app/app_20261120_allinpay_sum.txt"},
	} {
		out := call(t, e, "MerchantService", "getCheckAccountFile", tt.param)
		require.Nil(t, out.Err)
		assert.Equal(t, tt.url, out.Value["url"], tt.param)
	}
	for _, tt := range []struct {
		name, date  string
		summary, ok bool
	}{
		{"app_20261120_allinpay.txt", "20261120", false, true},
		{"app_20261120_allinpay_sum.txt", "20261120", true, true},
		{"other_20261120_allinpay.txt", "", false, false},
		{"20261120.txt", "", false, false},
		{"app_20261120.txt", "", false, false},
	} {
		date, summary, ok := ParseCheckAccountName("app", tt.name)
		assert.Equal(t, []any{tt.date, tt.summary, tt.ok}, []any{date, summary, ok}, tt.name)
	}
}

// TestCheckFileNotMade: the platform makes a day's files at 08:00 China
// time the next day (spec §4.3.2); a file asked for before is noted
// check-file-not-made and still answered, and --strict refuses it (9000,
// tsymock's choice).
func TestCheckFileNotMade(t *testing.T) {
	tests := []struct {
		now, date string
		noted     bool
	}{
		{"2026-11-28 12:00:00", "20261128", true},
		{"2026-11-28 12:00:00", "20261130", true},
		{"2026-11-29 07:59:59", "20261128", true},
		{"2026-11-29 08:00:00", "20261128", false},
		{"2026-11-28 12:00:00", "20261127", false},
		{"2026-11-28 07:00:00", "20261127", true},
	}
	for _, tt := range tests {
		t.Run(tt.now+" "+tt.date, func(t *testing.T) {
			for _, strict := range []bool{false, true} {
				e := New(Config{Clock: clock.NewManual(inChina(t, tt.now)), IDs: ids.NewSeeded(1), Strict: strict})
				out := call(t, e, "MerchantService", "getCheckAccountFile", `{"date":"`+tt.date+`"}`)
				switch {
				case !tt.noted:
					require.Nil(t, out.Err)
					assert.Empty(t, out.Portability)
				case strict:
					require.NotNil(t, out.Err)
					assert.Equal(t, "9000", out.Err.Code)
					assert.Contains(t, out.Err.Message, "rule "+RuleCheckFileNotMade)
				default:
					require.Nil(t, out.Err)
					assert.NotEmpty(t, out.Value["url"])
					require.Len(t, out.Portability, 1)
					assert.Equal(t, RuleCheckFileNotMade, out.Portability[0].Rule)
					assert.Contains(t, out.Portability[0].Message, "spec §4.3.2")
				}
			}
		})
	}
}

// FuzzParseCheckAccountName: any name either is one CheckAccountName
// makes, read back whole, or is refused.
func FuzzParseCheckAccountName(f *testing.F) {
	for _, s := range []string{"app_20261120_allinpay.txt", "app_20261120_allinpay_sum.txt", "app__allinpay.txt",
		"app_allinpay_sum.txt", "20261120.txt", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, name string) {
		date, summary, ok := ParseCheckAccountName("app", name)
		if ok {
			assert.Equal(t, name, CheckAccountName("app", date, summary))
		} else {
			assert.Equal(t, []any{"", false}, []any{date, summary})
		}
	})
}

// TestCheckAccountDocSample: the sample files of docs/methods.md are what
// tsymock writes for their history.
func TestCheckAccountDocSample(t *testing.T) {
	c := clock.NewManual(inChina(t, "2026-11-27 12:00:00"))
	e := New(Config{Clock: c, IDs: ids.NewSeeded(1)})
	market(t, e)
	c.Set(inChina(t, "2026-11-28 12:00:00"))
	ok(t, e, "depositApply", withFee(orderParams("depositApply", "buyer", "d1", 1000,
		`{"QUICKPAY_VSP":{`+card+`,"amount":1000}}`, `"validateType":0,`), 10))
	c.Advance(time.Minute)
	ok(t, e, "consumeApply", consume("buyer", "shop", "c1", 300, 3, ""))
	c.Advance(time.Minute)
	ok(t, e, "refund", `{"bizOrderNo":"r1","oriBizOrderNo":"c1","bizUserId":"buyer","amount":100}`)
	c.Advance(time.Minute)
	ok(t, e, "applicationTransfer", `{"bizTransferNo":"bonus-1","sourceAccountSetNo":"100001","targetBizUserId":"buyer",`+
		`"targetAccountSetNo":"200126","amount":5000,"extendInfo":"bonus"}`)
	samples := docSamples(t)
	require.Len(t, samples, 2)
	for i, summary := range []bool{false, true} {
		file, err := e.CheckAccountFile("app", "20261128", summary)
		require.NoError(t, err)
		assert.Equal(t, samples[i], file, "docs/methods.md's sample, summary %v", summary)
	}
}

// docSamples are the text blocks of docs/methods.md's getCheckAccountFile.
func docSamples(t *testing.T) []string {
	t.Helper()
	docs, err := os.ReadFile(filepath.Join("..", "..", "docs", "methods.md"))
	require.NoError(t, err)
	_, section, _ := strings.Cut(string(docs), "### getCheckAccountFile\n")
	section, _, _ = strings.Cut(section, "\n### ")
	var out []string
	for {
		var block string
		var found bool
		if _, section, found = strings.Cut(section, "```text\n"); !found {
			return out
		}
		block, section, _ = strings.Cut(section, "```")
		out = append(out, block)
	}
}

// TestCheckAccountFieldsStayInTheirColumn: spec §4.3.2 separates fields by
// "|" and lines by "\n", and a merchant gives some of the text the file
// holds (extendInfo of every kind of order and of applicationTransfer,
// bizOrderNo, a wallet's acct). Whatever that text holds, every line of
// the detail file keeps the spec's 21 fields and the summary its 30: "|"
// is written "｜" (U+FF5C), CR and LF a space (a choice: the platform's
// own writing is not known), and the text stays in its column.
func TestCheckAccountFieldsStayInTheirColumn(t *testing.T) {
	type column struct {
		no   string // the line's 商户订单编号, as the file writes it
		col  int    // 1-based, as spec §4.3.2 numbers them
		want string
	}
	const extendCol, cardCol = 13, 20
	consumed := func(no, extra string) func(t *testing.T, e *Emulator) {
		return func(t *testing.T, e *Emulator) {
			ok(t, e, "consumeApply", orderParams("consumeApply", "buyer", no, 100,
				`{"BALANCE":[{"accountSetNo":"200126","amount":100}]}`, `"validateType":0,`+extra))
		}
	}
	tests := []struct {
		name  string
		make  []func(t *testing.T, e *Emulator)
		check []column
	}{
		{"a consumption's extendInfo", []func(*testing.T, *Emulator){consumed("c1", `"extendInfo":"a|b\nc",`)},
			[]column{{"c1", extendCol, "a｜b c"}}},
		{"a deposit's extendInfo with CRLF", []func(*testing.T, *Emulator){func(t *testing.T, e *Emulator) {
			ok(t, e, "depositApply", orderParams("depositApply", "buyer", "d1", 100, `{"QUICKPAY_VSP":{`+card+`,"amount":100}}`,
				`"validateType":0,"extendInfo":"x\r\ny|",`))
		}}, []column{{"d1", extendCol, "x  y｜"}}},
		{"a refund's extendInfo", []func(*testing.T, *Emulator){consumed("c1", ""), func(t *testing.T, e *Emulator) {
			ok(t, e, "refund", `{"bizOrderNo":"r1","oriBizOrderNo":"c1","bizUserId":"buyer","amount":100,"extendInfo":"|\n|"}`)
		}}, []column{{"r1", extendCol, "｜ ｜"}}},
		{"a collection's and its payouts' extendInfo", []func(*testing.T, *Emulator){func(t *testing.T, e *Emulator) {
			ok(t, e, "agentCollectApply", strings.Replace(collect("buyer", "shop", "k1", 300), `"fee":0`, `"fee":0,"extendInfo":"k|1"`, 1))
			ok(t, e, "signalAgentPay", strings.Replace(payout("shop", "p1", "k1", 100), `"fee":0`, `"fee":0,"extendInfo":"p\n1|"`, 1))
			item := strings.Replace(payout("shop", "b1", "k1", 100), `"fee":0`, `"fee":0,"extendInfo":"b|\r1"`, 1)
			ok(t, e, "batchAgentPay", `{"bizBatchNo":"B1","tradeCode":"4001","batchPayList":[`+item+`]}`)
		}}, []column{{"k1", extendCol, "k｜1"}, {"p1", extendCol, "p 1｜"}, {"b1", extendCol, "b｜ 1"}}},
		{"a withdrawal's extendInfo", []func(*testing.T, *Emulator){signedBuyer, func(t *testing.T, e *Emulator) {
			ok(t, e, "withdrawApply", withdrawParams("w1", `,"validateType":0,"extendInfo":"w|\n"`))
		}}, []column{{"w1", extendCol, "w｜ "}}},
		{"a transfer's bizTransferNo and extendInfo", []func(*testing.T, *Emulator){func(t *testing.T, e *Emulator) {
			ok(t, e, "applicationTransfer", `{"bizTransferNo":"t|1\n","sourceAccountSetNo":"100001","targetBizUserId":"buyer",`+
				`"targetAccountSetNo":"200126","amount":10,"extendInfo":"bonus|x\ny"}`)
		}}, []column{{"t｜1 ", extendCol, "bonus｜x y"}}},
		{"a bizOrderNo", []func(*testing.T, *Emulator){consumed("o|1\r\n2", "")}, []column{{"o｜1  2", 6, "o｜1  2"}}},
		{"a wallet's acct", []func(*testing.T, *Emulator){func(t *testing.T, e *Emulator) {
			v := ok(t, e, "consumeApply", orderParams("consumeApply", "buyer", "wx", 100,
				`{"WECHAT_PUBLIC":{"subAppid":"wx1","acct":"o|open\nid","amount":100}}`, ""))
			_, serr := e.ConfirmOrder("app", v["bizOrderNo"].(string))
			require.Nil(t, serr)
		}}, []column{{"wx", cardCol, "o｜open id"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := clock.NewManual(inChina(t, "2026-11-28 12:00:00"))
			h := &checkHistory{e: New(Config{Clock: c, IDs: ids.NewSeeded(1)}), c: c}
			market(t, h.e)
			for _, m := range tt.make {
				m(t, h.e)
			}
			lines := h.file(t, "20261128", false) // fails on a line that does not end with "|\n"
			byNo := map[string][]string{}
			for _, l := range lines {
				require.Len(t, l, 21, "%q", l)
				byNo[l[5]] = l
			}
			for _, want := range tt.check {
				require.Contains(t, byNo, want.no)
				assert.Equal(t, want.want, byNo[want.no][want.col-1], "column %d of %s", want.col, want.no)
			}
			summary := h.file(t, "20261128", true)
			require.Len(t, summary, 1)
			assert.Len(t, summary[0], 30)
		})
	}
}

// TestCheckAccountRefundFee: a refund's 手续费 in the detail file is its own
// feeAmount, the part of the original's fee it gave back (spec §4.3.2: the
// order's Fee, the platform's fee income; §4.2.16 notes 9 and 11: a fee is
// refunded wholly, in parts or not at all): 0 for a refund that kept the
// fee, never the original's fee. The original's line keeps what it took;
// the admin view and a restored snapshot show the same.
func TestCheckAccountRefundFee(t *testing.T) {
	e := newTest()
	funded(t, e, 2000, "buyer")
	funded(t, e, 0, "shop")
	ok(t, e, "consumeApply", consume("buyer", "shop", "c1", 600, 10, ""))
	ok(t, e, "consumeApply", consume("buyer", "shop", "c2", 300, 20, ""))
	tests := []struct {
		name, refund string // "" refund: the original's own line
		ori          string
		amount, fee  int64 // fee: feeAmount sent, and the line's 手续费
	}{
		{"an original keeps the fee it took", "", "c1", 600, 10},
		{"a refund without feeAmount gives no fee back", "r0", "c1", 100, 0},
		{"a part of the fee", "r1", "c1", 50, 3},
		{"the rest of the fee, not the original's", "r2", "c1", 450, 7},
		{"another original", "", "c2", 300, 20},
		{"the whole fee at once", "r3", "c2", 300, 20},
	}
	want := map[string]int64{}
	for _, tt := range tests {
		no := cmp.Or(tt.refund, tt.ori)
		want[no] = tt.fee
		if tt.refund == "" {
			continue
		}
		fee := ""
		if tt.fee > 0 {
			fee = fmt.Sprintf(`,"feeAmount":%d`, tt.fee)
		}
		v := ok(t, e, "refund", fmt.Sprintf(`{"bizOrderNo":%q,"oriBizOrderNo":%q,"bizUserId":"buyer","amount":%d%s}`,
			tt.refund, tt.ori, tt.amount, fee))
		require.Equal(t, "success", v["payStatus"], tt.name)
	}
	fees := func(e *Emulator) map[string]string {
		text, err := e.CheckAccountFile("app", "20261128", false)
		require.NoError(t, err)
		out := map[string]string{}
		for _, l := range strings.Split(strings.TrimSpace(text), "\n") {
			f := strings.Split(l, "|")
			require.Greater(t, len(f), 16, l)
			if f[1] == "消费" || f[1] == "退款" {
				out[f[5]] = f[3]
			}
		}
		return out
	}
	got := fees(e)
	views := map[string]int64{}
	for _, o := range e.Orders("app") {
		views[o.BizOrderNo] = o.Fee
	}
	s, err := e.Capture(nil)
	require.NoError(t, err)
	var b bytes.Buffer
	require.NoError(t, s.Encode(&b))
	r := New(Config{Clock: clock.NewManual(e.clock.Now()), IDs: ids.NewSeeded(1)})
	require.NoError(t, r.Restore(&b))
	kept := fees(r)
	for _, tt := range tests {
		no := cmp.Or(tt.refund, tt.ori)
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, fmt.Sprint(tt.fee), got[no], "手续费 of %s", no)
			assert.Equal(t, tt.fee, views[no], "the admin view's fee of %s", no)
			assert.Equal(t, got[no], kept[no], "after a restore")
		})
	}
	assert.Len(t, got, len(want), "one line per order: %v", got)
}

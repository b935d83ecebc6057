package emulator

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/internal/clock"
	"github.com/tsymock/tsymock/internal/ids"
	"github.com/tsymock/tsymock/internal/soa"
)

// TestAddressNote: a call's address params holding "#" are noted (spec
// §3.3) where its catalogue entry has them, top level or in a list's items
// (batchAgentPay's batchPayList[].backUrl, §5.11); a param the method does
// not take, or a value that is not text, is not.
func TestAddressNote(t *testing.T) {
	cat := soa.DefaultCatalogue()
	fields := func(service, method string) []soa.Param {
		m, serr := cat.Lookup(service, method)
		require.Nil(t, serr)
		return m.Params
	}
	for _, tc := range []struct {
		name            string
		service, method string
		param           map[string]any
		want            string // the paths the note names, "" for no note
	}{
		{"an order's frontUrl and backUrl", soa.OrderService, "depositApply",
			map[string]any{"frontUrl": "http://127.0.0.1/#/paid", "backUrl": "http://127.0.0.1/n#x"}, "backUrl, frontUrl"},
		{"a batch item's backUrl", soa.OrderService, "batchAgentPay", map[string]any{"batchPayList": []any{
			map[string]any{"backUrl": "http://127.0.0.1/n"}, map[string]any{"backUrl": "http://127.0.0.1/#/n"}}},
			"batchPayList[1].backUrl"},
		{"no fragment", soa.OrderService, "depositApply", map[string]any{"backUrl": "http://127.0.0.1/n?a=1"}, ""},
		{"a param the method does not take", soa.MemberService, "createMember",
			map[string]any{"backUrl": "http://127.0.0.1/#/n"}, ""},
		{"a value that is not text", soa.OrderService, "depositApply", map[string]any{"backUrl": []any{"#"}}, ""},
		{"a call without its catalogue entry", "", "", map[string]any{"backUrl": "http://127.0.0.1/#/n"}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req := Request{Service: tc.service, Method: tc.method, Param: tc.param}
			if tc.service != "" {
				req.Fields = fields(tc.service, tc.method)
			}
			notes := notesOf(addressNotes(req), RuleURLFragment)
			if tc.want == "" {
				assert.Empty(t, notes)
				return
			}
			require.Len(t, notes, 1)
			n := notes[0]
			assert.Equal(t, []string{RuleURLFragment, "10000"}, []string{n.Rule, n.Code})
			assert.Contains(t, n.Message, tc.want+": spec §3.3")
		})
	}
}

// TestReturnKeyNote: a call's address whose query already has a key the
// platform adds there (sysid, rps, timestamp, v, sign) is noted
// url-return-key, naming the param and the keys; a key that only starts
// like one, or one behind the fragment, is not (probe-Y 7).
func TestReturnKeyNote(t *testing.T) {
	for _, tc := range []struct {
		name  string
		param map[string]any
		want  string // what the note names, "" for no note
	}{
		{"frontUrl and backUrl", map[string]any{"frontUrl": "http://127.0.0.1/jump?sysid=EVIL&timestamp=1&sign=abc",
			"backUrl": "http://127.0.0.1/n?rps=x"}, "backUrl has rps; frontUrl has sysid, timestamp, sign in its query"},
		{"a v of the merchant's own", map[string]any{"backUrl": "http://127.0.0.1/n?v=3"}, ""},
		{"an encoded key", map[string]any{"backUrl": "http://127.0.0.1/n?%73ign=x"}, "backUrl has sign in its query"},
		{"keys that only start like one", map[string]any{"backUrl": "http://127.0.0.1/n?signature=x&vv=1&rps_id=2"}, ""},
		{"behind the fragment", map[string]any{"backUrl": "http://127.0.0.1/n?a=1#sign=x"}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m, serr := soa.DefaultCatalogue().Lookup(soa.OrderService, "depositApply")
			require.Nil(t, serr)
			notes := notesOf(addressNotes(Request{Service: soa.OrderService, Method: "depositApply", Param: tc.param,
				Fields: m.Params}), RuleURLReturnKey)
			if tc.want == "" {
				assert.Empty(t, notes)
				return
			}
			require.Len(t, notes, 1)
			assert.Equal(t, "10000", notes[0].Code)
			assert.Contains(t, notes[0].Message, tc.want)
			assert.Contains(t, notes[0].Message, "spec §3.4")
		})
	}
}

// TestURLFragmentRefusedBeforeTheLog: with --strict a call refused for a
// "#" in an address is not written to the log, so that a replay, which
// runs the handlers alone, finds nothing to refuse again; without it the
// call is logged and replays as answered.
func TestURLFragmentRefusedBeforeTheLog(t *testing.T) {
	cat := soa.DefaultCatalogue()
	m, serr := cat.Lookup(soa.MemberService, "setCompanyInfo")
	require.Nil(t, serr)
	for _, strict := range []bool{true, false} {
		l := &memLog{}
		e := New(Config{Clock: clock.NewManual(replayClock()), IDs: ids.NewSeeded(1), Strict: strict, Recorder: l})
		call := func(method string, param map[string]any, fields []soa.Param) Outcome {
			return e.Call(context.Background(), Request{SysID: "a", Service: soa.MemberService, Method: method,
				Param: param, Fields: fields})
		}
		require.Nil(t, call("createMember", map[string]any{"bizUserId": "c", "memberType": 2, "source": 2}, nil).Err)
		p := companyParams("甲公司", true)
		p["backUrl"] = "http://127.0.0.1:8080/#/notify"
		out := call("setCompanyInfo", p, m.Params)
		if strict {
			require.NotNil(t, out.Err)
			assert.Equal(t, "10000", out.Err.Code)
			assert.Len(t, l.ops, 1, "only createMember is logged")
		} else {
			require.Nil(t, out.Err)
			require.Len(t, out.Portability, 1)
			assert.Equal(t, RuleURLFragment, out.Portability[0].Rule)
			assert.Len(t, l.ops, 2)
		}
		l.replayInto(t) // fails the test if an op replays otherwise than it was answered
	}
}

// callChecked is call with the method's catalogue entry, as the mock
// passes it (Request.Fields), so that the address notes are judged.
func callChecked(t *testing.T, e *Emulator, service, method, param string) Outcome {
	t.Helper()
	m, serr := soa.DefaultCatalogue().Lookup(service, method)
	require.Nil(t, serr)
	return e.Call(context.Background(), Request{SysID: "app", Service: service, Method: method, Param: decoded(t, param),
		Fields: m.Params})
}

// TestURLFormatNote: a call's backUrl, frontUrl (or a batch item's
// backUrl) that is no absolute http(s) URL is noted url-format with §7's
// 40029 (URL格式错误, what the pages answer for it), naming the param and
// the called method's section; with --strict the call is refused with
// 40029 before it is logged. An absolute http(s) URL is not noted.
func TestURLFormatNote(t *testing.T) {
	bad := func(param, value string) string {
		return strings.Replace(param, `"backUrl":"http://127.0.0.1/n"`, `"backUrl":`+strconv.Quote(value), 1)
	}
	collected := func(t *testing.T, e *Emulator) { ok(t, e, "agentCollectApply", collect("buyer", "shop", "k1", 100)) }
	company := func(t *testing.T, e *Emulator) {
		ok(t, e, "createMember", `{"bizUserId":"c","memberType":2,"source":2}`)
	}
	companyInfo, err := json.Marshal(companyParams("甲公司", true))
	require.NoError(t, err)
	tests := []struct {
		name, service, method string
		setup                 func(t *testing.T, e *Emulator)
		param                 string
		named                 string // the param and section the note names, "" for no note
	}{
		{"a deposit's backUrl without a scheme", soa.OrderService, "depositApply", nil,
			bad(orderParams("depositApply", "buyer", "o1", 100, `{"QUICKPAY_VSP":{`+card+`,"amount":100}}`, ""), "notaurl"),
			`backUrl "notaurl" must be an absolute http or https URL (spec §4.2.2`},
		{"a deposit's frontUrl without a scheme", soa.OrderService, "depositApply", nil,
			orderParams("depositApply", "buyer", "o1", 100, `{"GATEWAY_VSP":{"amount":100,"paytype":"B2C"}}`, `"frontUrl":"www.shop.com/return",`),
			`frontUrl "www.shop.com/return" must be an absolute http or https URL (spec §4.2.2`},
		{"a consumption's ftp backUrl", soa.OrderService, "consumeApply", nil,
			bad(consume("buyer", "shop", "o1", 100, 0, ""), "ftp://127.0.0.1/x"), `backUrl "ftp://127.0.0.1/x" must be an absolute http or https URL (spec §4.2.4`},
		{"a collection's relative backUrl", soa.OrderService, "agentCollectApply", nil,
			bad(collect("buyer", "shop", "o1", 100), "/notify"), `backUrl "/notify" must be an absolute http or https URL (spec §4.2.5`},
		{"a payout's", soa.OrderService, "signalAgentPay", collected, bad(payout("shop", "o1", "k1", 100), "notaurl"),
			`backUrl "notaurl" must be an absolute http or https URL (spec §4.2.6`},
		{"a batch item's", soa.OrderService, "batchAgentPay", collected,
			`{"bizBatchNo":"B1","tradeCode":"4001","batchPayList":[` + bad(payout("shop", "o1", "k1", 100), "notaurl") + `]}`,
			`batchPayList[0].backUrl "notaurl" must be an absolute http or https URL (spec §4.2.7, §5.11`},
		{"a refund's", soa.OrderService, "refund", func(t *testing.T, e *Emulator) {
			ok(t, e, "consumeApply", consume("buyer", "shop", "c1", 100, 0, ""))
		}, `{"bizOrderNo":"o1","oriBizOrderNo":"c1","bizUserId":"buyer","amount":100,"backUrl":"http//127.0.0.1/n"}`,
			`backUrl "http//127.0.0.1/n" must be an absolute http or https URL (spec §4.2.16`},
		{"a withdrawal's", soa.OrderService, "withdrawApply", signedBuyer, bad(withdrawParams("o1", `,"validateType":0`), "notaurl"),
			`backUrl "notaurl" must be an absolute http or https URL (spec §4.2.3`},
		{"a cross-border withdrawal's", soa.OrderService, "crossBorderWithdrawApply", reserveOf,
			bad(crossBorderParams("buyer", "reserve", "o1", reserveCard, 100), "notaurl"),
			`backUrl "notaurl" must be an absolute http or https URL (spec §4.2.23`},
		{"setCompanyInfo's", soa.MemberService, "setCompanyInfo", company,
			strings.Replace(string(companyInfo), "{", `{"backUrl":"notaurl",`, 1),
			`backUrl "notaurl" must be an absolute http or https URL (spec §4.1.6`},
		{"an https backUrl with a port and a query", soa.OrderService, "consumeApply", nil,
			bad(consume("buyer", "shop", "o1", 100, 0, ""), "https://shop.test:8443/n?a=1"), ""},
	}
	for _, tt := range tests {
		for _, strict := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s strict=%v", tt.name, strict), func(t *testing.T) {
				l := &memLog{}
				e := New(Config{Clock: clock.NewManual(time.Date(2026, 11, 28, 4, 0, 0, 0, time.UTC)), IDs: ids.NewSeeded(1),
					Strict: strict, Recorder: l})
				market(t, e)
				if tt.setup != nil {
					tt.setup(t, e)
				}
				logged := len(l.ops)
				out := callChecked(t, e, tt.service, tt.method, tt.param)
				if tt.named == "" {
					require.Nil(t, out.Err, "%v", out.Err)
					assert.Empty(t, notesOf(out.Portability, RuleURLFormat))
					return
				}
				if strict {
					require.NotNil(t, out.Err)
					assert.Equal(t, "40029", out.Err.Code)
					assert.Contains(t, out.Err.Message, "URL格式错误: "+tt.named)
					assert.Contains(t, out.Err.Message, "rule url-format")
					assert.Len(t, l.ops, logged, "refused before the log")
					return
				}
				require.Nil(t, out.Err, "%v", out.Err)
				notes := notesOf(out.Portability, RuleURLFormat)
				require.Len(t, notes, 1, "%v", out.Portability)
				assert.Equal(t, "40029", notes[0].Code)
				assert.Contains(t, notes[0].Message, tt.named)
				assert.Len(t, l.ops, logged+1)
			})
		}
	}
}

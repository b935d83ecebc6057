package soa

import (
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// specReturn is one row of testdata/spec-returns.tsv: an answer key of a §4 method as the
// specification's table has it, with the line of spec-V2.1.5.txt it was read from.
type specReturn struct {
	line, section, service, method, key string
	typ                                 string // the table's 参数类型: String, Long, Boolean, JSONObject, JSONArray
	required                            string // 是, 否, cond or n/a
	condition                           string // for cond and n/a: the case, in our words
}

// readSpecReturns reads testdata/spec-returns.tsv.
func readSpecReturns(t *testing.T) []specReturn {
	t.Helper()
	var rows []specReturn
	for _, c := range readSpecTSV(t, "spec-returns.tsv", 8) {
		require.Contains(t, specTypes, c[5], "spec line %s", c[0])
		require.Contains(t, []string{"是", "否", specCond, specNA}, c[6], "spec line %s", c[0])
		require.Equal(t, c[6] == specCond || c[6] == specNA, c[7] != "", "spec line %s: a condition for cond and n/a only", c[0])
		rows = append(rows, specReturn{line: c[0], section: c[1], service: c[2], method: c[3],
			key: c[4], typ: c[5], required: c[6], condition: c[7]})
	}
	return rows
}

// specTypes are the catalogue's types of the specification's 参数类型.
var specTypes = map[string]Type{"String": String, "Long": Int, "Boolean": Bool, "JSONObject": Object, "JSONArray": Array}

// methodKey is the row's method as methodKey names catalogue methods.
func (r specReturn) methodKey() string {
	return specParam{section: r.section, service: r.service, method: r.method}.key()
}

// memberInfoTables are the two §5 tables of getMemberInfo's memberInfo (spec §4.1.8: "个人详细 /
// 企业详细"), one per memberType. The catalogue's memberInfo is both in one object, so it requires
// only the keys that both tables require: a key only an enterprise has (companyName, 是 in §5.5)
// is absent from a personal member's answer. TestMemberInfoAnswersFollowTheirTable
// (internal/emulator) holds each member type's answer to its own table.
var memberInfoTables = map[string]string{"5.5": "enterprise (memberType 2)", "5.6": "personal (memberType 3)"}

// jsonTexts are the answer keys that the platform sends as a JSON text, though their table's
// type is JSONObject: the catalogue has them as String, and the keys of the §5 table inside are
// the emulator's to test (TestWeChatAPPInfoFollowsItsTable, internal/emulator).
var jsonTexts = map[string]string{
	// §5.2 (WECHATPAY_APP_OPEN) shows the answer: "weChatAPPInfo":"{\"weixinstr\":\"{\\\"appid...
	"weChatAPPInfo": "a JSON text in the example of spec §5.2 (line 11559), weixinstr a JSON text inside it",
}

// underJSONText says whether path is a key inside one of jsonTexts.
func underJSONText(path string) bool {
	for name := range jsonTexts {
		if strings.HasPrefix(path, name+".") {
			return true
		}
	}
	return false
}

// TestCatalogueReturnsMatchTheSpecification holds the catalogue's Returns to the specification's
// answer tables (spec V2.1.5 §4, and the §5 tables of their objects and lists): every key is
// there with its type, required exactly when the table says 是. A key answered only in some case
// (cond), or in a table without a 必填 column (n/a), is not required.
func TestCatalogueReturnsMatchTheSpecification(t *testing.T) {
	methods := map[string]*Method{}
	for _, m := range DefaultCatalogue().Methods() {
		methods[methodKey(m)] = m
	}
	byMethod := map[string]map[string][]specReturn{} // method key → key path → rows
	for _, row := range readSpecReturns(t) {
		if byMethod[row.methodKey()] == nil {
			byMethod[row.methodKey()] = map[string][]specReturn{}
		}
		byMethod[row.methodKey()][row.key] = append(byMethod[row.methodKey()][row.key], row)
	}
	for _, key := range sortedKeys(byMethod) {
		t.Run(key, func(t *testing.T) {
			m, ok := methods[key]
			require.True(t, ok, "%s is not in the catalogue", key)
			for _, path := range sortedKeys(byMethod[key]) {
				rows := byMethod[key][path]
				row := rows[0]
				if underJSONText(path) {
					continue
				}
				p, ok := findParam(m.Returns, path)
				if !assert.True(t, ok, "spec line %s: §%s answers %s, which %s's Returns lack", row.line, row.section, path, key) {
					continue
				}
				if _, text := jsonTexts[path]; text {
					assert.Equal(t, String, p.Type, "spec line %s: %s is a JSON text", row.line, path)
				} else {
					assert.Equal(t, specTypes[row.typ], p.Type, "spec line %s: §%s's %s of %s is a %s",
						row.line, row.section, path, key, row.typ)
				}
				want, why := returnRequired(rows)
				assert.Equal(t, want, p.Required, "spec line %s: %s of %s: %s", row.line, path, key, why)
			}
		})
	}
}

// returnRequired is whether the catalogue must mark a key required, after its rows, and why.
func returnRequired(rows []specReturn) (bool, string) {
	if _, ok := memberInfoTables[rows[0].section]; ok {
		all := len(rows) == len(memberInfoTables)
		for _, r := range rows {
			all = all && r.required == "是"
		}
		return all, "memberInfo requires a key that both §5.5 and §5.6 require, no other"
	}
	for _, r := range rows[1:] {
		if r.required != rows[0].required {
			return false, "the rows of spec lines " + rows[0].line + " and " + r.line + " disagree"
		}
	}
	switch rows[0].required {
	case "是":
		return true, "§" + rows[0].section + " requires it (是)"
	case specCond:
		return false, "§" + rows[0].section + " answers it only for " + rows[0].condition
	case specNA:
		return false, rows[0].condition
	}
	return false, "§" + rows[0].section + " makes it optional (否)"
}

// sortedKeys are m's keys in order, for subtests that run in the same order every time.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// returnsOnly are the catalogue's answer keys that no answer table of the specification (V2.1.5)
// has, each with the reason it is there. Keys are {method key, key path}.
var returnsOnly = map[[2]string]string{
	// PROTOCOL.md §7 names getPaymentInformationDetail among the "less used" methods, without its
	// params or answer, leaving them to tsymock. Besides §4.2.21's paymentInformationList it
	// answers the summary that a public SDK types (coajs/coa-allin-pay's PaymentInformationDetail),
	// so that such a client finds what it reads; docs/methods.md marks it a choice.
	{"OrderService.getPaymentInformationDetail", "collOrderNo"}:      sdkSummary,
	{"OrderService.getPaymentInformationDetail", "collAmount"}:       sdkSummary,
	{"OrderService.getPaymentInformationDetail", "payerId"}:          sdkSummary,
	{"OrderService.getPaymentInformationDetail", "payerName"}:        sdkSummary,
	{"OrderService.getPaymentInformationDetail", "collTime"}:         sdkSummary,
	{"OrderService.getPaymentInformationDetail", "payTotalAmount"}:   sdkSummary,
	{"OrderService.getPaymentInformationDetail", "unPayTotalAmount"}: sdkSummary,
	{"OrderService.getPaymentInformationDetail", "receiverInfoList"}: sdkSummary,
	// §5.12 has no type, but the real test environment answers one on every line (充值, 无验证代收,
	// 平台转账: its answers quoted in public merchant code), which merchants read.
	{"OrderService.queryInExpDetail", "inExpDetail[].type"}: "the real test environment's statement lines carry it (public merchant code)",
}

// sdkSummary is the reason of getPaymentInformationDetail's keys in returnsOnly.
const sdkSummary = "PROTOCOL.md §7 leaves the answer to tsymock: the summary a public SDK (coa-allin-pay) reads"

// returnsOnlyMethods are the catalogue's methods that have no answer table in the specification
// (V2.1.5), each with the reason for its Returns.
var returnsOnlyMethods = map[string]string{
	"MemberService.signContractQuery": catalogueOnlyMethods["MemberService.signContractQuery"],
	"OrderService.closeOrder":         catalogueOnlyMethods["OrderService.closeOrder"],
	// §4.2.9 has a request table only; the page returns to jumpUrl (PROTOCOL.md §6) what §4.2.10's
	// page, the other page of OrderService.pay, does.
	"OrderService.pay /yungateway/frontTrans.do": "§4.2.9 has no answer table; PROTOCOL.md §6: it answers as §4.2.10's page",
}

// TestCatalogueReturnsAreInTheSpecification: the other way round, every answer key of the
// catalogue is in the specification's tables, or in returnsOnly saying why; the keys of an object
// or a list are walked where the TSV has rows for them.
func TestCatalogueReturnsAreInTheSpecification(t *testing.T) {
	spec := map[string]map[string]bool{} // method key → key paths
	for _, row := range readSpecReturns(t) {
		if spec[row.methodKey()] == nil {
			spec[row.methodKey()] = map[string]bool{}
		}
		spec[row.methodKey()][row.key] = true
	}
	assertCatalogueInSpec(t, spec, func(m *Method) []Param { return m.Returns }, returnsOnly, returnsOnlyMethods)
}

package soa

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// specParam is one row of testdata/spec-params.tsv: a request param of a §4 method as the
// specification's table has it, with the line of spec-V2.1.5.txt it was read from.
type specParam struct {
	line, section, service, method, param string
	required                              string // 是, 否, cond or n/a
	condition                             string // for cond and n/a: the case, in our words
}

// The values of specParam.required besides 是 and 否.
const (
	specCond = "cond" // required in a case the table names; the method checks it, not the catalogue
	specNA   = "n/a"  // the table has no 必填 column
)

// readSpecParams reads testdata/spec-params.tsv.
func readSpecParams(t *testing.T) []specParam {
	t.Helper()
	var rows []specParam
	for _, c := range readSpecTSV(t, "spec-params.tsv", 7) {
		require.Contains(t, []string{"是", "否", specCond, specNA}, c[5], "spec line %s", c[0])
		require.Equal(t, c[5] == specCond || c[5] == specNA, c[6] != "", "spec line %s: a condition for cond and n/a only", c[0])
		rows = append(rows, specParam{line: c[0], section: c[1], service: c[2], method: c[3],
			param: c[4], required: c[5], condition: c[6]})
	}
	return rows
}

// specPages are the sections that document a page flow sharing its name with an RPC
// (OrderService.pay, spec §4.2.8): the page each one is.
var specPages = map[string]string{"4.2.9": "/yungateway/frontTrans.do", "4.2.10": "/yungateway/pwd/payOrder.html"}

// key names a spec method: "Service.method", and the page for the sections of specPages.
func (r specParam) key() string {
	if page, ok := specPages[r.section]; ok {
		return r.service + "." + r.method + " " + page
	}
	return r.service + "." + r.method
}

// methodKey is key's name for a catalogue method.
func methodKey(m *Method) string {
	for _, page := range specPages {
		if m.PageFlow && m.Page == page {
			return m.FullName() + " " + page
		}
	}
	return m.FullName()
}

// findParam finds a param by its path: "a", "a.b" (a key of an object) or "a[].b" (a key of an
// array's items).
func findParam(ps []Param, path string) (*Param, bool) {
	name, rest, nested := strings.Cut(strings.Replace(path, "[].", ".", 1), ".")
	for i := range ps {
		if ps[i].Name == name {
			if !nested {
				return &ps[i], true
			}
			return findParam(ps[i].Fields, rest)
		}
	}
	return nil, false
}

// TestCatalogueParamsMatchTheSpecification holds the catalogue's request params to the
// specification's tables (spec V2.1.5 §4, and the §5 tables of their lists): every param is
// there, required (10001 when missing) exactly when the table says 是. A param required only in
// some case (cond) is not required by the catalogue: the method checks its case.
func TestCatalogueParamsMatchTheSpecification(t *testing.T) {
	methods := map[string]*Method{}
	for _, m := range DefaultCatalogue().Methods() {
		methods[methodKey(m)] = m
	}
	for _, row := range readSpecParams(t) {
		t.Run(row.section+"/"+row.method+"/"+row.param, func(t *testing.T) {
			m, ok := methods[row.key()]
			require.True(t, ok, "spec line %s: %s is not in the catalogue", row.line, row.key())
			p, ok := findParam(m.Params, row.param)
			require.True(t, ok, "spec line %s: %s has no param %s", row.line, row.key(), row.param)
			switch row.required {
			case "是":
				assert.True(t, p.Required, "spec line %s: §%s requires %s of %s", row.line, row.section, row.param, row.key())
			case "否":
				assert.False(t, p.Required, "spec line %s: §%s makes %s of %s optional", row.line, row.section, row.param, row.key())
			case specCond:
				assert.False(t, p.Required, "spec line %s: §%s requires %s of %s only for %s: the method checks it",
					row.line, row.section, row.param, row.key(), row.condition)
			}
		})
	}
}

// catalogueOnly are the catalogue's request params that no table of the specification (V2.1.5)
// has, each with the reason it is there. Keys are {method key, param path}.
var catalogueOnly = map[[2]string]string{
	// The pages of OrderService.pay take the RPC's tradeNo, and the notification address a
	// merchant may give, as SDKs that build the page's form from the RPC's params send them.
	{"OrderService.pay /yungateway/frontTrans.do", "tradeNo"}:     "the RPC's (§4.2.8), sent by SDKs that reuse its params",
	{"OrderService.pay /yungateway/frontTrans.do", "jumpUrl"}:     "§4.2.10's page takes it; tsymock's page returns there too",
	{"OrderService.pay /yungateway/frontTrans.do", "backUrl"}:     "the order's notification address, when the page is the first to name one",
	{"OrderService.pay /yungateway/pwd/payOrder.html", "tradeNo"}: "the RPC's (§4.2.8), sent by SDKs that reuse its params",
	{"OrderService.pay /yungateway/pwd/payOrder.html", "backUrl"}: "the order's notification address, when the page is the first to name one",
	// entryGoods answers extendInfo as the other order methods do; SDKs send it.
	{"OrderService.entryGoods", "extendInfo"}: "echoed like every order method's extendInfo; SDKs send it",
	// An item of batchPayList is a signalAgentPay (§5.11: "同单笔托管代付"), whose goods and
	// business code an item may carry; the batch's own apply when it does not.
	{"OrderService.batchAgentPay", "batchPayList[].goodsType"}:  "a signalAgentPay's (§4.2.6); the batch's when absent",
	{"OrderService.batchAgentPay", "batchPayList[].bizGoodsNo"}: "a signalAgentPay's (§4.2.6); the batch's when absent",
	{"OrderService.batchAgentPay", "batchPayList[].tradeCode"}:  "a signalAgentPay's (§4.2.6); the batch's when absent",
}

// catalogueOnlyMethods are the catalogue's methods that the specification (V2.1.5) does not have.
var catalogueOnlyMethods = map[string]string{
	"MemberService.signContractQuery": "a later version's page (the signed e-contract); SDKs call it",
	"OrderService.closeOrder":         "a later version's method (close an unpaid order); SDKs call it",
}

// TestCatalogueParamsAreInTheSpecification: the other way round, every request param of the
// catalogue is in the specification's tables, or in catalogueOnly saying why; the keys of a list
// or object param are walked where the TSV has rows for them (payMethod's, spec §5.2, have a
// test of their own).
func TestCatalogueParamsAreInTheSpecification(t *testing.T) {
	spec := map[string]map[string]bool{} // method key → param paths
	for _, row := range readSpecParams(t) {
		if spec[row.key()] == nil {
			spec[row.key()] = map[string]bool{}
		}
		spec[row.key()][row.param] = true
	}
	assertCatalogueInSpec(t, spec, func(m *Method) []Param { return m.Params }, catalogueOnly, catalogueOnlyMethods)
}

// assertCatalogueInSpec checks that every path of part(m) (its params, or its answer's keys) of
// every catalogue method is in spec (method key → paths), or in only saying why; a method that
// spec lacks must be in onlyMethods. The keys of a list or object are walked where spec has paths
// under them. only and onlyMethods must name what the catalogue has and spec lacks.
func assertCatalogueInSpec(t *testing.T, spec map[string]map[string]bool, part func(*Method) []Param,
	only map[[2]string]string, onlyMethods map[string]string) {
	methods := map[string]*Method{}
	for _, m := range DefaultCatalogue().Methods() {
		key := methodKey(m)
		methods[key] = m
		t.Run(key, func(t *testing.T) {
			paths, ok := spec[key]
			if !ok {
				assert.Contains(t, onlyMethods, key, "%s is in no table of the specification", key)
				return
			}
			for _, path := range catalogueParamPaths(part(m), "", paths) {
				if !paths[path] {
					assert.Contains(t, only, [2]string{key, path}, "%s: %s is in no table of the specification", key, path)
				}
			}
		})
	}
	for k := range only {
		assert.NotContains(t, spec[k[0]], k[1], "%s: the exceptions name a path that the specification has", k)
		require.Contains(t, methods, k[0], "the exceptions name an unknown method")
		_, ok := findParam(part(methods[k[0]]), k[1])
		assert.True(t, ok, "%s: the exceptions name a path that the catalogue does not have", k)
	}
	for k := range onlyMethods {
		assert.NotContains(t, spec, k, "the exceptions name a method that the specification has")
		assert.Contains(t, methods, k, "the exceptions name an unknown method")
	}
}

// catalogueParamPaths lists the paths of ps, and of their keys where spec has rows under them.
func catalogueParamPaths(ps []Param, prefix string, spec map[string]bool) []string {
	var out []string
	for _, p := range ps {
		path := prefix + p.Name
		out = append(out, path)
		sub := path + "."
		if p.Type == Array {
			sub = path + "[]."
		}
		for s := range spec {
			if strings.HasPrefix(s, sub) {
				out = append(out, catalogueParamPaths(p.Fields, sub, spec)...)
				break
			}
		}
	}
	return out
}

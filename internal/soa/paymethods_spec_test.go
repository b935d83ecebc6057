package soa

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// specBodyKey is one row of testdata/spec-paymethods.tsv: a key of a pay method's body as the
// table of spec §5.2 has it, with the line of spec-V2.1.5.txt it was read from.
type specBodyKey struct {
	line, method, key string
	required          string // 是, 否 or cond
	condition         string // for cond: the case that needs the key, in our words
}

// readSpecPayMethods reads testdata/spec-paymethods.tsv.
func readSpecPayMethods(t *testing.T) []specBodyKey {
	t.Helper()
	var rows []specBodyKey
	for _, c := range readSpecTSV(t, "spec-paymethods.tsv", 5) {
		require.Contains(t, []string{"是", "否", specCond}, c[3], "spec line %s", c[0])
		require.Equal(t, c[3] == specCond, c[4] != "", "spec line %s: a condition for cond only", c[0])
		rows = append(rows, specBodyKey{line: c[0], method: c[1], key: c[2], required: c[3], condition: c[4]})
	}
	return rows
}

// payMethodsOnly are tsymock's pay methods that §5.2 (V2.1.5) does not have, each with the
// reason it is there. None today: a method of a later version would go here.
var payMethodsOnly = map[string]string{}

// bodyOnly are body keys of tsymock's table that §5.2's tables do not have, keyed
// {payMethod, key}, each with the reason. None today.
var bodyOnly = map[[2]string]string{}

// requiredByTheEmulator are keys §5.2 requires (是) that the table leaves optional because the
// emulator checks them itself (10001 when missing), each with the reason.
var requiredByTheEmulator = map[[2]string]string{
	// §5.2's own example (line 12385) spells it payType; the emulator takes either spelling and
	// answers 10001 without both (emulator gatewayType).
	{"GATEWAY_VSP", "paytype"}:     "paytype or payType, as §5.2's example (line 12385) spells it",
	{"GATEWAY_VSP_ORG", "paytype"}: "paytype or payType, as §5.2's example (line 12385) spells it",
}

// TestPayMethodsMatchTheSpecification holds tsymock's pay method table to the tables of spec
// V2.1.5 §5.2: every key of a body is there, required (10001 when missing) exactly when the
// table says 是. A key required only in a case (cond) is not required by the table: the emulator
// checks the case where it can (see docs/methods.md).
func TestPayMethodsMatchTheSpecification(t *testing.T) {
	for _, row := range readSpecPayMethods(t) {
		t.Run(row.method+"/"+row.key, func(t *testing.T) {
			m, ok := LookupPayMethod(row.method)
			require.True(t, ok, "spec line %s: %s is not in tsymock's pay method table", row.line, row.method)
			p, ok := findParam(m.Fields, row.key)
			require.True(t, ok, "spec line %s: %s's body has no key %s", row.line, row.method, row.key)
			k := [2]string{row.method, row.key}
			switch {
			case row.required == "是" && requiredByTheEmulator[k] != "":
				assert.False(t, p.Required, "spec line %s: %s.%s is in requiredByTheEmulator: required by the table, "+
					"the exception is stale", row.line, row.method, row.key)
			case row.required == "是":
				assert.True(t, p.Required, "spec line %s: §5.2 requires %s of %s", row.line, row.key, row.method)
			case row.required == "否":
				assert.False(t, p.Required, "spec line %s: §5.2 makes %s of %s optional", row.line, row.key, row.method)
			case row.required == specCond:
				assert.False(t, p.Required, "spec line %s: §5.2 requires %s of %s only for %s: the emulator checks it",
					row.line, row.key, row.method, row.condition)
			}
		})
	}
}

// TestPayMethodsAreInTheSpecification: the other way round, every pay method of tsymock's table
// and every key of its body is in the tables of §5.2, or in payMethodsOnly or bodyOnly saying
// why; and no exception names what the specification has or tsymock does not.
func TestPayMethodsAreInTheSpecification(t *testing.T) {
	spec := map[string]map[string]string{} // payMethod → key → required
	for _, row := range readSpecPayMethods(t) {
		if spec[row.method] == nil {
			spec[row.method] = map[string]string{}
		}
		spec[row.method][row.key] = row.required
	}
	for _, m := range PayMethods() {
		t.Run(m.Key, func(t *testing.T) {
			keys, ok := spec[m.Key]
			if !ok {
				assert.Contains(t, payMethodsOnly, m.Key, "%s is not a pay method of §5.2", m.Key)
				return
			}
			for _, p := range m.Fields {
				if _, ok := keys[p.Name]; !ok {
					assert.Contains(t, bodyOnly, [2]string{m.Key, p.Name}, "%s.%s is in no table of §5.2", m.Key, p.Name)
				}
			}
		})
	}
	t.Run("exceptions", func(t *testing.T) {
		for key := range payMethodsOnly {
			assert.NotContains(t, spec, key, "payMethodsOnly names a pay method of §5.2")
			_, ok := LookupPayMethod(key)
			assert.True(t, ok, "payMethodsOnly names a method tsymock does not have")
		}
		for k := range bodyOnly {
			assert.NotContains(t, spec[k[0]], k[1], "%s: bodyOnly names a key of §5.2", k)
			m, _ := LookupPayMethod(k[0])
			_, ok := findParam(m.Fields, k[1])
			assert.True(t, ok, "%s: bodyOnly names a key tsymock's table does not have", k)
		}
		for k := range requiredByTheEmulator {
			assert.Equal(t, "是", spec[k[0]][k[1]], "%s: requiredByTheEmulator names a key §5.2 does not require", k)
		}
	})
}

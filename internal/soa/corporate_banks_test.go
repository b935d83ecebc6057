package soa

import (
	"bufio"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestCorporateBanksMatchTheSpecification holds CorporateBanks to the rows
// of spec §6.21 read from the specification (testdata/spec-corporate-banks.tsv):
// the same names in the same order, the spec's second 遂宁银行 left out.
// With TSYMOCK_SPEC naming spec-V2.1.5.txt it also reads the rows again from
// the spec's lines 14619-15273, so that the testdata stays true to the spec.
func TestCorporateBanksMatchTheSpecification(t *testing.T) {
	rows := readSpecTSV(t, "spec-corporate-banks.tsv", 2)
	require.Len(t, rows, 207, "spec §6.21 has 207 rows")
	var names, twice []string
	for _, r := range rows {
		if slices.Contains(names, r[1]) {
			twice = append(twice, r[1])
			continue
		}
		names = append(names, r[1])
	}
	assert.Equal(t, []string{"遂宁银行"}, twice, "the spec lists one name twice")
	assert.Equal(t, names, CorporateBanks())

	path := os.Getenv("TSYMOCK_SPEC")
	if path == "" {
		t.Skip("TSYMOCK_SPEC does not name spec-V2.1.5.txt: the rows are not read again from the spec")
	}
	var fromSpec [][]string
	for i, line := range specLines(t, path, 14619, 15273) {
		if name := strings.TrimSpace(strings.ReplaceAll(line, "\f", "")); name != "" && !specNoise.MatchString(name) {
			fromSpec = append(fromSpec, []string{strconv.Itoa(14619 + i), name})
		}
	}
	assert.Equal(t, fromSpec, rows)
}

// specNoise are the lines of §6.21 that are no bank: its heading, its
// column head and the page footers ("248 / 265").
var specNoise = regexp.MustCompile(`^(6\.21 对公户银行名称|对公户银行名称（简称）|\d+ / 265)$`)

// specLines are the lines from..to (1-based, inclusive) of the spec text at
// path: the i-th is line from+i.
func specLines(t *testing.T, path string, from, to int) []string {
	t.Helper()
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	var lines []string
	sc := bufio.NewScanner(f)
	for n := 1; n <= to && sc.Scan(); n++ {
		if n >= from {
			lines = append(lines, sc.Text())
		}
	}
	require.NoError(t, sc.Err())
	require.Len(t, lines, to-from+1, "%s has the lines %d-%d", path, from, to)
	return lines
}

// TestIsCorporateBank: a name is one of §6.21's exactly as the list writes
// it, each of a bank's ways (部分银行支持多种上送方式) counting.
func TestIsCorporateBank(t *testing.T) {
	for name, want := range map[string]bool{
		"工商银行": true, "中国工商银行": true, "中国工商银行股份有限公司": true, "农业银行": true,
		"大华银行（中国）": true, "花旗银行(中国)有限公司": true, "遂宁银行": true,
		"大华银行(中国)": false, "花旗银行（中国）有限公司": false, // the spec's own brackets
		"火星银行": false, "中国农业银行杭州分行": false, " 中国银行": false, "": false,
	} {
		assert.Equal(t, want, IsCorporateBank(name), name)
	}
}

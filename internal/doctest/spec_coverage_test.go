package doctest

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tsymock/tsymock/internal/soa"
)

// specCoverage is the page that maps every section of spec V2.1.5 to what
// tsymock does and the test that shows it.
const specCoverage = "docs/spec-coverage.md"

// coverageRow is one row of a table of the page, in the section (its "## "
// heading) it is under.
type coverageRow struct {
	section string
	line    int
	cells   []string
}

// readCoverageRows reads the rows of every table of the page but the
// legend (the first), headers and separators left out.
func readCoverageRows(t *testing.T) []coverageRow {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(root, specCoverage))
	require.NoError(t, err)
	var rows []coverageRow
	section, tables, inTable := "", 0, false
	for i, line := range strings.Split(string(b), "\n") {
		switch {
		case strings.HasPrefix(line, "## "):
			section = strings.TrimPrefix(line, "## ")
		case !strings.HasPrefix(line, "|"):
			inTable = false
		case !inTable:
			inTable = true // the header; the separator follows
			tables++
		case tables > 1 && !strings.HasPrefix(line, "|---"):
			cells := strings.Split(strings.Trim(line, "|"), " | ")
			for j := range cells {
				cells[j] = strings.TrimSpace(cells[j])
			}
			rows = append(rows, coverageRow{section: section, line: i + 1, cells: cells})
		}
	}
	return rows
}

// testLink is a link to a test function: [`TestName`](../path_test.go).
var testLink = regexp.MustCompile("\\[`?((?:Test|Fuzz|Example)\\w*)`?\\]\\(\\.\\./([^)#]+)\\)")

// TestSpecCoverageNamesRealTests: every row names at least one test, and
// every test it names is a function of the file it links.
func TestSpecCoverageNamesRealTests(t *testing.T) {
	rows := readCoverageRows(t)
	require.NotEmpty(t, rows)
	files := map[string]string{}
	for _, r := range rows {
		links := testLink.FindAllStringSubmatch(r.cells[len(r.cells)-1], -1)
		if !assert.NotEmpty(t, links, "%s:%d: the row names no test", specCoverage, r.line) {
			continue
		}
		for _, l := range links {
			name, path := l[1], l[2] // a link of docs/, so its ../ is the repository
			src, ok := files[path]
			if !ok {
				b, err := os.ReadFile(filepath.Join(root, path))
				if !assert.NoError(t, err, "%s:%d", specCoverage, r.line) {
					continue
				}
				src, files[path] = string(b), string(b)
			}
			assert.Regexp(t, `(?m)^func `+name+`\(`, src, "%s:%d: %s has no func %s", specCoverage, r.line, l[2], name)
		}
	}
}

// rowsUnder are the rows of the sections whose heading starts with prefix.
func rowsUnder(rows []coverageRow, prefix string) []coverageRow {
	var out []coverageRow
	for _, r := range rows {
		if strings.HasPrefix(r.section, prefix) {
			out = append(out, r)
		}
	}
	return out
}

// TestSpecCoverageHasEveryMethod: every method of the catalogue has a row
// of the methods section, and every method a row names is in it.
func TestSpecCoverageHasEveryMethod(t *testing.T) {
	catalogue := map[string]bool{}
	for _, m := range soa.DefaultCatalogue().Methods() {
		catalogue[m.FullName()] = true
	}
	named := map[string]bool{}
	for _, r := range rowsUnder(readCoverageRows(t), "§4 ") {
		for _, m := range regexp.MustCompile("`(\\w+Service\\.\\w+)`").FindAllStringSubmatch(strings.Join(r.cells, " "), -1) {
			assert.True(t, catalogue[m[1]], "%s:%d names %s, which the catalogue does not have", specCoverage, r.line, m[1])
			named[m[1]] = true
		}
	}
	for name := range catalogue {
		assert.True(t, named[name], "%s has no row for %s (a catalogue method)", specCoverage, name)
	}
}

// TestSpecCoverageHasEveryPayMethod: every pay method of spec §5.2
// (internal/soa/paymethods.go) has one row, and no row names another.
func TestSpecCoverageHasEveryPayMethod(t *testing.T) {
	var keys []string
	for _, r := range rowsUnder(readCoverageRows(t), "§5.2 ") {
		keys = append(keys, strings.Trim(r.cells[0], "`"))
	}
	var want []string
	for _, m := range soa.PayMethods() {
		want = append(want, m.Key)
	}
	assert.ElementsMatch(t, want, keys, "%s: one row per pay method of internal/soa/paymethods.go", specCoverage)
}

// TestSpecCoverageHasEveryErrorCode: every error code of
// internal/soa/codes.go has one row, in the specification's order, with
// the specification's text as internal/soa/testdata/spec-error-codes.tsv
// extracted it (TestCodeTextsMatchTheSpecification holds codes.go to the
// same file).
func TestSpecCoverageHasEveryErrorCode(t *testing.T) {
	spec := specCodeTexts(t)
	var got, want []string
	for _, r := range rowsUnder(readCoverageRows(t), "§7 ") {
		got = append(got, r.cells[0])
		assert.Equal(t, spec[r.cells[0]], r.cells[1], "%s:%d: the text of %s", specCoverage, r.line, r.cells[0])
	}
	for _, line := range specCodeLines(t) {
		want = append(want, line[0])
	}
	assert.Equal(t, want, got, "%s: one row per error code, in the specification's order", specCoverage)
	assert.ElementsMatch(t, soa.Codes(), got, "%s: the codes of internal/soa/codes.go", specCoverage)
}

// pdfSpace is a space the PDF's text extraction put beside a Chinese
// character or a full-width sign, which the specification does not have.
var pdfSpace = regexp.MustCompile(`\s*([\p{Han}\x{3000}-\x{303f}\x{ff00}-\x{ffef}])\s*`)

// specCodeLines are the code and text of each row of the specification's
// §7 table, in its order.
func specCodeLines(t *testing.T) [][2]string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(root, "internal/soa/testdata/spec-error-codes.tsv"))
	require.NoError(t, err)
	var out [][2]string
	for _, line := range strings.Split(string(b), "\n") {
		if cols := strings.Split(line, "\t"); len(cols) == 3 && !strings.HasPrefix(line, "#") {
			out = append(out, [2]string{cols[1], pdfSpace.ReplaceAllString(cols[2], "$1")})
		}
	}
	return out
}

// specCodeTexts are the specification's texts by code.
func specCodeTexts(t *testing.T) map[string]string {
	out := map[string]string{}
	for _, l := range specCodeLines(t) {
		out[l[0]] = l[1]
	}
	return out
}

// specSections are the numbered sections of spec V2.1.5 the page must
// cover, from its table of contents: §2–§3 (transport, signing,
// encryption, notifications, pages), §4 (methods and notifications), §5
// (field structures) and §6 (dictionaries).
func specSections() []string {
	var out []string
	add := func(prefix string, n int) {
		for i := 1; i <= n; i++ {
			out = append(out, fmt.Sprintf("§%s%d", prefix, i))
		}
	}
	add("2.", 4)
	add("3.", 8)
	add("4.1.", 27)
	add("4.2.", 25)
	add("4.3.", 5)
	add("5.", 19)
	add("6.", 21)
	return out
}

// TestSpecCoverageHasEverySection: each section of the specification has
// its row, once.
func TestSpecCoverageHasEverySection(t *testing.T) {
	var got []string
	for _, r := range readCoverageRows(t) {
		if strings.HasPrefix(r.cells[0], "§") {
			got = append(got, r.cells[0])
		}
	}
	want := specSections()
	assert.Equal(t, want, got, "%s: a row per section, in the specification's order", specCoverage)
	assert.Equal(t, len(slices.Compact(slices.Clone(got))), len(got))
}

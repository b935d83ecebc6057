package soa

import (
	"bufio"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// specCode is one row of testdata/spec-error-codes.tsv: an error code and its text as the
// specification's §7 table has them, with the line of spec-V2.1.5.txt it was read from.
type specCode struct {
	line, code, text string
}

// readSpecTSV reads a table of testdata read from the specification: its rows of cols columns,
// split at tabs; empty lines and lines starting with # (comments) are skipped.
func readSpecTSV(t *testing.T, name string, cols int) [][]string {
	t.Helper()
	f, err := os.Open("testdata/" + name)
	require.NoError(t, err)
	defer f.Close()
	var rows [][]string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if line := sc.Text(); line != "" && !strings.HasPrefix(line, "#") {
			c := strings.Split(line, "\t")
			require.Len(t, c, cols, "%s: %q", name, line)
			rows = append(rows, c)
		}
	}
	require.NoError(t, sc.Err())
	return rows
}

// readSpecCodes reads testdata/spec-error-codes.tsv.
func readSpecCodes(t *testing.T) []specCode {
	t.Helper()
	var rows []specCode
	for _, c := range readSpecTSV(t, "spec-error-codes.tsv", 3) {
		rows = append(rows, specCode{line: c[0], code: c[1], text: c[2]})
	}
	return rows
}

// pdfSpace is a space that the PDF text extraction put next to a Chinese character (or a
// full-width sign): "参数 service 错误" is "参数service错误" in the specification.
var pdfSpace = regexp.MustCompile(`\s*([\p{Han}\x{3000}-\x{303f}\x{ff00}-\x{ffef}])\s*`)

// TestCodeTextsMatchTheSpecification holds the error-code table to the specification's §7: the
// same codes in the same order, each with the same text (spec V2.1.5 §7).
func TestCodeTextsMatchTheSpecification(t *testing.T) {
	spec := readSpecCodes(t)
	table := codeTable()
	require.Len(t, table, len(spec), "codes.go and the specification list as many codes")
	for i, row := range spec {
		t.Run(row.code, func(t *testing.T) {
			want := pdfSpace.ReplaceAllString(row.text, "$1")
			assert.Equal(t, row.code, table[i].code, "spec line %s: the %d-th code", row.line, i+1)
			assert.Equal(t, want, table[i].text, "spec line %s", row.line)
		})
	}
}

// TestPDFSpacesAreDropped: only spaces beside Chinese text go; those between Latin words stay.
func TestPDFSpacesAreDropped(t *testing.T) {
	tests := map[string]string{
		"参数 service 错误": "参数service错误",
		"http 通信错误(通信过程出错或返回码不为 200)": "http通信错误(通信过程出错或返回码不为200)",
		"不支持的请求来源（如手机、PC）":            "不支持的请求来源（如手机、PC）",
		"提现只支持 T0T1":                  "提现只支持T0T1",
		"卡 bin 在卡 bin 表中不存在":          "卡bin在卡bin表中不存在",
		"a b":                         "a b",
	}
	for in, want := range tests {
		assert.Equal(t, want, pdfSpace.ReplaceAllString(in, "$1"), in)
	}
}

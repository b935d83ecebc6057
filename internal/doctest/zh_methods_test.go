package doctest

import (
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

// The English methods page and its Chinese version (docs/zh-CN/methods.md),
// which must not drift apart silently.
const (
	methodsPage   = "docs/methods.md"
	zhMethodsPage = "docs/zh-CN/methods.md"
)

// identRE is one identifier of a method heading ("createMember",
// "MemberService", "NotifyReserveFundIn"); separatorRE splits a heading
// naming several ("lockMember / unlockMember", "signContract, signContractQuery").
var (
	identRE     = regexp.MustCompile(`^[A-Za-z]+$`)
	separatorRE = regexp.MustCompile(`\s*(?:/|,)\s*`)
	codeRE      = regexp.MustCompile(`\b[1-9][0-9]{4}\b`)
)

// methodHeadings are the headings of md that name methods, services or
// payMethods, which the Chinese page keeps untranslated: each part an
// identifier that starts lower case ("pay", "payMethods") or is camel case
// ("MemberService"). Headings in English words ("Test environment",
// "Notifications", "Orders") are translated and so left out.
func methodHeadings(md string) []string {
	var out []string
	for _, l := range strings.Split(Prose(md), "\n") {
		m := headingRE.FindStringSubmatch(l)
		if m != nil && isMethodHeading(m[1]) {
			out = append(out, strings.TrimSpace(l))
		}
	}
	return out
}

func isMethodHeading(text string) bool {
	for _, part := range separatorRE.Split(text, -1) {
		if !identRE.MatchString(part) {
			return false
		}
		lower := part[:1] == strings.ToLower(part[:1])
		if !lower && strings.ToLower(part[1:]) == part[1:] {
			return false // one capitalised English word
		}
	}
	return true
}

// listedCodes are the error codes of the specification's §7 that md names.
func listedCodes(md string) []string {
	known := soa.Codes()
	var out []string
	for _, c := range codeRE.FindAllString(md, -1) {
		if slices.Contains(known, c) && !slices.Contains(out, c) {
			out = append(out, c)
		}
	}
	return out
}

func readDoc(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(root, path))
	require.NoError(t, err)
	return string(b)
}

// TestChineseMethodsPageMatches: every method heading of docs/methods.md
// (the same level, the same text) and every error code it lists appear in
// docs/zh-CN/methods.md, so that a method or code added to the English page
// cannot be left out of the Chinese one, nor a heading removed from it.
func TestChineseMethodsPageMatches(t *testing.T) {
	en, zh := readDoc(t, methodsPage), readDoc(t, zhMethodsPage)
	headings := methodHeadings(en)
	require.Greater(t, len(headings), 40, "%s: the method headings", methodsPage)
	assert.Equal(t, headings, methodHeadings(zh), "%s: the method headings of %s, in its order", zhMethodsPage, methodsPage)
	codes := listedCodes(en)
	require.NotEmpty(t, codes)
	assert.ElementsMatch(t, codes, listedCodes(zh), "%s: the error codes %s lists", zhMethodsPage, methodsPage)
	assert.Contains(t, zh, "(../methods.md)", "%s links the English page it translates", zhMethodsPage)
}

// TestMethodHeadings: what counts as a method heading, and that removing
// one from a page is seen.
func TestMethodHeadings(t *testing.T) {
	md := "# Methods\n## MemberService\n### Test environment\n### createMember\n#### payMethods\n" +
		"### lockMember / unlockMember\n### signContract, signContractQuery\n## Notifications\n### pay\n" +
		"### NotifyReserveFundIn\n```\n## notAHeading\n```\n"
	want := []string{"## MemberService", "### createMember", "#### payMethods", "### lockMember / unlockMember",
		"### signContract, signContractQuery", "### pay", "### NotifyReserveFundIn"}
	assert.Equal(t, want, methodHeadings(md))
	assert.NotEqual(t, want, methodHeadings(strings.Replace(md, "### pay\n", "", 1)))
	assert.Equal(t, []string{"30022", "10000"}, listedCodes("30022 and **10000**, 2026, 30022, 12345678, 99999"))
}

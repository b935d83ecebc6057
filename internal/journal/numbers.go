package journal

import (
	"regexp"
	"strings"
	"sync"

	"github.com/tsymock/tsymock/internal/emulator"
)

// Where a card or identity number may hide in text. People write a card
// number as one run of digits or in groups of four ("6222 0212 3456 7890
// 123", "6222-0212-3456-7890"), and an identity number as one run or as
// 6-8-4 ("110101 19900307 803X"); each form is found whole.

// longNumber finds a plain run in a text whose fields cannot be told apart
// (a req that is not JSON, an error message): 13 to 19 characters anywhere
// in a longer run too. It is compiled when first used, not at every start
// of a server.
var longNumber = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`\d{12,18}[\dXx]`) })

// maskAllNumbers masks every plain run longNumber finds and every grouped
// number in s.
func maskAllNumbers(s string) string {
	s = longNumber().ReplaceAllStringFunc(s, emulator.MaskNumber)
	return replaceLongRuns(s, func(string) bool { return true })
}

// replaceLongRuns masks each whole number of 13 to 19 digits in text (the
// last may be an X, as an identity number's check digit), plain or
// grouped, for which mask says so. Whole numbers only: part of a longer
// number is no card.
func replaceLongRuns(text string, mask func(run string) bool) string {
	var b strings.Builder
	last := 0
	forEachNumber(text, func(start, end int) {
		if run := text[start:end]; mask(run) {
			b.WriteString(text[last:start])
			b.WriteString(emulator.MaskNumber(stripSeparators(run)))
			last = end
		}
	})
	if last == 0 {
		return text
	}
	b.WriteString(text[last:])
	return b.String()
}

// NumberSpans are where text holds what may be a card or identity number,
// as the journal finds them in free text: each [start, end) of text.
func NumberSpans(text string) [][2]int {
	var spans [][2]int
	forEachNumber(text, func(start, end int) { spans = append(spans, [2]int{start, end}) })
	return spans
}

// forEachNumber calls fn with the bounds of each whole number of 13 to 19
// digits in text, plain or grouped.
func forEachNumber(text string, fn func(start, end int)) {
	for i := 0; i < len(text); {
		if !isDigit(text[i]) {
			i++
			continue
		}
		end, digits := numberAt(text, i)
		if digits >= 13 && digits <= 19 {
			fn(i, end)
		}
		i = end
	}
}

// numberAt finds the number that starts at text[i], a digit no digit
// precedes: a grouped card or identity number when the text holds one
// there (and no group of a longer series ends before it), else the run of digits (with an X ending it, as an identity
// number's check digit, when no letter or digit follows the X). It returns
// where the number ends and how many digits (and X) it holds.
func numberAt(text string, i int) (end, digits int) {
	if end, digits, ok := groupedAt(text, i); ok && !continues(text, i) && !maskedTail(text, i) {
		return end, digits
	}
	j := digitsEnd(text, i)
	if endsWithX(text, j) {
		j++
	}
	return j, j - i
}

// continues reports whether the digits at text[i] follow a group of
// digits and a separator: a group in the middle of a longer series
// ("1111 2222 3333 4444 5555 6") does not start a number.
func continues(text string, i int) bool {
	return i >= 2 && (text[i-1] == ' ' || text[i-1] == '-') && isDigit(text[i-2])
}

// maskedTail reports whether the digits at text[i] are the last four of a
// number masked already ("622202*********0123"): they end it, and do not
// start a grouped number with the groups after them, so that masking a
// masked text changes nothing (found by FuzzReplaceLongRuns).
func maskedTail(text string, i int) bool {
	return i >= 3 && text[i-3:i] == "***"
}

// maxGroups is the most groups a written number has: a 19-digit card in
// fours.
const maxGroups = 5

// groupedAt reads a number written in groups at text[i]: groups of digits
// joined by one separator, the same each time (a space or a dash). It is
// a card number when every group but the last holds 4 digits (the last 1
// to 4, 13 to 19 in all), an identity number when the groups are 6-8-4 or
// 6-8-3 and an X. A letter or digit right after the last group makes it
// part of a longer word: not a number.
func groupedAt(text string, i int) (end, digits int, ok bool) {
	var groups [maxGroups]int
	n, j, sep := 0, i, byte(0)
	for {
		k := digitsEnd(text, j)
		groups[n] = k - j
		n++
		if k+1 >= len(text) || (text[k] != ' ' && text[k] != '-') || (sep != 0 && text[k] != sep) || !isDigit(text[k+1]) {
			j = k
			break
		}
		if n == maxGroups {
			return 0, 0, false
		}
		sep, j = text[k], k+1
	}
	x := endsWithX(text, j)
	if x {
		j++
	}
	if n < 3 || (j < len(text) && isWordByte(text[j])) {
		return 0, 0, false
	}
	for _, g := range groups[:n] {
		digits += g
	}
	if x {
		digits++
	}
	return j, digits, isGroupedCard(groups[:n], digits, x) || isGroupedIdentity(groups[:n], x)
}

// isGroupedCard: fours, the last group 1 to 4 digits, 13 to 19 digits, no X.
func isGroupedCard(groups []int, digits int, x bool) bool {
	if x || len(groups) < 4 || digits < 13 || digits > 19 {
		return false
	}
	for _, g := range groups[:len(groups)-1] {
		if g != 4 {
			return false
		}
	}
	last := groups[len(groups)-1]
	return last >= 1 && last <= 4
}

// isGroupedIdentity: 6-8-4, or 6-8-3 and the check digit X.
func isGroupedIdentity(groups []int, x bool) bool {
	if len(groups) != 3 || groups[0] != 6 || groups[1] != 8 {
		return false
	}
	return (groups[2] == 4 && !x) || (groups[2] == 3 && x)
}

// hasLongRun reports whether s may hold a number replaceLongRuns masks: 13
// digits in a row, a lone space or dash between two digits not breaking
// the row. It is a cheap first look: most reqs hold none.
func hasLongRun(s string) bool {
	run := 0
	for i := 0; i < len(s); i++ {
		switch {
		case isDigit(s[i]):
			run++
		case (s[i] == ' ' || s[i] == '-') && i > 0 && isDigit(s[i-1]) && i+1 < len(s) && isDigit(s[i+1]):
		default:
			run = 0
		}
		if run >= 13 {
			return true
		}
	}
	return false
}

// digitsEnd is where the run of digits at text[i] ends.
func digitsEnd(text string, i int) int {
	for i < len(text) && isDigit(text[i]) {
		i++
	}
	return i
}

// endsWithX reports whether text[j] is an X (or x) that ends a number: no
// letter or digit follows it.
func endsWithX(text string, j int) bool {
	return j < len(text) && text[j]|0x20 == 'x' && (j+1 == len(text) || !isWordByte(text[j+1]))
}

// stripSeparators is a grouped number's digits alone.
func stripSeparators(run string) string {
	if !strings.ContainsAny(run, " -") {
		return run
	}
	return strings.NewReplacer(" ", "", "-", "").Replace(run)
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// isWordByte is a letter or digit of ASCII: a run next to one is part of a
// longer word, not a number on its own.
func isWordByte(c byte) bool {
	return isDigit(c) || (c|0x20 >= 'a' && c|0x20 <= 'z')
}

package main

import (
	"io"
	"strings"
	"unicode"

	"golang.org/x/text/width"
)

// writeTable writes rows as columns two spaces apart, padded by the width
// a terminal gives each rune: text/tabwriter counts runes, so a column of
// Chinese rule names (two columns a character) pushed the next one out of
// line. The last column is not padded.
func writeTable(w io.Writer, rows [][]string) error {
	var widths []int
	for _, row := range rows {
		for i, cell := range row {
			if i == len(widths) {
				widths = append(widths, 0)
			}
			widths[i] = max(widths[i], displayWidth(cell))
		}
	}
	var b strings.Builder
	for _, row := range rows {
		for i, cell := range row {
			b.WriteString(cell)
			if i < len(row)-1 {
				b.WriteString(strings.Repeat(" ", widths[i]-displayWidth(cell)+2))
			}
		}
		b.WriteByte('\n')
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// displayWidth is how many terminal columns s takes: two for an East Asian
// wide or fullwidth rune (UAX #11, golang.org/x/text/width: Han, kana,
// Hangul, fullwidth forms and punctuation such as "，"), none for a
// combining mark, one for the rest.
func displayWidth(s string) int {
	n := 0
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Me, r) || r == '\u200b':
		case wide(r):
			n += 2
		default:
			n++
		}
	}
	return n
}

// wide reports whether r is East Asian Wide or Fullwidth (UAX #11).
func wide(r rune) bool {
	k := width.LookupRune(r).Kind()
	return k == width.EastAsianWide || k == width.EastAsianFullwidth
}

package main

import (
	"io"
	"strings"
	"unicode"
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
// wide or fullwidth rune (UAX #11: Han, kana, Hangul, fullwidth forms and
// punctuation such as "，"), none for a combining mark, one for the rest.
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

// wide reports whether r is East Asian Wide or Fullwidth (UAX #11), by the
// blocks that hold them.
func wide(r rune) bool {
	switch {
	case r < 0x1100:
		return false
	case r <= 0x115F, // Hangul Jamo initials
		r >= 0x2E80 && r <= 0x303E,   // CJK radicals, Kangxi, ideographic description, CJK symbols and punctuation
		r >= 0x3041 && r <= 0x33FF,   // kana, Bopomofo, Hangul compatibility, Kanbun, CJK strokes, enclosed, compatibility
		r >= 0x3400 && r <= 0x4DBF,   // CJK extension A
		r >= 0x4E00 && r <= 0x9FFF,   // CJK unified ideographs
		r >= 0xA000 && r <= 0xA4CF,   // Yi
		r >= 0xAC00 && r <= 0xD7A3,   // Hangul syllables
		r >= 0xF900 && r <= 0xFAFF,   // CJK compatibility ideographs
		r >= 0xFE10 && r <= 0xFE19,   // vertical forms
		r >= 0xFE30 && r <= 0xFE6F,   // CJK compatibility forms, small form variants
		r >= 0xFF00 && r <= 0xFF60,   // fullwidth forms
		r >= 0xFFE0 && r <= 0xFFE6,   // fullwidth signs
		r >= 0x1F300 && r <= 0x1F64F, // pictographs, emoticons
		r >= 0x1F900 && r <= 0x1F9FF, // supplemental pictographs
		r >= 0x20000 && r <= 0x3FFFD: // CJK extensions B and beyond
		return true
	}
	return false
}

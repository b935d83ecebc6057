package lang

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// List is a list of values in a sentence: in English as Go prints a
// slice ([200126 100001], the bytes tsymock always wrote), in Chinese
// with the enumeration comma (200126、100001).
type List []string

// in writes the list in l.
func (s List) in(l Lang) string {
	if l == Chinese {
		return strings.Join(s, "、")
	}
	return fmt.Sprint([]string(s))
}

// duration writes d in l: in English as Go does (8h0m0s, 10m0s), in
// Chinese in words (8 小时, 10 分钟, 7 小时 59 分 49 秒, 1.5 秒), for a
// Chinese sentence reads Go's syntax as code.
func duration(d time.Duration, l Lang) string {
	if l != Chinese {
		return d.String()
	}
	sign := ""
	if d < 0 {
		sign, d = "-", -d
	}
	h, m := d/time.Hour, d%time.Hour/time.Minute
	s := d % time.Minute
	var parts []string
	if h > 0 {
		parts = append(parts, fmt.Sprintf("%d 小时", h))
	}
	if m > 0 && s == 0 {
		parts = append(parts, fmt.Sprintf("%d 分钟", m))
	} else if m > 0 {
		parts = append(parts, fmt.Sprintf("%d 分", m))
	}
	if s > 0 || len(parts) == 0 {
		parts = append(parts, strconv.FormatFloat(s.Seconds(), 'f', -1, 64)+" 秒")
	}
	return sign + strings.Join(parts, " ")
}

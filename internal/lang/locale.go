package lang

import "strings"

// locale is a POSIX locale name taken apart, lower-cased:
// language[_territory][.codeset][@modifier]. A person writing a language
// may use a hyphen (zh-CN, as BCP 47 does) where POSIX has the underscore.
type locale struct {
	language, codeset string
}

// parseLocale takes a locale name apart: "zh_CN.UTF-8" is zh and utf-8,
// "ZH-cn" zh and no codeset, "C" c.
func parseLocale(name string) locale {
	name, _, _ = strings.Cut(strings.ToLower(name), "@")
	name, codeset, _ := strings.Cut(name, ".")
	language, _, _ := strings.Cut(strings.ReplaceAll(name, "-", "_"), "_")
	return locale{language: language, codeset: codeset}
}

// utf8 reports whether the locale's codeset is UTF-8, however it is
// spelt (UTF-8, utf8).
func (l locale) utf8() bool {
	return strings.ReplaceAll(l.codeset, "-", "") == "utf8"
}
